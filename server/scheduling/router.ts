import type { Db, Tx } from "../db";
import { conflict } from "../errors";
import { runMutation } from "../run";
import { createRouter, procedure, type TrpcContext } from "../trpc";
import { addNonUserTime } from "./add-non-user-time";
import { getFeed, rotateFeed } from "./calendar-feed";
import { cancelBooking, confirmBooking, moveBooking, recordDowntime } from "./change-booking";
import { patternOf } from "./facility-staff";
import { findOverlap, isOverlapViolation, overlapMessage } from "./overlap";
import { placeBooking } from "./place-booking";
import { schedulingAccess as access } from "./policy";
import { calendarView, myBookings, schedulableRequests } from "./read-calendar";
import { slotFor } from "./shifts";
import { calendarQuerySchema, cancelBookingSchema, confirmBookingSchema, downtimeSchema, moveBookingSchema, nonUserTimeSchema, placeBookingSchema } from "./schemas";
import { z } from "zod";
import { myBlockSessions } from "../consortia/member-sessions";

/**
 * When two people take the same shift at once, the exclusion constraint lets
 * one commit; the other's transaction fails. Name what won, now committed.
 */
async function withOverlapExplained<T>(ctx: TrpcContext, work: (tx: Tx) => Promise<T>, target: (db: Db) => Promise<{ endstationId: string; startsAt: Date; endsAt: Date; exceptId?: string } | null>): Promise<T> {
  try {
    return await runMutation(ctx, work);
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    const where = await target(ctx.db);
    const overlap = where && (await findOverlap(ctx.db, where.endstationId, where.startsAt, where.endsAt, where.exceptId));
    throw conflict(overlap ? overlapMessage(overlap) : "Someone else has just taken that time. Reload the calendar.", "startsAt");
  }
}

async function slotOf(db: Db, endstationId: string, date: string, firstShift: number, shifts: number) {
  const endstation = await db.endstation.findUnique({ where: { id: endstationId }, include: { facility: true } });
  return endstation ? { endstationId, ...slotFor(date, firstShift, shifts, patternOf(endstation)) } : null;
}

export const schedulingRouter = createRouter({
  calendar: procedure.meta({ access: access.calendar }).input(calendarQuerySchema).query(({ ctx, input }) => calendarView(ctx.db, ctx.actor, input)),
  schedulable: procedure.meta({ access: access.schedulable }).input(z.object({ facilityId: z.string().min(1) })).query(({ ctx, input }) => schedulableRequests(ctx.db, ctx.actor, input.facilityId)),
  place: procedure
    .meta({ access: access.place })
    .input(placeBookingSchema)
    .mutation(({ ctx, input }) => withOverlapExplained(ctx, (tx) => placeBooking(tx, ctx, input), (db) => slotOf(db, input.endstationId, input.date, input.firstShift, input.shifts))),
  move: procedure
    .meta({ access: access.move })
    .input(moveBookingSchema)
    .mutation(({ ctx, input }) =>
      withOverlapExplained(ctx, (tx) => moveBooking(tx, ctx, input), async (db) => {
        const booking = await db.booking.findUnique({ where: { id: input.bookingId } });
        const slot = booking && (await slotOf(db, input.endstationId, input.date, input.firstShift, booking.shifts));
        return slot ? { ...slot, exceptId: input.bookingId } : null;
      }),
    ),
  cancel: procedure.meta({ access: access.cancel }).input(cancelBookingSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => cancelBooking(tx, ctx, input))),
  confirm: procedure.meta({ access: access.confirm }).input(confirmBookingSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => confirmBooking(tx, ctx, input))),
  recordDowntime: procedure.meta({ access: access.downtime }).input(downtimeSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => recordDowntime(tx, ctx, input))),
  addNonUserTime: procedure
    .meta({ access: access.nonUserTime })
    .input(nonUserTimeSchema)
    .mutation(({ ctx, input }) => withOverlapExplained(ctx, (tx) => addNonUserTime(tx, ctx, input), (db) => slotOf(db, input.endstationId, input.date, input.firstShift, input.shifts))),
  myBookings: procedure.meta({ access: access.myBookings }).query(({ ctx }) => myBookings(ctx.db, ctx.actor)),
  // Sessions in consortium blocks, for the people of the member organisation that booked them (empty for everyone else).
  myBlockSessions: procedure.meta({ access: access.myBlockSessions }).query(({ ctx }) => myBlockSessions(ctx.db, ctx.actor)),
  feed: procedure.meta({ access: access.feed }).mutation(({ ctx }) => runMutation(ctx, (tx) => getFeed(tx, ctx))),
  rotateFeed: procedure.meta({ access: access.rotateFeed }).mutation(({ ctx }) => runMutation(ctx, (tx) => rotateFeed(tx, ctx))),
});
