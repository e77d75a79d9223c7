import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import { loadVisibleRun } from "../runs/load";
import { isRunStaff, isRunTeam } from "../runs/policy";
import { executorAvailability } from "./executors/registry";
import { announce } from "./live";
import type { startPipelineSchema } from "./schemas";
import { templateSteps } from "./templates";

/**
 * Starts a pipeline on some of a run's scans: a copy of the template's steps,
 * queued in order. Facility staff start any template of the run's endstation;
 * the run's team only those the facility lets applicants start.
 */
export async function startPipeline(tx: Tx, ctx: SignedInContext, input: z.output<typeof startPipelineSchema>, now = clock.now()) {
  const run = await loadVisibleRun(tx, ctx.actor, input.runId);
  const template = await tx.pipelineTemplate.findUnique({ where: { id: input.templateId } });
  if (!template || template.endstationId !== run.endstationId) throw invalid("Choose one of this endstation's pipelines.", "templateId");
  const staff = isRunStaff(ctx.actor, { facilityOrganisationId: run.facility.organisationId });
  if (!staff && !(isRunTeam(ctx.actor, run) && template.applicantsMayStart)) throw forbidden(`Only ${run.facility.name}'s staff start “${template.name}”.`);
  const newest = await tx.pipelineTemplate.findFirst({ where: { endstationId: template.endstationId, name: template.name }, orderBy: { version: "desc" }, select: { version: true } });
  if (newest && newest.version !== template.version) throw conflict(`Version ${newest.version} of “${template.name}” has replaced version ${template.version}. Reload and start the current one.`, "templateId");

  const scans = await tx.scan.findMany({ where: { id: { in: input.scanIds }, runId: run.id }, select: { id: true } });
  if (scans.length !== new Set(input.scanIds).size) throw invalid("Choose scans of this run.", "scanIds");
  const steps = templateSteps(template.steps);
  const availability = executorAvailability();
  const unavailable = steps.find((s) => !availability[s.executor].available);
  if (unavailable) throw conflict(`Step “${unavailable.name}” runs on ${unavailable.executor}, which is ${availability[unavailable.executor].reason ?? "not available here"}.`);

  const year = now.getUTCFullYear();
  const reference = `PIP-${twoDigitYear(year)}-${String(await nextCounter(tx, `pipeline-${year}`)).padStart(4, "0")}`;
  const pipeline = await tx.pipelineRun.create({
    data: {
      reference,
      runId: run.id,
      templateId: template.id,
      scanIds: input.scanIds,
      startedById: ctx.actor.userId,
      steps: { create: steps.map((s, position) => ({ position, key: s.key, kind: s.kind, executor: s.executor, params: { name: s.name, deadlineMinutes: s.deadlineMinutes, ...s.params }, maxAttempts: s.maxAttempts })) },
    },
    include: { steps: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  await recordAudit(tx, ctx, { action: "pipeline.started", entityType: "PipelineRun", entityId: pipeline.id, after: { reference, template: `${template.name} v${template.version}`, scans: input.scanIds.length } });
  await announce(tx, { runId: run.id, pipelineId: pipeline.id, stepId: pipeline.steps[0]!.id, state: "QUEUED", progress: 0 });
  return { id: pipeline.id, reference };
}

/** Staff or whoever started it cancel a pipeline: queued and running steps stop, finished ones stay. */
export async function cancelPipeline(tx: Tx, ctx: SignedInContext, pipelineId: string, now = clock.now()) {
  const pipeline = await tx.pipelineRun.findUnique({ where: { id: pipelineId } });
  if (!pipeline) throw notFound("The pipeline");
  const run = await loadVisibleRun(tx, ctx.actor, pipeline.runId).catch(() => {
    throw notFound("The pipeline");
  });
  if (!isRunStaff(ctx.actor, { facilityOrganisationId: run.facility.organisationId }) && pipeline.startedById !== ctx.actor.userId) throw forbidden("Only the facility's staff or whoever started it cancel a pipeline.");
  const stopping = await tx.pipelineStep.findMany({ where: { pipelineId, state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, state: true, executor: true, externalId: true } });
  if (stopping.length === 0) throw conflict(`${pipeline.reference} has already finished.`);
  await tx.pipelineStep.updateMany({ where: { id: { in: stopping.map((s) => s.id) }, state: { in: ["QUEUED", "RUNNING"] } }, data: { state: "CANCELLED", finishedAt: now, message: `Cancelled by ${ctx.actor.name}.` } });
  await tx.pipelineRun.update({ where: { id: pipelineId }, data: { state: "CANCELLED", finishedAt: now } });
  await recordAudit(tx, ctx, { action: "pipeline.cancelled", entityType: "PipelineRun", entityId: pipelineId, after: { steps: stopping.length } });
  await announce(tx, { runId: run.id, pipelineId, stepId: stopping[0]!.id, state: "CANCELLED", progress: 0 });
  // Jobs already on a cluster are stopped after commit by the driver (it sees CANCELLED steps with an externalId).
  return { cancelledOnExecutors: stopping.filter((s) => s.state === "RUNNING" && s.executor === "SLURM" && s.externalId).map((s) => s.externalId!) };
}
