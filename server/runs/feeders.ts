import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { loadSampleRequest } from "../samples/load";
import { loadVisibleRun } from "./load";
import { isRunTeam } from "./policy";
import type { feederSchema } from "./schemas";

/**
 * A request or run cites an earlier run, typically at another facility (a
 * lab-CT screening that chose the sub-samples for synchrotron time). Only
 * someone who may see both cites, and only a run of the same organisation:
 * citing never shows one organisation's run to another.
 */
export async function citeFeeder(tx: Tx, ctx: SignedInContext, input: z.output<typeof feederSchema>) {
  const feeder = await loadVisibleRun(tx, ctx.actor, input.feederRunId);
  const citer = input.runId ? await loadVisibleRun(tx, ctx.actor, input.runId) : null;
  const request = input.requestId ? (await loadSampleRequest(tx, ctx.actor, input.requestId)).request : null;
  const organisationId = citer?.organisationId ?? request?.organisationId;
  if (feeder.organisationId !== organisationId) throw invalid("Cite a run of the same organisation: its data are not another's to link.", "feederRunId");
  if (!isRunTeam(ctx.actor, feeder) && feeder.facilityId !== (citer?.facilityId ?? request?.facilityId)) throw notFound("The run");
  if (citer && citer.id === feeder.id) throw invalid("A run cannot feed itself.", "feederRunId");
  if (feeder.openedAt >= (citer?.openedAt ?? request?.submittedAt ?? new Date(8.64e15))) throw invalid("Cite an earlier run: a feeder run comes before what it fed.", "feederRunId");
  const created = await tx.feederLink.createMany({
    data: [{ runId: citer?.id ?? null, requestId: request?.id ?? null, feederRunId: feeder.id, note: input.note, createdById: ctx.actor.userId }],
    skipDuplicates: true,
  });
  if (created.count === 0) throw conflict(`${feeder.reference} is already cited here.`);
  await recordAudit(tx, ctx, citer ? { action: "run.feeder_cited", entityType: "Run", entityId: citer.id, after: { feederRunId: feeder.id } } : { action: "run.feeder_cited", entityType: "AccessRequest", entityId: request!.id, after: { feederRunId: feeder.id } });
}
