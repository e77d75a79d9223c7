import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";

/**
 * The booking's downtimeHours (what the invoice credits) is derived: the sum
 * of the facility-caused downtime its runs record, to the hundredth of an
 * hour. This is its only writer, called in the transaction that changes a
 * run's downtime, so the figure billing reads is that record, never a second.
 */
export async function syncBookingDowntime(tx: Tx, ctx: RequestContext | null, bookingId: string): Promise<number> {
  const rows = await tx.runDowntime.findMany({ where: { facilityFault: true, run: { bookingId } }, select: { startsAt: true, endsAt: true } });
  const ms = rows.reduce((sum, d) => sum + (d.endsAt.getTime() - d.startsAt.getTime()), 0);
  const hours = Math.round(ms / 36_000) / 100;
  const before = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { downtimeHours: true } });
  if (Number(before.downtimeHours) === hours) return hours;
  await tx.booking.update({ where: { id: bookingId }, data: { downtimeHours: hours } });
  if (ctx) await recordAudit(tx, ctx, { action: "booking.downtime_recorded", entityType: "Booking", entityId: bookingId, before: { downtimeHours: before.downtimeHours.toString() }, after: { downtimeHours: hours } });
  return hours;
}
