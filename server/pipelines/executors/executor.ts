/**
 * Where a pipeline step runs. The portal keeps the step's record (state,
 * progress, outputs) and asks its executor to start, report on and stop the
 * work; an executor never decides who may see a run (the runs policy does).
 * One file per implementation: builtin.ts (pg-boss worker), slurm.ts
 * (slurmrestd), external.ts (a runner reporting over signed HTTP).
 */
export type ExecutorKind = "BUILTIN" | "SLURM" | "EXTERNAL";

export type StepState = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

/** What an executor needs to run one step. */
export interface StepSpec {
  /** The portal's id of the step: names the job, so a resubmission is recognisable. */
  stepId: string;
  /** What the step does, e.g. "reconstruction", "segmentation", "analysis". */
  kind: string;
  /** The step's parameters, already validated against its template's schema. */
  params: Record<string, unknown>;
  /** A folder the step may write into (shared with the cluster for SLURM). */
  workDir: string;
  /** For script-running executors: the shell script body the template builds. */
  script?: string;
  /** Longest the step may run, in minutes (SLURM's time limit). */
  timeLimitMinutes?: number;
}

/** A file a step produced; registered by (step, name), so registering twice is a no-op. */
export interface StepOutputFile {
  name: string;
  uri: string;
  sizeBytes: number;
  sha256: string;
}

/** What an executor knows about a step when asked. */
export interface StepStatus {
  state: StepState;
  /** 0–100 when the step reports it. */
  progress?: number;
  /** The last lines of the step's log. */
  logTail?: string;
  exitCode?: number | null;
  /** Why a step failed or was cancelled, in words. */
  message?: string;
  /** Files and figures the step finished with (only when SUCCEEDED). */
  files?: StepOutputFile[];
  figures?: Record<string, unknown>;
}

export interface Executor {
  kind: ExecutorKind;
  /** Whether this executor can be offered here, and why not. */
  describe(): { label: string; available: boolean; reason?: string };
  /** Starts the step; returns the executor's own id for it (a SLURM job id, a pg-boss job id). */
  submit(step: StepSpec): Promise<{ externalId: string }>;
  poll(externalId: string, step: StepSpec): Promise<StepStatus>;
  cancel(externalId: string): Promise<void>;
}
