import type { Db, Tx } from "../db";
import { usageOf } from "./load";
import { clock } from "../clock";

const day = 86_400_000;

export interface UnusedBlockTime {
  blockId: string;
  consortium: { id: string; acronym: string; name: string; leadOrganisationId: string; leadOrganisationName: string };
  endstation: { id: string; name: string };
  facility: { id: string; name: string; organisationId: string; timeZone: string };
  cycle: { id: string; name: string; endsAt: Date };
  /** Whole days until the cycle ends (rounded up). */
  daysLeft: number;
  /** Members whose share is not all booked: share − booked (pending or booked) > 0. */
  members: { organisationId: string; organisationName: string; share: number; booked: number; unused: number }[];
  /** Shifts of the cycle the lead has not given to any member. */
  unshared: number;
  /** Shifts of the cycle the facility has not placed on the calendar. */
  unplaced: number;
}

/**
 * Block time that will go unused: for every block and cycle that has not
 * ended and ends within the block's `unusedWarningDays`, the members whose
 * share is not all booked (share − booked when above 0), and what the lead
 * has not shared out. Blocks where everything is booked are left out. Meant
 * for a daily job that warns the lead and the facility.
 */
export async function findUnusedBlockTime(db: Db | Tx, now = clock.now()): Promise<UnusedBlockTime[]> {
  // Cycles ending in the next 180 days (the most unusedWarningDays allows), of facilities that host blocks.
  const cycles = await db.cycle.findMany({
    where: { endsAt: { gt: now, lte: new Date(now.getTime() + 180 * day) }, facility: { endstations: { some: { blocks: { some: {} } } } } },
    orderBy: { endsAt: "asc" },
  });
  if (cycles.length === 0) return [];
  const blocks = await db.blockAllocation.findMany({
    where: { endstation: { facilityId: { in: [...new Set(cycles.map((c) => c.facilityId))] } } },
    include: {
      consortium: { include: { leadOrganisation: { select: { name: true } }, members: { include: { organisation: { select: { name: true } } }, orderBy: { joinedAt: "asc" } } } },
      endstation: { include: { facility: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const found: UnusedBlockTime[] = [];
  for (const block of blocks) {
    for (const cycle of cycles) {
      const inBlock = cycle.facilityId === block.endstation.facilityId && cycle.startsAt >= block.firstCycleStart && cycle.endsAt <= block.lastCycleEnd;
      if (!inBlock || cycle.endsAt.getTime() - now.getTime() > block.unusedWarningDays * day) continue;
      const usage = await usageOf(db, block, cycle.id, now);
      const placed = await db.booking.aggregate({ where: { blockId: block.id, cycleId: cycle.id, kind: "BLOCK", state: "CONFIRMED" }, _sum: { shifts: true } });
      const members = usage.filter((u) => u.share - u.booked > 0).map((u) => ({ organisationId: u.organisationId, organisationName: u.organisationName, share: u.share, booked: u.booked, unused: u.share - u.booked }));
      const unshared = Math.max(0, block.shiftsPerCycle - usage.reduce((n, u) => n + u.share, 0));
      const unplaced = Math.max(0, block.shiftsPerCycle - (placed._sum.shifts ?? 0));
      if (members.length === 0 && unshared === 0) continue;
      found.push({
        blockId: block.id,
        consortium: { id: block.consortium.id, acronym: block.consortium.acronym, name: block.consortium.name, leadOrganisationId: block.consortium.leadOrganisationId, leadOrganisationName: block.consortium.leadOrganisation.name },
        endstation: { id: block.endstation.id, name: block.endstation.name },
        facility: { id: block.endstation.facility.id, name: block.endstation.facility.name, organisationId: block.endstation.facility.organisationId, timeZone: block.endstation.facility.timeZone },
        cycle: { id: cycle.id, name: cycle.name, endsAt: cycle.endsAt },
        daysLeft: Math.ceil((cycle.endsAt.getTime() - now.getTime()) / day),
        members,
        unshared,
        unplaced,
      });
    }
  }
  return found;
}
