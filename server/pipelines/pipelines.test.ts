import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createMember, callerFor, testDb } from "../testing/fixtures";
import { runBuiltinStep } from "./builtin/run-step";
import { advancePipelines } from "./driver";
import { listening, subscribe, type ProgressNotice } from "./live";
import { analysisStep, createPipelineWorld, type PipelineWorld } from "./test-world";

const db = testDb();

beforeAll(() => {
  process.env.LODESTONE_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "lodestone-pipelines-"));
});

/**
 * Runs the driver once, collecting the built-in steps it hands out instead of
 * queueing them; only those of `pipelineId` are returned (the driver serves
 * every pipeline in the database, earlier tests' included).
 */
async function advance(pipelineId: string) {
  const handed: { stepId: string; attempt: number }[] = [];
  await advancePipelines(db, { builtin: async (stepId, attempt) => void handed.push({ stepId, attempt }) });
  const mine = new Set((await db.pipelineStep.findMany({ where: { pipelineId }, select: { id: true } })).map((s) => s.id));
  return handed.filter((h) => mine.has(h.stepId));
}

async function start(w: PipelineWorld) {
  return callerFor(w.staff).pipelines.start({ runId: w.run.id, templateId: w.template.id, scanIds: [w.scan.id] });
}

describe("a pipeline on the built-in executor", () => {
  it("starts on a run's scan, runs the reference analysis, announces progress and registers its outputs", async () => {
    const w = await createPipelineWorld(db);
    const notices: ProgressNotice[] = [];
    const unsubscribe = subscribe((n) => notices.push(n));
    await listening();
    const { id: pipelineId, reference } = await start(w);
    expect(reference).toMatch(/^PIP-\d{2}-\d{4}$/);

    const handed = await advance(pipelineId);
    const step = await db.pipelineStep.findFirstOrThrow({ where: { pipelineId } });
    expect(handed).toEqual([{ stepId: step.id, attempt: 1 }]);
    expect(await runBuiltinStep(db, step.id, 1)).toBe("done");

    const done = await callerFor(w.applicant).pipelines.get({ pipelineId });
    expect(done.state).toBe("SUCCEEDED");
    expect(done.steps[0]).toMatchObject({ state: "SUCCEEDED", progress: 100, attempts: 1 });
    const outputs = Object.fromEntries(done.steps[0]!.outputs.map((o) => [o.name, o]));
    expect(Object.keys(outputs).sort()).toEqual(["analysis", "preview", "preview-labels"]);
    expect(outputs["preview-labels"]).toMatchObject({ uri: expect.stringMatching(/^file:\/\//), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), sizeBytes: String(32 ** 3) });
    const analysis = outputs.analysis!.figures as { porosity: { total: { value: number } }; liberation: { allTargets: unknown } };
    expect(analysis.porosity.total.value).toBeGreaterThan(0.4);
    expect(analysis.porosity.total.value).toBeLessThan(0.8);
    expect(analysis.liberation.allTargets).toBeTruthy();

    await expect.poll(() => notices.filter((n) => n.pipelineId === pipelineId).map((n) => n.state).at(-1)).toBe("SUCCEEDED");
    expect(notices.filter((n) => n.pipelineId === pipelineId).map((n) => n.state)).toEqual(expect.arrayContaining(["QUEUED", "RUNNING", "SUCCEEDED"]));
    unsubscribe();
  });

  it("two drivers at once start a step once", async () => {
    const w = await createPipelineWorld(db);
    const { id: pipelineId } = await start(w);
    const [a, b] = await Promise.all([advance(pipelineId), advance(pipelineId)]);
    const step = await db.pipelineStep.findFirstOrThrow({ where: { pipelineId } });
    expect([...a, ...b]).toEqual([{ stepId: step.id, attempt: 1 }]);
    expect(step.attempts).toBe(1);
  });

  it("a worker killed mid-step: the retried attempt finishes the step once, with no output registered twice", async () => {
    const w = await createPipelineWorld(db);
    const { id: pipelineId } = await start(w);
    const [claim] = await advance(pipelineId);
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts", "pipeline-step.ts"), claim!.stepId, String(claim!.attempt)], {
        env: { ...process.env, LODESTONE_STEP_CRASH_AFTER: "preview-labels" },
        stdio: "ignore",
      });
      child.on("exit", (code, signal) => resolve({ code, signal }));
    });
    expect(exit.signal).toBe("SIGKILL");
    const halfway = await db.pipelineStep.findUniqueOrThrow({ where: { id: claim!.stepId }, include: { outputs: true } });
    expect(halfway.state).toBe("RUNNING");
    expect(halfway.outputs.map((o) => o.name)).toEqual(["preview-labels"]);

    // pg-boss hands the same attempt to another worker.
    expect(await runBuiltinStep(db, claim!.stepId, claim!.attempt)).toBe("done");
    expect(await runBuiltinStep(db, claim!.stepId, claim!.attempt)).toBe("stale");
    const finished = await db.pipelineStep.findUniqueOrThrow({ where: { id: claim!.stepId }, include: { outputs: true } });
    expect(finished).toMatchObject({ state: "SUCCEEDED", attempts: 1 });
    expect(finished.outputs.map((o) => o.name).sort()).toEqual(["analysis", "preview", "preview-labels"]);
    expect((await db.pipelineRun.findUniqueOrThrow({ where: { id: pipelineId } })).state).toBe("SUCCEEDED");
  }, 60_000);

  it("a step that fails is retried after a backoff, then fails the pipeline when its attempts are used up; staff may retry it once more", async () => {
    const w = await createPipelineWorld(db, { dataUri: "file:///nonexistent/lodestone/scan.raw", steps: [{ ...analysisStep, maxAttempts: 2 }] });
    const { id: pipelineId } = await start(w);
    const [first] = await advance(pipelineId);
    expect(await runBuiltinStep(db, first!.stepId, 1)).toBe("failed");
    const waiting = await db.pipelineStep.findUniqueOrThrow({ where: { id: first!.stepId } });
    expect(waiting).toMatchObject({ state: "QUEUED", attempts: 1, message: expect.stringContaining("ENOENT") });
    expect(waiting.retryAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await advance(pipelineId)).toEqual([]); // the backoff has not passed

    await db.pipelineStep.update({ where: { id: first!.stepId }, data: { retryAt: new Date(Date.now() - 1) } });
    const [second] = await advance(pipelineId);
    expect(second).toEqual({ stepId: first!.stepId, attempt: 2 });
    expect(await runBuiltinStep(db, second!.stepId, 2)).toBe("failed");
    expect(await db.pipelineRun.findUniqueOrThrow({ where: { id: pipelineId } })).toMatchObject({ state: "FAILED" });

    await expect(callerFor(w.applicant).pipelines.retryStep({ stepId: first!.stepId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(w.staff).pipelines.retryStep({ stepId: first!.stepId });
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: first!.stepId } })).toMatchObject({ state: "QUEUED", maxAttempts: 3 });
    expect((await db.pipelineRun.findUniqueOrThrow({ where: { id: pipelineId } })).state).toBe("RUNNING");
  });

  it("cancelling stops queued steps; a late report from the cancelled attempt changes nothing", async () => {
    const w = await createPipelineWorld(db);
    const { id: pipelineId } = await start(w);
    const [claim] = await advance(pipelineId);
    await callerFor(w.staff).pipelines.cancel({ pipelineId });
    expect(await runBuiltinStep(db, claim!.stepId, claim!.attempt)).toBe("stale");
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: claim!.stepId }, include: { outputs: true } })).toMatchObject({ state: "CANCELLED", outputs: [] });
    await expect(callerFor(w.staff).pipelines.cancel({ pipelineId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already finished") });
  });
});

describe("who starts and sees pipelines", () => {
  it("staff start any of the endstation's pipelines; the team only where the facility allows it; others are told the run does not exist", async () => {
    const w = await createPipelineWorld(db);
    await expect(callerFor(w.applicant).pipelines.start({ runId: w.run.id, templateId: w.template.id, scanIds: [w.scan.id] })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("staff start") });
    const open = await createPipelineWorld(db, { applicantsMayStart: true });
    await expect(callerFor(open.applicant).pipelines.start({ runId: open.run.id, templateId: open.template.id, scanIds: [open.scan.id] })).resolves.toMatchObject({ reference: expect.any(String) });
    const outsider = await createMember(db, "APPLICANT");
    await expect(callerFor(outsider).pipelines.start({ runId: open.run.id, templateId: open.template.id, scanIds: [open.scan.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const pipeline = await db.pipelineRun.findFirstOrThrow({ where: { runId: open.run.id } });
    for (const role of ["APPLICANT", "FUNDER", "PLATFORM_ADMIN"] as const) {
      await expect(callerFor(await createMember(db, role)).pipelines.get({ pipelineId: pipeline.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The pipeline was not found." });
    }
  });

  it("refuses another endstation's template, scans of another run, and a cluster step where no cluster is configured, starting nothing", async () => {
    const w = await createPipelineWorld(db);
    const other = await createPipelineWorld(db);
    await expect(callerFor(w.staff).pipelines.start({ runId: w.run.id, templateId: other.template.id, scanIds: [w.scan.id] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose one of this endstation's pipelines." });
    await expect(callerFor(w.staff).pipelines.start({ runId: w.run.id, templateId: w.template.id, scanIds: [other.scan.id] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Choose scans of this run." });
    const previous = process.env.SLURM_REST_URL;
    delete process.env.SLURM_REST_URL;
    const cluster = await createPipelineWorld(db, { steps: [{ key: "recon", name: "Reconstruction", kind: "script", executor: "SLURM", deadlineMinutes: 60, maxAttempts: 1, params: { script: "tomopy-recon --input $LODESTONE_PARAMS" } }] });
    await expect(callerFor(cluster.staff).pipelines.start({ runId: cluster.run.id, templateId: cluster.template.id, scanIds: [cluster.scan.id] })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("runs on SLURM, which is not configured") });
    if (previous !== undefined) process.env.SLURM_REST_URL = previous;
    expect(await db.pipelineRun.count({ where: { runId: { in: [w.run.id, cluster.run.id] } } })).toBe(0);
  });
});
