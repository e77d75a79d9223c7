import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict } from "../errors";
import { formatFacilityDateTime } from "../time";
import { loadRunForStaff, lockRun } from "./load";
import type { closeRunSchema } from "./schemas";
import { unmountAll } from "./mounts";

/**
 * Staff close a run once its time has ended, with a summary. Samples still
 * mounted are taken off (each a custody event); the logbook and scans stay
 * open to nobody afterwards except by new entries pointing at old ones.
 */
export async function closeRun(tx: Tx, ctx: SignedInContext, input: z.output<typeof closeRunSchema>, now = clock.now()) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  await lockRun(tx, run.id);
  const endsAt = run.sessionId ? (await tx.blockSession.findUniqueOrThrow({ where: { id: run.sessionId } })).endsAt : run.booking.endsAt;
  if (now < endsAt) throw conflict(`The run closes after its time ends, at ${formatFacilityDateTime(endsAt, run.facility.timeZone)}.`);
  const closed = await tx.run.updateMany({ where: { id: run.id, state: "OPEN" }, data: { state: "CLOSED", closedAt: now, closedById: ctx.actor.userId, summary: input.summary } });
  if (closed.count === 0) throw conflict(`${run.reference} is already closed.`);
  await unmountAll(tx, ctx, run, now);
  await tx.runLogEntry.create({ data: { runId: run.id, at: now, authorId: ctx.actor.userId, authorName: ctx.actor.name, text: `Run closed. ${input.summary}` } });
  await recordAudit(tx, ctx, { action: "run.closed", entityType: "Run", entityId: run.id, after: { summary: input.summary } });
}
