import { describe, expect, it } from "vitest";
import type { StepState } from "./executors/executor";
import { afterFailure, canMove, isFinished, nextStepToStart, pipelineProgress, pipelineState, retryDelayMs } from "./step-machine";

const states: StepState[] = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];
const at = new Date("2027-03-01T10:00:00Z");

describe("the step state machine", () => {
  it.each(states.flatMap((from) => states.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    const allowed = new Set(["QUEUED>RUNNING", "QUEUED>CANCELLED", "RUNNING>SUCCEEDED", "RUNNING>FAILED", "RUNNING>CANCELLED", "RUNNING>QUEUED", "FAILED>QUEUED"]);
    expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it("a finished step is succeeded, failed or cancelled", () => {
    expect(states.filter(isFinished)).toEqual(["SUCCEEDED", "FAILED", "CANCELLED"]);
  });

  it("retries with a doubling backoff, capped at 15 minutes, until the attempts run out", () => {
    expect([1, 2, 3, 4, 10, 40].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 900_000, 900_000]);
    expect(afterFailure({ attempts: 1, maxAttempts: 3 }, at)).toEqual({ state: "QUEUED", retryAt: new Date(at.getTime() + 30_000) });
    expect(afterFailure({ attempts: 2, maxAttempts: 3 }, at)).toEqual({ state: "QUEUED", retryAt: new Date(at.getTime() + 60_000) });
    expect(afterFailure({ attempts: 3, maxAttempts: 3 }, at)).toEqual({ state: "FAILED" });
  });
});

describe("a pipeline from its steps", () => {
  const step = (state: StepState, attempts = 0) => ({ state, attempts, progress: state === "RUNNING" ? 40 : 0 });

  it("is queued, running, succeeded, failed or cancelled", () => {
    expect(pipelineState([step("QUEUED"), step("QUEUED")])).toBe("QUEUED");
    expect(pipelineState([step("RUNNING", 1), step("QUEUED")])).toBe("RUNNING");
    expect(pipelineState([step("SUCCEEDED", 1), step("QUEUED")])).toBe("RUNNING");
    expect(pipelineState([step("QUEUED", 1), step("QUEUED")])).toBe("RUNNING"); // waiting for a retry
    expect(pipelineState([step("SUCCEEDED", 1), step("SUCCEEDED", 2)])).toBe("SUCCEEDED");
    expect(pipelineState([step("SUCCEEDED", 1), step("FAILED", 3)])).toBe("FAILED");
    expect(pipelineState([step("CANCELLED"), step("QUEUED")])).toBe("CANCELLED");
    expect(pipelineState([])).toBe("QUEUED");
  });

  it("starts steps in order, each only after the ones before succeeded and once its retry is due", () => {
    const s = (position: number, state: StepState, retryAt: Date | null = null) => ({ position, state, retryAt });
    expect(nextStepToStart([s(1, "QUEUED"), s(0, "SUCCEEDED")], at)?.position).toBe(1);
    expect(nextStepToStart([s(0, "RUNNING"), s(1, "QUEUED")], at)).toBeNull();
    expect(nextStepToStart([s(0, "QUEUED", new Date(at.getTime() + 1))], at)).toBeNull();
    expect(nextStepToStart([s(0, "QUEUED", at)], at)?.position).toBe(0);
    expect(nextStepToStart([s(0, "SUCCEEDED"), s(1, "FAILED"), s(2, "QUEUED")], at)).toBeNull();
    expect(nextStepToStart([s(0, "SUCCEEDED")], at)).toBeNull();
  });

  it("counts progress over the steps", () => {
    expect(pipelineProgress([step("SUCCEEDED"), step("RUNNING"), step("QUEUED")])).toBe(46);
    expect(pipelineProgress([step("SUCCEEDED"), step("SUCCEEDED")])).toBe(100);
    expect(pipelineProgress([])).toBe(0);
  });
});
