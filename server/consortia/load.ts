import type { Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";
import { formatFacilityDateTime } from "../time";
import { canSeeBlock, type ConsortiumFacts } from "./policy";
import { clock } from "../clock";

const blockInclude = {
  consortium: { include: { leadOrganisation: { select: { id: true, name: true } }, members: { include: { organisation: { select: { id: true, name: true } } }, orderBy: { joinedAt: "asc" } } } },
  endstation: { include: { facility: true } },
} as const;

export function consortiumFacts(consortium: { leadOrganisationId: string; members: { organisationId: string }[] }): ConsortiumFacts {
  return { leadOrganisationId: consortium.leadOrganisationId, memberOrganisationIds: consortium.members.map((m) => m.organisationId) };
}

/** A block the actor may see (lead, member organisation's people, the facility's staff); otherwise "not found". */
export async function loadVisibleBlock(tx: Tx | Db, actor: Actor, blockId: string) {
  const block = await tx.blockAllocation.findUnique({ where: { id: blockId }, include: blockInclude });
  if (!block || !canSeeBlock(actor, consortiumFacts(block.consortium), block.endstation.facility.organisationId)) throw notFound("The block");
  return block;
}
export type VisibleBlock = Awaited<ReturnType<typeof loadVisibleBlock>>;

/** A block's time placed on the calendar (a BLOCK booking), with its block, if the actor may see it. */
export async function loadVisiblePlacement(tx: Tx | Db, actor: Actor, placementId: string) {
  const placement = await tx.booking.findUnique({ where: { id: placementId } });
  if (!placement || placement.kind !== "BLOCK" || !placement.blockId) throw notFound("The block time");
  const block = await tx.blockAllocation.findUnique({ where: { id: placement.blockId }, include: blockInclude });
  if (!block || !canSeeBlock(actor, consortiumFacts(block.consortium), block.endstation.facility.organisationId)) throw notFound("The block time");
  return { placement, block };
}

/** A member's session with its placement and block, if the actor may see the block. */
export async function loadVisibleSession(tx: Tx | Db, actor: Actor, sessionId: string) {
  const session = await tx.blockSession.findUnique({ where: { id: sessionId }, include: { organisation: { select: { id: true, name: true } } } });
  if (!session) throw notFound("The session");
  const { placement, block } = await loadVisiblePlacement(tx, actor, session.placementId).catch(() => {
    throw notFound("The session");
  });
  return { session, placement, block };
}

/** The cycles a block runs over: the facility's cycles inside [firstCycleStart, lastCycleEnd]. */
export function blockCycles(tx: Tx | Db, block: { firstCycleStart: Date; lastCycleEnd: Date; endstation: { facilityId: string } }) {
  return tx.cycle.findMany({
    where: { facilityId: block.endstation.facilityId, startsAt: { gte: block.firstCycleStart }, endsAt: { lte: block.lastCycleEnd } },
    orderBy: { startsAt: "asc" },
  });
}

export async function blockCycle(tx: Tx | Db, block: VisibleBlock, cycleId: string) {
  const cycle = (await blockCycles(tx, block)).find((c) => c.id === cycleId);
  return cycle ?? null;
}

/** Sessions that hold time and count against a member's share. */
export const activeSessionStates = ["PENDING_APPROVAL", "BOOKED"] as const;

/** "8 Mar 2027 08:00 to 16 Mar 2027 08:00 Europe/London". */
export function formatRange(startsAt: Date, endsAt: Date, timeZone: string): string {
  return `${formatFacilityDateTime(startsAt, timeZone).replace(` ${timeZone}`, "")} to ${formatFacilityDateTime(endsAt, timeZone)}`;
}

export const shiftsText = (n: number) => `${n} shift${n === 1 ? "" : "s"}`;

/** Shifts a member organisation has booked (pending or booked) in a block's cycle, over all its placements still on the calendar. */
export async function bookedShifts(tx: Tx | Db, blockId: string, cycleId: string, organisationId: string): Promise<number> {
  const sum = await tx.blockSession.aggregate({
    where: { organisationId, cycleId, state: { in: [...activeSessionStates] }, placement: { blockId, state: "CONFIRMED" } },
    _sum: { shifts: true },
  });
  return sum._sum.shifts ?? 0;
}

/**
 * Share, booked (pending or booked), used (booked sessions already over) and
 * remaining shifts per member of a block in one cycle. Members without a
 * share row have a share of 0.
 */
export async function usageOf(tx: Tx | Db, block: { id: string; consortium: { members: { organisationId: string; organisation: { name: string } }[] } }, cycleId: string, now = clock.now()) {
  const [shares, sessions] = await Promise.all([
    tx.blockShare.findMany({ where: { blockId: block.id, cycleId } }),
    tx.blockSession.findMany({ where: { cycleId, state: { in: [...activeSessionStates] }, placement: { blockId: block.id, state: "CONFIRMED" } }, select: { organisationId: true, shifts: true, state: true, endsAt: true } }),
  ]);
  return block.consortium.members.map((m) => {
    const share = shares.find((s) => s.organisationId === m.organisationId)?.shifts ?? 0;
    const mine = sessions.filter((s) => s.organisationId === m.organisationId);
    const booked = mine.reduce((n, s) => n + s.shifts, 0);
    const used = mine.filter((s) => s.state === "BOOKED" && s.endsAt <= now).reduce((n, s) => n + s.shifts, 0);
    return { organisationId: m.organisationId, organisationName: m.organisation.name, share, booked, used, remaining: share - booked };
  });
}
export type MemberUsage = Awaited<ReturnType<typeof usageOf>>[number];
