import { organisationIdsOf, type Actor } from "../access/actor";
import { requestParties } from "../access/request-parties";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";
import { nextCounter, twoDigitYear } from "../references/next-counter";

/** The applicant organisation's people and the facility's staff handle a request's samples; everyone else is told it does not exist. */
export async function loadSampleRequest(db: Db | Tx, actor: Actor, requestId: string) {
  const request = await db.accessRequest.findUnique({ where: { id: requestId }, include: { facility: true, organisation: { select: { id: true, name: true } } } });
  if (!request) throw notFound("The request");
  const { isApplicant, isFacilityStaff } = requestParties(actor, { organisationId: request.organisationId, facilityOrganisationId: request.facility.organisationId });
  if (!isApplicant && !isFacilityStaff) throw notFound("The request");
  return { request, isApplicant, isFacilityStaff };
}

/** Codes start with the facility's code, so a label scanned at the wrong facility is recognised as such. */
export async function nextCode(tx: Tx, facility: { id: string; code: string }, kind: "S" | "C") {
  return `${facility.code.toUpperCase()}-${kind}-${String(await nextCounter(tx, `${kind === "S" ? "sample" : "container"}-${facility.id}`)).padStart(6, "0")}`;
}

export async function nextShipmentReference(tx: Tx, facility: { id: string; code: string }, at: Date) {
  return `SHP-${facility.code.toUpperCase()}-${twoDigitYear(at.getUTCFullYear())}-${String(await nextCounter(tx, `shipment-${facility.id}-${at.getUTCFullYear()}`)).padStart(4, "0")}`;
}

/** Who did it, for the custody chain. */
export function custodyActor(actor: Actor) {
  return actor.kind === "user" ? { actorId: actor.userId, actorName: actor.name } : { actorId: null, actorName: "Lodestone" };
}

/** The facilities whose staff the actor is: where they may receive samples. */
export function staffFacilitiesOf(db: Db | Tx, actor: Actor) {
  return db.facility.findMany({ where: { organisationId: { in: organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN") } }, select: { id: true, name: true, code: true } });
}
