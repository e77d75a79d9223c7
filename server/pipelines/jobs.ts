import type { PgBoss } from "pg-boss";
import { getDb } from "../db";
import { runStepInChild } from "./builtin/child-process";
import { advancePipelines, flagSilentSteps, pollClusterSteps } from "./driver";
import { failStep } from "./step-reports";

const builtinRetries = 2;

/**
 * The pipeline workers. `advance` starts due steps and asks the cluster about
 * running ones; while any cluster step runs it comes back every 3 s (live
 * progress without a browser polling), otherwise on its minute sweep and when
 * nudged. `builtin` runs one attempt of a built-in step in a child process;
 * a worker killed mid-step is retried by pg-boss and the attempt finishes once.
 */
export async function workPipelines(boss: PgBoss, queues: { advance: string; builtin: string }) {
  const advance = async () => {
    const db = getDb();
    await advancePipelines(db, {
      builtin: async (stepId, attempt) => {
        await boss.send(queues.builtin, { stepId, attempt }, { singletonKey: `${stepId}:${attempt}`, retryLimit: builtinRetries, retryDelay: 2, expireInSeconds: 6 * 3600 });
      },
    });
    const clusterSteps = await pollClusterSteps(db);
    await flagSilentSteps(db);
    if (clusterSteps > 0) await boss.send(queues.advance, null, { startAfter: 3, singletonKey: "poll", singletonSeconds: 3 });
  };
  await boss.work(queues.advance, advance);
  await boss.schedule(queues.advance, "* * * * *");
  await boss.work<{ stepId: string; attempt: number }>(queues.builtin, { localConcurrency: 2 }, async ([job]) => {
    if (!job) return;
    try {
      await runStepInChild(job.data.stepId, job.data.attempt);
    } catch (error) {
      // The last try: the step fails (or is retried later by its own attempts) instead of staying "running".
      if ((job as { retryCount?: number }).retryCount !== undefined && (job as { retryCount: number }).retryCount >= builtinRetries) {
        await failStep(getDb(), job.data, error instanceof Error ? error.message : String(error));
      } else throw error;
    }
    await boss.send(queues.advance, null);
  });
}
