import type { z } from "zod";
import type { SignedInContext } from "../run";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, invalid } from "../errors";
import { loadVisibleRun } from "./load";
import type { logEntrySchema } from "./schemas";

/**
 * Anyone working on the run (the facility's staff and the team) writes in the
 * logbook; entries are never changed (the database refuses it): a correction
 * is a new entry pointing at the one it corrects.
 */
export async function addLogEntry(tx: Tx, ctx: SignedInContext, input: z.output<typeof logEntrySchema>, now = clock.now()) {
  const run = await loadVisibleRun(tx, ctx.actor, input.runId);
  if (run.state !== "OPEN" && input.correctsId === null) throw conflict(`${run.reference} is closed; add a correction to an entry instead.`);
  if (input.correctsId !== null) {
    const old = await tx.runLogEntry.findUnique({ where: { id: BigInt(input.correctsId) } });
    if (!old || old.runId !== run.id) throw invalid("The entry being corrected is not in this run's logbook.", "correctsId");
  }
  const entry = await tx.runLogEntry.create({
    data: { runId: run.id, at: now, authorId: ctx.actor.userId, authorName: ctx.actor.name, text: input.text, correctsId: input.correctsId === null ? null : BigInt(input.correctsId) },
  });
  return { id: entry.id.toString() };
}
