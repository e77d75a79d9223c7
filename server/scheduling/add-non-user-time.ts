import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { invalid } from "../errors";
import { endstationForStaff, patternOf } from "./facility-staff";
import { assertFree, expireStaleHolds } from "./overlap";
import { nextBookingReference } from "./reference";
import type { nonUserTimeSchema } from "./schemas";
import { calendarSlotFields, slotOrInvalid } from "./slot-or-invalid";
import { clock } from "../clock";

/** Maintenance, machine development or shutdown: time no user can book. */
export async function addNonUserTime(tx: Tx, ctx: RequestContext, input: z.output<typeof nonUserTimeSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const endstation = await endstationForStaff(tx, ctx.actor, input.endstationId);
  const slot = slotOrInvalid(calendarSlotFields, input.date, input.firstShift, input.shifts, patternOf(endstation));
  await expireStaleHolds(tx, { endstationId: endstation.id }, now);
  await assertFree(tx, endstation.id, slot.startsAt, slot.endsAt);
  const booking = await tx.booking.create({
    data: { reference: await nextBookingReference(tx, now), endstationId: endstation.id, kind: input.kind, state: "CONFIRMED", startsAt: slot.startsAt, endsAt: slot.endsAt, shifts: input.shifts, title: input.title, createdById: ctx.actor.userId },
  });
  await recordAudit(tx, ctx, { action: "non_user_time.added", entityType: "Booking", entityId: booking.id, after: { kind: input.kind, title: input.title, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } });
  return { id: booking.id, reference: booking.reference };
}
