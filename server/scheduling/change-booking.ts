import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { endstationForStaff, patternOf } from "./facility-staff";
import { assertAgreementSigned } from "./agreement-gate";
import { notifyBookingChange } from "./notify-booking";
import { assertPrepaid } from "./prepayment-gate";
import { assertFree, expireStaleHolds } from "./overlap";
import type { cancelBookingSchema, confirmBookingSchema, downtimeSchema, moveBookingSchema } from "./schemas";
import { calendarSlotFields, slotOrInvalid } from "./slot-or-invalid";
import { clock } from "../clock";
import { cancelSessionsWithPlacement, moveSessionsWithPlacement, planBlockMove } from "../consortia/placement-changes";
import { lockBookingForChange } from "../consortia/placement-lock";

/** A booking the actor may manage as staff of its facility. */
async function bookingForStaff(tx: Tx, ctx: RequestContext, bookingId: string) {
  const booking = await tx.booking.findUnique({ where: { id: bookingId } });
  if (!booking) throw notFound("The booking");
  await endstationForStaff(tx, ctx.actor, booking.endstationId).catch(() => {
    throw notFound("The booking");
  });
  return booking;
}

/**
 * The booking, locked for a change and read again (a block placement locks
 * its block first): a member booking a session inside a block placement
 * holds it too, so the two happen one after the other.
 */
async function lockedBookingForStaff(tx: Tx, ctx: RequestContext, bookingId: string) {
  return lockBookingForChange(tx, await bookingForStaff(tx, ctx, bookingId));
}

export async function moveBooking(tx: Tx, ctx: RequestContext, input: z.output<typeof moveBookingSchema>, now = clock.now()) {
  const booking = await lockedBookingForStaff(tx, ctx, input.bookingId);
  if (booking.state !== "HELD" && booking.state !== "CONFIRMED") throw conflict(`${booking.reference} is ${booking.state.toLowerCase()}; only held or confirmed bookings move.`);
  const endstation = await endstationForStaff(tx, ctx.actor, input.endstationId);
  const from = await tx.endstation.findUniqueOrThrow({ where: { id: booking.endstationId } });
  if (endstation.facilityId !== from.facilityId) throw invalid("Move the booking within the same facility.", "endstationId");
  const slot = slotOrInvalid(calendarSlotFields, input.date, input.firstShift, booking.shifts, patternOf(endstation));
  if (slot.startsAt <= now) throw invalid("Move it to a time in the future.", "date");
  // A block placement stays in its block's cycles, and its members' sessions move with it.
  const blockMove = booking.kind === "BLOCK" ? await planBlockMove(tx, booking, { endstationId: endstation.id, slot }, now) : null;
  await expireStaleHolds(tx, { endstationId: endstation.id }, now);
  await assertFree(tx, endstation.id, slot.startsAt, slot.endsAt, booking.id);
  const moved = await tx.booking.updateMany({
    where: { id: booking.id, state: booking.state, startsAt: booking.startsAt },
    data: { endstationId: endstation.id, startsAt: slot.startsAt, endsAt: slot.endsAt, ...(blockMove ? { cycleId: blockMove.cycleId } : {}) },
  });
  if (moved.count === 0) throw conflict(`${booking.reference} changed while you were moving it. Reload the calendar.`);
  await recordAudit(tx, ctx, {
    action: "booking.moved",
    entityType: "Booking",
    entityId: booking.id,
    before: { endstationId: booking.endstationId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() },
    after: { endstationId: endstation.id, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), reason: input.reason },
  });
  if (blockMove) await moveSessionsWithPlacement(tx, ctx, booking, blockMove, input.reason);
  await notifyBookingChange(tx, booking.id, "moved", input.reason);
}

export async function cancelBooking(tx: Tx, ctx: RequestContext, input: z.output<typeof cancelBookingSchema>, now = clock.now()) {
  const booking = await lockedBookingForStaff(tx, ctx, input.bookingId);
  // Members' sessions in a block placement are cancelled with it, and their bookers told.
  if (booking.kind === "BLOCK" && (booking.state === "HELD" || booking.state === "CONFIRMED")) await cancelSessionsWithPlacement(tx, ctx, booking, input.reason, now);
  const cancelled = await tx.booking.updateMany({ where: { id: booking.id, state: { in: ["HELD", "CONFIRMED"] } }, data: { state: "CANCELLED", cancelReason: input.reason } });
  if (cancelled.count === 0) throw conflict(`${booking.reference} is already ${booking.state.toLowerCase()}.`);
  await recordAudit(tx, ctx, { action: "booking.cancelled", entityType: "Booking", entityId: booking.id, before: { state: booking.state }, after: { state: "CANCELLED", reason: input.reason } });
  await notifyBookingChange(tx, booking.id, "cancelled", input.reason);
}

/** Turns a tentative hold into a confirmed booking, if it has not lapsed. */
export async function confirmBooking(tx: Tx, ctx: RequestContext, input: z.output<typeof confirmBookingSchema>, now = clock.now()) {
  const booking = await bookingForStaff(tx, ctx, input.bookingId);
  if (booking.requestId) {
    await assertAgreementSigned(tx, booking.requestId, booking.reference);
    await assertPrepaid(tx, booking.requestId);
  }
  const confirmed = await tx.booking.updateMany({ where: { id: booking.id, state: "HELD", holdExpiresAt: { gt: now } }, data: { state: "CONFIRMED", holdExpiresAt: null } });
  if (confirmed.count === 0) {
    throw conflict(booking.state === "HELD" ? `The hold on ${booking.reference} has lapsed; place the booking again.` : `${booking.reference} is ${booking.state.toLowerCase()}, not held.`);
  }
  await recordAudit(tx, ctx, { action: "booking.confirmed", entityType: "Booking", entityId: booking.id, before: { state: "HELD" }, after: { state: "CONFIRMED" } });
  await notifyBookingChange(tx, booking.id, "confirmed");
}

/** Hours lost through the facility's fault, credited at invoicing. */
export async function recordDowntime(tx: Tx, ctx: RequestContext, input: z.output<typeof downtimeSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const booking = await bookingForStaff(tx, ctx, input.bookingId);
  if (booking.kind !== "REQUEST" && booking.kind !== "BLOCK") throw invalid("Downtime is recorded on user bookings.");
  const bookedHours = (booking.endsAt.getTime() - booking.startsAt.getTime()) / 3_600_000;
  if (input.hours > bookedHours) throw invalid(`The booking lasts ${bookedHours} h; downtime cannot exceed that.`, "hours");
  const recorded = await tx.booking.updateMany({ where: { id: booking.id, state: "CONFIRMED", startsAt: { lte: clock.now() } }, data: { downtimeHours: input.hours } });
  if (recorded.count === 0) throw conflict(`Downtime is recorded on confirmed beamtime that has started; ${booking.reference} is ${booking.startsAt > clock.now() ? "still to come" : booking.state.toLowerCase()}.`);
  await recordAudit(tx, ctx, { action: "booking.downtime_recorded", entityType: "Booking", entityId: booking.id, before: { downtimeHours: booking.downtimeHours.toString() }, after: { downtimeHours: input.hours, note: input.note } });
}
