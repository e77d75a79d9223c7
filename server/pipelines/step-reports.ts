import type { Prisma } from "../generated/prisma/client";
import { clock } from "../clock";
import { inTransaction, type Db, type Tx } from "../db";
import { announce } from "./live";
import { registerFigures, registerFileOutput } from "./outputs";
import { afterFailure, pipelineState } from "./step-machine";
import type { StepOutputFile } from "./executors/executor";

/**
 * What every executor reports about a step's attempt, written with conditional
 * updates on (state RUNNING, attempts = this attempt): a report from an
 * attempt that was cancelled, superseded by a retry, or already finished
 * changes nothing, so a late or repeated report can never undo a newer state.
 */
type Attempt = { stepId: string; attempt: number };

async function stepRun(tx: Tx, stepId: string) {
  const step = await tx.pipelineStep.findUniqueOrThrow({ where: { id: stepId }, select: { pipelineId: true, pipeline: { select: { runId: true } } } });
  return { pipelineId: step.pipelineId, runId: step.pipeline.runId };
}

/** Recomputes the pipeline's state from its steps, after one changed. */
export async function refreshPipeline(tx: Tx, pipelineId: string, now: Date) {
  const steps = await tx.pipelineStep.findMany({ where: { pipelineId }, select: { state: true, attempts: true } });
  const state = pipelineState(steps);
  const finished = state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED";
  await tx.pipelineRun.update({ where: { id: pipelineId }, data: { state, finishedAt: finished ? now : null } });
  return state;
}

export async function reportProgress(db: Db, { stepId, attempt }: Attempt, progress: number, logTail?: string): Promise<boolean> {
  return inTransaction(async (tx) => {
    const value = Math.max(0, Math.min(100, Math.floor(progress)));
    const moved = await tx.pipelineStep.updateMany({ where: { id: stepId, state: "RUNNING", attempts: attempt }, data: { progress: value, heartbeatAt: clock.now(), ...(logTail === undefined ? {} : { logTail: logTail.slice(-4000) }) } });
    if (moved.count === 0) return false;
    const { pipelineId, runId } = await stepRun(tx, stepId);
    await announce(tx, { runId, pipelineId, stepId, state: "RUNNING", progress: value });
    return true;
  }, db);
}

/** Registers outputs (no-ops when already there), then marks the attempt succeeded. False when the attempt is no longer current. */
export async function completeStep(db: Db, { stepId, attempt }: Attempt, outputs: { files?: StepOutputFile[]; figures?: Record<string, Prisma.InputJsonValue> } = {}, logTail?: string): Promise<boolean> {
  return inTransaction(async (tx) => {
    const now = clock.now();
    const current = await tx.pipelineStep.findFirst({ where: { id: stepId, state: "RUNNING", attempts: attempt }, select: { id: true } });
    if (!current) return false;
    for (const file of outputs.files ?? []) await registerFileOutput(tx, stepId, file);
    for (const [name, figures] of Object.entries(outputs.figures ?? {})) await registerFigures(tx, stepId, name, figures);
    await tx.pipelineStep.updateMany({ where: { id: stepId, state: "RUNNING", attempts: attempt }, data: { state: "SUCCEEDED", progress: 100, finishedAt: now, heartbeatAt: now, message: null, ...(logTail === undefined ? {} : { logTail: logTail.slice(-4000) }) } });
    const { pipelineId, runId } = await stepRun(tx, stepId);
    await refreshPipeline(tx, pipelineId, now);
    await announce(tx, { runId, pipelineId, stepId, state: "SUCCEEDED", progress: 100 });
    return true;
  }, db);
}

/** The attempt failed: queued again after a backoff while attempts remain, otherwise the step (and so the pipeline) fails. */
export async function failStep(db: Db, { stepId, attempt }: Attempt, message: string, logTail?: string): Promise<"retrying" | "failed" | "stale"> {
  return inTransaction(async (tx) => {
    const now = clock.now();
    const step = await tx.pipelineStep.findFirst({ where: { id: stepId, state: "RUNNING", attempts: attempt } });
    if (!step) return "stale";
    const next = afterFailure(step, now);
    await tx.pipelineStep.update({
      where: { id: stepId },
      data: { state: next.state, retryAt: next.state === "QUEUED" ? next.retryAt : null, finishedAt: next.state === "FAILED" ? now : null, externalId: null, message: message.slice(0, 2000), ...(logTail === undefined ? {} : { logTail: logTail.slice(-4000) }) },
    });
    const { pipelineId, runId } = await stepRun(tx, stepId);
    await refreshPipeline(tx, pipelineId, now);
    await announce(tx, { runId, pipelineId, stepId, state: next.state, progress: step.progress });
    return next.state === "QUEUED" ? "retrying" : "failed";
  }, db);
}
