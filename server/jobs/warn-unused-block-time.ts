import { findUnusedBlockTime } from "../consortia/unused-time";
import type { Db } from "../db";
import { inTransaction } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { formatFacilityDate } from "../time";
import { clock } from "../clock";

/**
 * Daily: warn each consortium lead and the facility's staff about block time
 * that will go unused. One warning per block and cycle (the outbox key), so a
 * job that runs twice, or every day of the warning period, sends it once.
 */
export async function warnUnusedBlockTime(db: Db, now = clock.now()): Promise<number> {
  const findings = await findUnusedBlockTime(db, now);
  let queued = 0;
  for (const f of findings) {
    await inTransaction(async (tx) => {
      const recipients = await tx.membership.findMany({
        where: {
          OR: [
            { organisationId: f.consortium.leadOrganisationId, role: "CONSORTIUM_LEAD" },
            { organisationId: f.facility.organisationId, role: { in: ["FACILITY_STAFF", "FACILITY_ADMIN"] } },
          ],
        },
        select: { role: true, user: { select: { email: true } } },
      });
      for (const r of recipients) {
        const audience = r.role === "CONSORTIUM_LEAD" ? "lead" : "facility";
        await enqueueEmail(tx, {
          template: "block-unused-time",
          to: r.user.email,
          dedupeKey: `block-unused-time:${f.blockId}:${f.cycle.id}:${r.user.email}`,
          props: {
            consortium: f.consortium.acronym,
            endstation: f.endstation.name,
            facility: f.facility.name,
            cycle: f.cycle.name,
            cycleEnds: formatFacilityDate(new Date(f.cycle.endsAt.getTime() - 1), f.facility.timeZone),
            daysLeft: f.daysLeft,
            members: f.members.map((m) => ({ name: m.organisationName, unused: m.unused, share: m.share })),
            unshared: f.unshared,
            audience,
            url: appUrl(audience === "lead" ? "/consortia" : "/calendar"),
          },
        });
        queued++;
      }
    }, db);
  }
  return queued;
}
