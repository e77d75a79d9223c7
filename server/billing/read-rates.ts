import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";

/** The rate cards of the facilities an admin runs, per endstation, newest first. */
export async function administeredRates(db: Db, actor: Actor) {
  const facilities = await db.facility.findMany({
    where: { organisationId: { in: organisationIdsOf(actor, "FACILITY_ADMIN") } },
    include: { endstations: { include: { rateCards: { orderBy: { validFrom: "desc" } } }, orderBy: { code: "asc" } }, addOnRates: { orderBy: [{ kind: "asc" }, { validFrom: "desc" }] } },
    orderBy: { name: "asc" },
  });
  return facilities;
}
