import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { endstationForStaff, patternOf } from "../scheduling/facility-staff";
import { assertFree, expireStaleHolds, isOverlapViolation } from "../scheduling/overlap";
import { nextBookingReference } from "../scheduling/reference";
import { slotOrInvalid } from "../scheduling/slot-or-invalid";
import { formatFacilityDate } from "../time";
import { blockCycle, formatRange, loadVisibleBlock, shiftsText } from "./load";
import type { placeBlockSchema } from "./schemas";
import { clock } from "../clock";


/**
 * Facility staff put a block's time for one cycle on the calendar: one
 * confirmed BLOCK booking of consecutive shifts. What the block has placed in
 * the cycle never exceeds its shifts per cycle; the exclusion constraint on
 * bookings is the real guard against overlaps, assertFree only names what is
 * in the way.
 */
export async function placeBlock(tx: Tx, ctx: RequestContext, input: z.output<typeof placeBlockSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw notFound("The block");
  const visible = await loadVisibleBlock(tx, ctx.actor, input.blockId);
  // Members see their block, but only the facility's staff place it.
  const endstation = await endstationForStaff(tx, ctx.actor, visible.endstationId).catch(() => {
    throw notFound("The block");
  });
  // Serialise placements of one block, so two staff cannot both use its last shifts.
  await tx.$queryRaw`SELECT id FROM "BlockAllocation" WHERE id = ${visible.id} FOR UPDATE`;
  const block = visible;
  const cycle = await blockCycle(tx, block, input.cycleId);
  if (!cycle) throw invalid(`Choose a cycle of the block (${formatFacilityDate(block.firstCycleStart, endstation.facility.timeZone)} to ${formatFacilityDate(block.lastCycleEnd, endstation.facility.timeZone)}).`, "cycleId");

  const pattern = patternOf(endstation);
  const slot = slotOrInvalid(blockSlotFields, input.date, input.shiftIndex, input.shifts, pattern);
  if (slot.startsAt < cycle.startsAt || slot.endsAt > cycle.endsAt) {
    throw invalid(`The time must lie inside cycle ${cycle.name} (${formatRange(cycle.startsAt, cycle.endsAt, pattern.timeZone)}).`, "date");
  }
  if (slot.startsAt < now) throw invalid("That time has already started; place the block in the future.", "date");

  const placed = await tx.booking.aggregate({ where: { blockId: block.id, cycleId: cycle.id, kind: "BLOCK", state: "CONFIRMED" }, _sum: { shifts: true } });
  const already = placed._sum.shifts ?? 0;
  if (already + input.shifts > block.shiftsPerCycle) {
    const left = block.shiftsPerCycle - already;
    throw invalid(
      `${block.consortium.acronym}'s block has ${shiftsText(block.shiftsPerCycle)} per cycle; ${already} already placed in ${cycle.name}, so ${left === 0 ? "nothing more can be placed" : `at most ${shiftsText(left)} more can be placed`} (this needs ${input.shifts}).`,
      "shifts",
    );
  }

  await expireStaleHolds(tx, { endstationId: endstation.id }, now);
  await assertFree(tx, endstation.id, slot.startsAt, slot.endsAt);
  const reference = await nextBookingReference(tx, now);
  const title = `${block.consortium.acronym} block`;
  let booking;
  try {
    booking = await tx.booking.create({
      data: {
        reference,
        endstationId: endstation.id,
        kind: "BLOCK",
        state: "CONFIRMED",
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        shifts: input.shifts,
        blockId: block.id,
        cycleId: cycle.id,
        title,
        createdById: ctx.actor.userId,
      },
    });
  } catch (error) {
    if (isOverlapViolation(error)) throw conflict(`Someone else has just put something on ${endstation.name} in that time. Reload the calendar and choose other shifts.`, "date");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "block.placed",
    entityType: "Booking",
    entityId: booking.id,
    after: { reference, blockId: block.id, consortium: block.consortium.acronym, cycle: cycle.name, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), shifts: input.shifts },
  });
  return { id: booking.id, reference };
}

/** Consortium forms name the first shift "shiftIndex". */
export const blockSlotFields = { shift: "shiftIndex", count: "shifts" } as const;
