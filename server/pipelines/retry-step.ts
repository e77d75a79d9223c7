import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, notFound } from "../errors";
import { loadRunForStaff } from "../runs/load";
import { announce } from "./live";
import { refreshPipeline } from "./step-reports";

/** Staff give a failed step one more attempt, at once (its automatic retries are used up). */
export async function retryStep(tx: Tx, ctx: SignedInContext, stepId: string, now = clock.now()) {
  const step = await tx.pipelineStep.findUnique({ where: { id: stepId }, include: { pipeline: { select: { id: true, runId: true, reference: true } } } });
  if (!step) throw notFound("The step");
  await loadRunForStaff(tx, ctx.actor, step.pipeline.runId).catch((error: unknown) => {
    throw error instanceof Error && "code" in error && error.code === "FORBIDDEN" ? error : notFound("The step");
  });
  const moved = await tx.pipelineStep.updateMany({ where: { id: step.id, state: "FAILED" }, data: { state: "QUEUED", maxAttempts: step.attempts + 1, retryAt: null, finishedAt: null, message: `Retried by ${ctx.actor.name}.` } });
  if (moved.count === 0) throw conflict(`Step “${step.key}” of ${step.pipeline.reference} has not failed, so there is nothing to retry.`);
  await refreshPipeline(tx, step.pipeline.id, now);
  await recordAudit(tx, ctx, { action: "pipeline.step_retried", entityType: "PipelineRun", entityId: step.pipeline.id, after: { step: step.key, attempt: step.attempts + 1 } });
  await announce(tx, { runId: step.pipeline.runId, pipelineId: step.pipeline.id, stepId: step.id, state: "QUEUED", progress: 0 });
}
