import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { assertAgreementSigned } from "./agreement-gate";
import { notifyBookingChange } from "./notify-booking";
import { assertPrepaid } from "./prepayment-gate";
import { assertFree, expireStaleHolds } from "./overlap";
import { endstationForStaff, patternOf } from "./facility-staff";
import { nextBookingReference } from "./reference";
import type { placeBookingSchema } from "./schemas";
import { calendarSlotFields, slotOrInvalid } from "./slot-or-invalid";
import { clock } from "../clock";

/** Facility staff put an approved request's shifts on an endstation, held (tentative) or confirmed. */
export async function placeBooking(tx: Tx, ctx: RequestContext, input: z.output<typeof placeBookingSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to schedule.");
  const endstation = await endstationForStaff(tx, ctx.actor, input.endstationId);
  const request = await tx.accessRequest.findUnique({ where: { id: input.requestId } });
  if (!request || request.facilityId !== endstation.facilityId) throw notFound("The request");
  if (request.state !== "APPROVED" || !request.allocatedShifts) throw conflict(`${request.reference ?? "This request"} is not approved, so it cannot be scheduled yet.`, "requestId");

  // Lock the request so two placements at once cannot together exceed its granted shifts.
  await tx.$queryRaw`SELECT id FROM "AccessRequest" WHERE id = ${request.id} FOR UPDATE`;
  const scheduled = await tx.booking.aggregate({ _sum: { shifts: true }, where: { requestId: request.id, state: { in: ["HELD", "CONFIRMED"] } } });
  const left = request.allocatedShifts - (scheduled._sum.shifts ?? 0);
  if (input.shifts > left) throw invalid(`${request.reference} has ${left} of its ${request.allocatedShifts} granted shifts left to schedule.`, "shifts");

  if (!input.hold) {
    await assertAgreementSigned(tx, request.id, request.reference);
    await assertPrepaid(tx, request.id);
  }

  const slot = slotOrInvalid(calendarSlotFields, input.date, input.firstShift, input.shifts, patternOf(endstation));
  if (slot.startsAt <= now) throw invalid("Schedule shifts in the future.", "date");
  await expireStaleHolds(tx, { endstationId: endstation.id }, now);
  await assertFree(tx, endstation.id, slot.startsAt, slot.endsAt);

  const booking = await tx.booking.create({
    data: {
      reference: await nextBookingReference(tx, now),
      endstationId: endstation.id,
      kind: "REQUEST",
      state: input.hold ? "HELD" : "CONFIRMED",
      holdExpiresAt: input.hold ? new Date(now.getTime() + input.holdDays * 86_400_000) : null,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      shifts: input.shifts,
      requestId: request.id,
      title: `${request.reference}: ${request.title}`,
      notes: input.notes,
      createdById: ctx.actor.userId,
    },
  });
  await recordAudit(tx, ctx, { action: "booking.placed", entityType: "Booking", entityId: booking.id, after: { reference: booking.reference, request: request.reference, state: booking.state, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), shifts: input.shifts } });
  await notifyBookingChange(tx, booking.id, input.hold ? "held" : "confirmed");
  return { id: booking.id, reference: booking.reference };
}
