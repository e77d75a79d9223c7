import type { StepState } from "./executors/executor";

/**
 * The life of a pipeline step, with no database: which moves are allowed,
 * when a failed attempt is retried, and what state the whole pipeline is in.
 *
 *   QUEUED ──claim──▶ RUNNING ──▶ SUCCEEDED
 *     │                 │ └────▶ FAILED ──(attempts left)──▶ QUEUED (after backoff)
 *     └──cancel──▶ CANCELLED ◀──cancel──┘
 */
const moves: Record<StepState, readonly StepState[]> = {
  QUEUED: ["RUNNING", "CANCELLED"],
  RUNNING: ["SUCCEEDED", "FAILED", "CANCELLED", "QUEUED"],
  SUCCEEDED: [],
  FAILED: ["QUEUED"],
  CANCELLED: [],
};

export function canMove(from: StepState, to: StepState): boolean {
  return moves[from].includes(to);
}

export const isFinished = (state: StepState) => state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED";

/** Backoff before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min… capped at 15 min. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failedAttempts - 1), 15 * 60_000);
}

/** After an attempt fails: another try later, or the end. */
export function afterFailure(step: { attempts: number; maxAttempts: number }, now: Date): { state: "QUEUED"; retryAt: Date } | { state: "FAILED" } {
  return step.attempts < step.maxAttempts ? { state: "QUEUED", retryAt: new Date(now.getTime() + retryDelayMs(step.attempts)) } : { state: "FAILED" };
}

/**
 * The pipeline's state from its steps (in order): failed or cancelled as soon
 * as one step is, succeeded when all are, running once any has started.
 */
export function pipelineState(steps: readonly { state: StepState; attempts: number }[]): StepState {
  if (steps.some((s) => s.state === "FAILED")) return "FAILED";
  if (steps.some((s) => s.state === "CANCELLED")) return "CANCELLED";
  if (steps.length > 0 && steps.every((s) => s.state === "SUCCEEDED")) return "SUCCEEDED";
  if (steps.some((s) => s.state === "RUNNING" || s.state === "SUCCEEDED" || s.attempts > 0)) return "RUNNING";
  return "QUEUED";
}

/** The step to start next: the first not succeeded, if it is queued, its retry is due and every step before it succeeded. */
export function nextStepToStart<T extends { position: number; state: StepState; retryAt: Date | null }>(steps: readonly T[], now: Date): T | null {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const next = ordered.find((s) => s.state !== "SUCCEEDED");
  if (!next || next.state !== "QUEUED") return null;
  return next.retryAt === null || next.retryAt <= now ? next : null;
}

/** Overall progress, 0–100: finished steps count whole, the running one by its own progress. */
export function pipelineProgress(steps: readonly { state: StepState; progress: number }[]): number {
  if (steps.length === 0) return 0;
  const done = steps.reduce((sum, s) => sum + (s.state === "SUCCEEDED" ? 100 : s.state === "RUNNING" ? s.progress : 0), 0);
  return Math.floor(done / steps.length);
}
