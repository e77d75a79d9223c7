import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { invalid } from "../errors";
import { spanOf } from "./instants";
import { loadRunForStaff, lockRun } from "./load";
import type { downtimeSchema } from "./schemas";

/**
 * Beam time lost during the run, with its cause. What the facility caused is
 * what the invoice credits: the booking's downtimeHours is set, in the same
 * transaction, to the sum of the booking's facility-caused downtime, so the
 * figure billing reads is this record, not a second one.
 */
export async function recordDowntime(tx: Tx, ctx: SignedInContext, input: z.output<typeof downtimeSchema>) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  await lockRun(tx, run.id);
  const span = spanOf(input.startsAt, input.endsAt, run.facility.timeZone, ["startsAt", "endsAt"], "The downtime");
  const [startsAt, endsAt] = [span.start, span.end!];
  const window = run.sessionId ? await tx.blockSession.findUniqueOrThrow({ where: { id: run.sessionId } }) : run.booking;
  if (startsAt < window.startsAt || endsAt > window.endsAt) throw invalid("Downtime lies inside the run's booked time.", "startsAt");
  const overlapping = await tx.runDowntime.findFirst({ where: { runId: run.id, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } } });
  if (overlapping) throw invalid("This overlaps downtime already recorded; record only the time not yet covered.", "startsAt");
  const downtime = await tx.runDowntime.create({
    data: { runId: run.id, startsAt, endsAt, cause: input.cause, facilityFault: input.facilityFault, note: input.note, recordedById: ctx.actor.userId },
  });
  const hours = await facilityCausedHours(tx, run.bookingId);
  await tx.booking.update({ where: { id: run.bookingId }, data: { downtimeHours: hours } });
  await recordAudit(tx, ctx, { action: "run.downtime_recorded", entityType: "Run", entityId: run.id, after: { cause: input.cause, facilityFault: input.facilityFault, hours: (endsAt.getTime() - startsAt.getTime()) / 3_600_000, bookingDowntimeHours: hours } });
  return { id: downtime.id, bookingDowntimeHours: hours };
}

/** Hours of facility-caused downtime over all runs of a booking, to the hundredth. */
async function facilityCausedHours(tx: Tx, bookingId: string): Promise<number> {
  const rows = await tx.runDowntime.findMany({ where: { facilityFault: true, run: { bookingId } }, select: { startsAt: true, endsAt: true } });
  const ms = rows.reduce((sum, d) => sum + (d.endsAt.getTime() - d.startsAt.getTime()), 0);
  return Math.round(ms / 36_000) / 100;
}
