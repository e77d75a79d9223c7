import type { ExecutorKind } from "./executor";
import { describeSlurm, slurmExecutorFromEnv, type SlurmExecutor } from "./slurm";

/**
 * Which executors this deployment offers, and why not where one is missing.
 * The built-in worker is always there; SLURM when SLURM_REST_URL is set;
 * external runners once a facility has registered one.
 */
export function executorAvailability(env: NodeJS.ProcessEnv = process.env): Record<ExecutorKind, { available: boolean; reason?: string }> {
  const slurm = describeSlurm(env);
  return {
    BUILTIN: { available: true },
    SLURM: { available: slurm.available, reason: slurm.reason },
    EXTERNAL: { available: true },
  };
}

let slurm: SlurmExecutor | null | undefined;
/** The configured SLURM executor (one per process), or null. */
export function slurmExecutor(): SlurmExecutor | null {
  if (slurm === undefined) slurm = slurmExecutorFromEnv();
  return slurm;
}
