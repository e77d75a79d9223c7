import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid } from "../errors";
import type { Booking } from "../generated/prisma/client";
import { patternOf } from "../scheduling/facility-staff";
import { daysBetween, addDays, shiftAt, slotFor, type ShiftPattern, type Slot } from "../scheduling/shifts";
import { formatFacilityDateTime } from "../time";
import { blockCycles, formatRange, shiftsText } from "./load";
import { notifySessionChange } from "./notify-session";

/*
 * What happens to members' sessions when staff move or cancel the block
 * placement they sit in. The caller holds the block and the placement locked
 * (placement-lock.ts), so no session is booked meanwhile.
 *
 * Moving: the sessions move with the placement, each keeping its place in it
 * (the same number of shifts after the placement's first shift), and each
 * booker is emailed the new time. Staff move a block because the beamline
 * needs it (a fault, an overrun); the members' split of the block still
 * holds, and refusing would make every member cancel and race to rebook.
 *
 * Cancelling: the facility takes the time away, so the sessions in it cannot
 * happen; they are cancelled with the placement, their shifts go back to the
 * members' shares, and each booker is emailed with the staff's reason.
 */

const blockOf = (tx: Tx, blockId: string) => tx.blockAllocation.findUniqueOrThrow({ where: { id: blockId }, include: { consortium: true, endstation: { include: { facility: true } } } });
type Block = Awaited<ReturnType<typeof blockOf>>;

/** The placement's pending and booked sessions, locked: a member or the lead cancelling one at this moment waits, or has already won. */
async function lockActiveSessions(tx: Tx, placementId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "BlockSession" WHERE "placementId" = ${placementId} AND state IN ('PENDING_APPROVAL', 'BOOKED') ORDER BY id FOR UPDATE`;
  return tx.blockSession.findMany({ where: { id: { in: locked.map((s) => s.id) } }, include: { organisation: { select: { name: true } } }, orderBy: { startsAt: "asc" } });
}
type Session = Awaited<ReturnType<typeof lockActiveSessions>>[number];

const namedSessions = (sessions: Session[], zone: string) => sessions.map((s) => `${s.organisation.name}, ${formatRange(s.startsAt, s.endsAt, zone)}`).join("; ");

function placeOf(at: Date, pattern: ShiftPattern) {
  const place = shiftAt(at, pattern);
  if (!place) throw new Error(`${at.toISOString()} is not on a shift`);
  return place;
}

/** Shifts from the first shift of `from` to that of `to` (to is not earlier). */
function shiftsBetween(from: Date, to: Date, pattern: ShiftPattern): number {
  const a = placeOf(from, pattern);
  const b = placeOf(to, pattern);
  return (daysBetween(a.date, b.date).length - 1) * pattern.shiftsPerDay + b.index - a.index;
}

/** The slot `offset` shifts after the shift `start` falls in, `shifts` long. */
function slotAfter(start: Date, offset: number, shifts: number, pattern: ShiftPattern): Slot {
  const first = placeOf(start, pattern);
  const index = first.index + offset;
  return slotFor(addDays(first.date, Math.floor(index / pattern.shiftsPerDay)), index % pattern.shiftsPerDay, shifts, pattern);
}

export interface BlockMovePlan {
  block: Block;
  cycleId: string;
  sessions: { session: Session; to: Slot }[];
}

/**
 * Checks a block placement's move to `slot` and works out where its sessions
 * go. Refused: another endstation (the block is granted on one), a placement
 * already under way, a time outside the block's cycles, and moving sessions
 * into another cycle (they count against this cycle's shares).
 */
export async function planBlockMove(tx: Tx, placement: Booking, to: { endstationId: string; slot: Slot }, now: Date): Promise<BlockMovePlan> {
  const block = await blockOf(tx, placement.blockId!);
  const pattern = patternOf(block.endstation);
  const zone = pattern.timeZone;
  const acronym = block.consortium.acronym;
  if (to.endstationId !== block.endstationId) throw invalid(`${acronym}'s block is granted on ${block.endstation.name}; move its time on that endstation.`, "endstationId");
  if (placement.startsAt <= now) throw conflict(`${placement.reference} began on ${formatFacilityDateTime(placement.startsAt, zone)}; block time already under way does not move.`);

  const cycles = await blockCycles(tx, block);
  const cycle = cycles.find((c) => to.slot.startsAt >= c.startsAt && to.slot.endsAt <= c.endsAt);
  if (!cycle) {
    const span = cycles.map((c) => `${c.name} (${formatRange(c.startsAt, c.endsAt, zone)})`).join(", ");
    throw invalid(`${acronym}'s block runs in ${span}; ${formatRange(to.slot.startsAt, to.slot.endsAt, zone)} lies outside them.`, "date");
  }

  const sessions = await lockActiveSessions(tx, placement.id);
  if (cycle.id !== placement.cycleId) {
    const from = cycles.find((c) => c.id === placement.cycleId);
    if (sessions.length > 0) {
      throw conflict(`${placement.reference} holds sessions booked against ${from?.name ?? "its cycle"}'s shares (${namedSessions(sessions, zone)}); move it within ${from?.name ?? "its cycle"}.`, "date");
    }
    const placed = await tx.booking.aggregate({ where: { blockId: block.id, cycleId: cycle.id, kind: "BLOCK", state: "CONFIRMED", id: { not: placement.id } }, _sum: { shifts: true } });
    const already = placed._sum.shifts ?? 0;
    if (already + placement.shifts > block.shiftsPerCycle) {
      throw invalid(`${acronym}'s block has ${shiftsText(block.shiftsPerCycle)} in ${cycle.name} and ${already} are already placed there; these ${placement.shifts} do not fit.`, "date");
    }
  }
  return {
    block,
    cycleId: cycle.id,
    sessions: sessions.map((session) => ({ session, to: slotAfter(to.slot.startsAt, shiftsBetween(placement.startsAt, session.startsAt, pattern), session.shifts, pattern) })),
  };
}

/** After the placement has moved: its sessions follow, each audited and its booker told. */
export async function moveSessionsWithPlacement(tx: Tx, ctx: RequestContext, placement: Booking, plan: BlockMovePlan, reason: string) {
  if (plan.sessions.length === 0) return;
  // Every session moves by the same number of shifts; taking the one furthest along first means none lands on one not yet moved.
  const later = plan.sessions[0]!.to.startsAt > plan.sessions[0]!.session.startsAt;
  const order = later ? [...plan.sessions].reverse() : plan.sessions;
  for (const { session, to } of order) {
    await tx.blockSession.update({ where: { id: session.id }, data: { startsAt: to.startsAt, endsAt: to.endsAt } });
    await recordAudit(tx, ctx, {
      action: "block.session_moved",
      entityType: "BlockSession",
      entityId: session.id,
      before: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
      after: { startsAt: to.startsAt.toISOString(), endsAt: to.endsAt.toISOString(), placement: placement.reference, organisation: session.organisation.name, reason },
    });
    await notifySessionChange(tx, { ...session, ...to }, { placement, block: plan.block }, "moved", reason);
  }
}

/**
 * Cancelling a block placement takes its sessions with it. Refused once the
 * placement has begun: sessions under way or over count as used, and lost
 * beam is recorded as downtime instead.
 */
export async function cancelSessionsWithPlacement(tx: Tx, ctx: RequestContext, placement: Booking, reason: string, now: Date) {
  const block = await blockOf(tx, placement.blockId!);
  const zone = block.endstation.facility.timeZone;
  if (placement.startsAt <= now) {
    throw conflict(`${placement.reference} began on ${formatFacilityDateTime(placement.startsAt, zone)}; its sessions count as used. Record downtime for beam lost instead of cancelling it.`);
  }
  const sessions = await lockActiveSessions(tx, placement.id);
  if (sessions.length === 0) return;
  await tx.blockSession.updateMany({ where: { id: { in: sessions.map((s) => s.id) } }, data: { state: "CANCELLED" } });
  for (const session of sessions) {
    await recordAudit(tx, ctx, {
      action: "block.session_cancelled",
      entityType: "BlockSession",
      entityId: session.id,
      before: { state: session.state },
      after: { state: "CANCELLED", placement: placement.reference, organisation: session.organisation.name, reason: `The facility cancelled the block time: ${reason}` },
    });
    await notifySessionChange(tx, { ...session, state: "CANCELLED" }, { placement, block }, "cancelled", reason);
  }
}
