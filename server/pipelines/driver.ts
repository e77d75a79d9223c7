import path from "node:path";
import { mkdir } from "node:fs/promises";
import { clock } from "../clock";
import { inTransaction, type Db } from "../db";
import type { StepSpec } from "./executors/executor";
import { slurmExecutor } from "./executors/registry";
import { announce } from "./live";
import { nextStepToStart } from "./step-machine";
import { completeStep, failStep, refreshPipeline, reportProgress } from "./step-reports";

/** Where steps write their files: LODESTONE_DATA_DIR (default .data/ beside the app), one folder per pipeline and step. */
export function stepWorkDir(pipelineId: string, stepKey: string): string {
  return path.join(process.env.LODESTONE_DATA_DIR ?? path.join(process.cwd(), ".data"), "pipelines", pipelineId, stepKey);
}

export interface Dispatch {
  /** Hands a claimed built-in step to a worker (a pg-boss job in the server; called directly in tests). */
  builtin(stepId: string, attempt: number): Promise<void>;
}

/**
 * Starts the next due step of every live pipeline. A step is claimed with a
 * conditional update (QUEUED → RUNNING, attempts + 1), so of two drivers
 * running at once exactly one starts it; the claim is then handed to its
 * executor after commit. Steps for external runners stay queued: the runner
 * claims them over the executor API.
 */
export async function advancePipelines(db: Db, dispatch: Dispatch): Promise<number> {
  const live = await db.pipelineRun.findMany({ where: { state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true }, take: 500 });
  let started = 0;
  for (const { id } of live) {
    const claimed = await inTransaction(async (tx) => {
      const now = clock.now();
      const steps = await tx.pipelineStep.findMany({ where: { pipelineId: id }, orderBy: { position: "asc" } });
      const next = nextStepToStart(steps, now);
      if (!next || next.executor === "EXTERNAL") return null;
      const deadlineMinutes = Number((next.params as { deadlineMinutes?: number }).deadlineMinutes ?? 60);
      const moved = await tx.pipelineStep.updateMany({
        where: { id: next.id, state: "QUEUED", attempts: next.attempts },
        data: { state: "RUNNING", attempts: next.attempts + 1, progress: 0, startedAt: now, heartbeatAt: now, deadlineAt: new Date(now.getTime() + deadlineMinutes * 60_000), retryAt: null, flaggedAt: null, message: null },
      });
      if (moved.count === 0) return null;
      const pipeline = await tx.pipelineRun.findUniqueOrThrow({ where: { id }, select: { runId: true } });
      await refreshPipeline(tx, id, now);
      await announce(tx, { runId: pipeline.runId, pipelineId: id, stepId: next.id, state: "RUNNING", progress: 0 });
      return { ...next, attempt: next.attempts + 1 };
    }, db);
    if (!claimed) continue;
    started++;
    const attempt = { stepId: claimed.id, attempt: claimed.attempt };
    try {
      if (claimed.executor === "BUILTIN") await dispatch.builtin(claimed.id, claimed.attempt);
      else await submitToCluster(db, claimed, id);
    } catch (error) {
      await failStep(db, attempt, `Could not start the step: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return started;
}

async function submitToCluster(db: Db, step: { id: string; key: string; kind: string; params: unknown; attempt: number }, pipelineId: string) {
  const slurm = slurmExecutor();
  if (!slurm) throw new Error("SLURM is not configured here (SLURM_REST_URL).");
  const spec = await stepSpec(step, pipelineId);
  // After a crash between submit and saving the job id, the job is found by its name instead of submitted twice.
  const externalId = (await slurm.findJobByStepId(step.id)) ?? (await slurm.submit(spec)).externalId;
  await db.pipelineStep.updateMany({ where: { id: step.id, state: "RUNNING", attempts: step.attempt }, data: { externalId } });
}

async function stepSpec(step: { id: string; kind: string; params: unknown; key: string }, pipelineId: string): Promise<StepSpec> {
  const params = step.params as { script?: string; deadlineMinutes?: number } & Record<string, unknown>;
  const workDir = stepWorkDir(pipelineId, step.key);
  await mkdir(workDir, { recursive: true });
  return { stepId: step.id, kind: step.kind, params, workDir, script: params.script, timeLimitMinutes: params.deadlineMinutes };
}

/** Asks the cluster about each running SLURM step and records what it says. */
export async function pollClusterSteps(db: Db): Promise<number> {
  const running = await db.pipelineStep.findMany({ where: { state: "RUNNING", executor: "SLURM", externalId: { not: null } } });
  const slurm = slurmExecutor();
  if (!slurm) return running.length;
  for (const step of running) {
    const attempt = { stepId: step.id, attempt: step.attempts };
    try {
      const status = await slurm.poll(step.externalId!, await stepSpec(step, step.pipelineId));
      if (status.state === "RUNNING" || status.state === "QUEUED") await reportProgress(db, attempt, status.progress ?? step.progress, status.logTail);
      else if (status.state === "SUCCEEDED") await completeStep(db, attempt, { files: status.files, figures: status.figures ? { figures: status.figures as never } : {} }, status.logTail);
      else await failStep(db, attempt, status.message ?? `The job ended ${status.state.toLowerCase()}.`, status.logTail);
    } catch (error) {
      // The cluster not answering is not the step failing: the next poll asks again, and the deadline flags a silent step.
      console.error(`[pipelines] polling ${step.externalId}:`, error instanceof Error ? error.message : error);
    }
  }
  return running.length;
}

/** Cancelled steps that still have a job on the cluster: stop the job. */
export async function cancelClusterJobs(db: Db, externalIds: readonly string[]) {
  const slurm = slurmExecutor();
  if (!slurm) return;
  for (const id of externalIds) await slurm.cancel(id).catch((error) => console.error(`[pipelines] cancelling ${id}:`, error));
}

/** A running step silent past its deadline is flagged once, for staff to look at. */
export async function flagSilentSteps(db: Db): Promise<number> {
  const now = clock.now();
  const flagged = await db.pipelineStep.updateMany({ where: { state: "RUNNING", deadlineAt: { lt: now }, flaggedAt: null }, data: { flaggedAt: now } });
  return flagged.count;
}
