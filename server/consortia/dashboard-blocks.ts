import { type Actor } from "../access/actor";
import type { Db } from "../db";
import { blockCycles, consortiumFacts, usageOf } from "./load";
import { bookableOrganisationsOf, isLeadOf } from "./policy";

interface ConsortiumRow {
  id: string;
  leadOrganisationId: string;
  members: { organisationId: string; organisation: { name: string } }[];
}

/**
 * A consortium's blocks as its lead or member sees them on the dashboard:
 * per cycle not yet over, where the block is on the calendar, how much is
 * shared out, and the shares. The lead sees every member's share; a member
 * sees its own organisation's share and the block's totals only (other
 * members' figures and every session title stay on /consortia, under its
 * rules).
 */
export async function dashboardBlocks(db: Db, actor: Actor, consortium: ConsortiumRow, now: Date) {
  const isLead = isLeadOf(actor, consortium);
  const mine = bookableOrganisationsOf(actor, consortiumFacts(consortium));
  const blocks = await db.blockAllocation.findMany({
    where: { consortiumId: consortium.id, lastCycleEnd: { gt: now } },
    include: { endstation: { include: { facility: true } }, placements: { where: { kind: "BLOCK", state: "CONFIRMED" }, orderBy: { startsAt: "asc" } } },
    orderBy: { firstCycleStart: "asc" },
  });
  const views = await Promise.all(
    blocks.map(async (block) => {
      const cycles = (await blockCycles(db, block)).filter((c) => c.endsAt > now);
      return {
        id: block.id,
        endstation: block.endstation.name,
        facility: block.endstation.facility.name,
        timeZone: block.endstation.facility.timeZone,
        shiftHours: block.endstation.shiftHours,
        cycles: await Promise.all(
          cycles.map(async (cycle) => {
            const usage = await usageOf(db, { id: block.id, consortium }, cycle.id, now);
            const shared = usage.reduce((n, u) => n + u.share, 0);
            return {
              id: cycle.id,
              name: cycle.name,
              shiftsPerCycle: block.shiftsPerCycle,
              placements: block.placements.filter((p) => p.cycleId === cycle.id).map((p) => ({ reference: p.reference, startsAt: p.startsAt, endsAt: p.endsAt, shifts: p.shifts })),
              shared,
              unshared: block.shiftsPerCycle - shared,
              shares: usage.filter((u) => isLead || mine.includes(u.organisationId)),
            };
          }),
        ),
      };
    }),
  );
  return { isLead, blocks: views.filter((b) => b.cycles.length > 0) };
}
export type DashboardBlocks = Awaited<ReturnType<typeof dashboardBlocks>>;
