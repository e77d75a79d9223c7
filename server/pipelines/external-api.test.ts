// The external executor against the real PostgreSQL: a runner claims, reports
// and completes a step over signed requests; forged, altered, replayed, stale
// and revoked requests are refused and change nothing; a runner of another
// facility finds nothing; acquisition software posts scans once. Then the
// route handler itself, with real Requests.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/executors/[action]/route";
import type { SignedInActor } from "../access/actor";
import { inTransaction, type Db } from "../db";
import type { SignedInContext } from "../run";
import { createRunWorld, openWorldRun } from "../runs/test-world";
import { contextFor, createMember, testDb, uniqueSuffix } from "../testing/fixtures";
import { signRequest } from "./executors/signature";
import { claim, complete, fail, nonceRetentionMs, postScan, progress, type SignedRequest } from "./external-api";
import { listExternalExecutors, openExecutorSecret, registerExternalExecutor, revokeExternalExecutor } from "./external-executors";

const db: Db = testDb();
const hour = 3_600_000;
const sha = (c: string) => c.repeat(64);

const signedIn = (actor: SignedInActor): SignedInContext => ({ ...contextFor(actor), actor });

interface Runner {
  id: string;
  keyId: string;
  secret: string;
}

/** A signed request as a runner sends it; `over` forges, alters or replays it. */
function signed(runner: Runner, action: string, body: unknown, over: { secret?: string; nonce?: string; now?: Date; sendBody?: string } = {}): SignedRequest & { headers: Record<string, string> } {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const path = `/api/executors/${action}`;
  const headers = signRequest({ keyId: runner.keyId, secret: over.secret ?? runner.secret, method: "POST", path, body: text, now: over.now ?? new Date(), nonce: over.nonce });
  return { method: "POST", path, headers, body: over.sendBody ?? text };
}

async function registerRunner(facilityId: string, admin: SignedInActor, name = `GPU box ${uniqueSuffix()}`): Promise<Runner> {
  return inTransaction((tx) => registerExternalExecutor(tx, signedIn(admin), { facilityId, name }), db);
}

/** An open run with two scans, a pipeline of `steps` (default one EXTERNAL script step) and a runner registered at its facility. */
async function externalWorld(options: { steps?: { key: string; executor: "EXTERNAL" | "BUILTIN"; kind?: string }[]; maxAttempts?: number } = {}) {
  const w = await createRunWorld(db);
  const run = await openWorldRun(w);
  const scans = [];
  for (const i of [1, 2]) {
    scans.push(
      await db.scan.create({
        data: {
          runId: run.id, technique: "Synchrotron micro-CT", startTime: new Date(Date.now() - i * hour), energyKeV: 25, voxelSize: 0.65, voxelUnit: "um", sizeX: 2560, sizeY: 2560, sizeZ: 2160 + i,
          fileFormat: "NeXus/HDF5", dataUri: `s3://visits/t01/scan-000${i}.nxs`, sizeBytes: 1_000_000n * BigInt(i), sha256: sha(String(i)), source: "TYPED",
        },
      }),
    );
  }
  const steps = options.steps ?? [{ key: "reconstruct", executor: "EXTERNAL" }];
  const template = await db.pipelineTemplate.create({
    data: { endstationId: w.endstation.id, name: `Outside reconstruction ${uniqueSuffix()}`, version: 1, steps: [], createdById: w.staff.userId },
  });
  const pipeline = await db.pipelineRun.create({
    data: {
      reference: `PIP-T-${uniqueSuffix()}`, runId: run.id, templateId: template.id, scanIds: [scans[1]!.id, scans[0]!.id], startedById: w.staff.userId,
      steps: {
        create: steps.map((s, position) => ({
          position, key: s.key, kind: s.kind ?? "script", executor: s.executor, maxAttempts: options.maxAttempts ?? 3,
          params: { name: `Step ${s.key}`, deadlineMinutes: 45, script: "tomopy-recon --in \"$SCAN\"" },
        })),
      },
    },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  const runner = await registerRunner(w.facility.id, w.admin);
  return { ...w, run, scans, pipeline, runner, step: pipeline.steps.find((s) => s.executor === "EXTERNAL")! };
}
type World = Awaited<ReturnType<typeof externalWorld>>;

/** Everything a request could change: the pipeline, its steps and outputs, the run's scans and audit rows, the runner's nonces. */
async function snapshot(w: World) {
  return {
    pipeline: await db.pipelineRun.findUniqueOrThrow({ where: { id: w.pipeline.id } }),
    steps: await db.pipelineStep.findMany({ where: { pipelineId: w.pipeline.id }, orderBy: { position: "asc" } }),
    outputs: await db.stepOutput.findMany({ where: { step: { pipelineId: w.pipeline.id } }, orderBy: { name: "asc" } }),
    scans: await db.scan.findMany({ where: { runId: w.run.id }, orderBy: { id: "asc" } }),
    audit: await db.auditEvent.count({ where: { entityId: w.run.id } }),
    nonces: await db.executorNonce.findMany({ where: { executorId: w.runner.id }, orderBy: { nonce: "asc" } }),
    executor: await db.externalExecutor.findUniqueOrThrow({ where: { id: w.runner.id } }),
  };
}

const files = [
  { name: "volume.tiff", uri: "s3://processed/t01/volume.tiff", sizeBytes: 8_589_934_592, sha256: sha("b") },
  { name: "recon.log", uri: "s3://processed/t01/recon.log", sizeBytes: 2048, sha256: sha("c") },
];

const scanBody = (runId: string, externalId: string, over: Record<string, unknown> = {}) => ({
  runId, externalId, technique: "Synchrotron micro-CT", startTime: new Date(Date.now() - hour).toISOString(), endTime: new Date(Date.now() - hour / 2).toISOString(),
  energyKeV: 25, voxelSize: 0.65, voxelUnit: "um", sizeX: 2560, sizeY: 2560, sizeZ: 2160, projections: 1801, fileFormat: "NeXus/HDF5",
  dataUri: "file:///data/visits/t01/scan-0042.nxs", sha256: sha("d"), ...over,
});

describe("registering runners", () => {
  it("the facility admin registers one and sees its secret once, stored only encrypted; staff list it without the secret; others cannot", async () => {
    const w = await createRunWorld(db, { samples: 0 });
    const runner = await registerRunner(w.facility.id, w.admin, "Tomography cluster");
    expect(runner).toMatchObject({ keyId: expect.stringMatching(/^lxk_[A-Za-z0-9_-]{16}$/), secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(Buffer.from(runner.secret, "base64url")).toHaveLength(32);
    const row = await db.externalExecutor.findUniqueOrThrow({ where: { id: runner.id } });
    expect(row).toMatchObject({ facilityId: w.facility.id, name: "Tomography cluster", keyId: runner.keyId, createdById: w.admin.userId, revokedAt: null });
    expect(row.keyEncrypted).not.toContain(runner.secret);
    expect(openExecutorSecret(row.keyEncrypted)).toBe(runner.secret);

    const listed = await listExternalExecutors(db, w.staff);
    expect(listed).toEqual([{ id: runner.id, name: "Tomography cluster", keyId: runner.keyId, createdAt: row.createdAt, createdById: w.admin.userId, revokedAt: null, facility: { id: w.facility.id, name: w.facility.name }, mayRevoke: false }]);
    expect(JSON.stringify(listed)).not.toContain(runner.secret);
    expect(JSON.stringify(listed)).not.toContain(row.keyEncrypted);
    expect((await listExternalExecutors(db, w.admin))[0]).toMatchObject({ mayRevoke: true });
    expect(await listExternalExecutors(db, w.applicant)).toEqual([]);
    expect(await listExternalExecutors(db, await createMember(db, "FACILITY_ADMIN"))).toEqual([]);

    await expect(registerRunner(w.facility.id, w.staff)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(registerRunner(w.facility.id, await createMember(db, "FACILITY_ADMIN"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(registerRunner("no-such-facility", w.admin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(registerRunner(w.facility.id, w.admin, "Tomography cluster")).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
    await expect(registerRunner(w.facility.id, w.admin, " x ")).rejects.toThrow(/at least 2 characters/);

    await expect(inTransaction((tx) => revokeExternalExecutor(tx, signedIn(w.staff), { executorId: runner.id }), db)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inTransaction((tx) => revokeExternalExecutor(tx, signedIn(w.applicant), { executorId: runner.id }), db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await inTransaction((tx) => revokeExternalExecutor(tx, signedIn(w.admin), { executorId: runner.id }), db);
    expect((await db.externalExecutor.findUniqueOrThrow({ where: { id: runner.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await listExternalExecutors(db, w.admin))[0]).toMatchObject({ mayRevoke: false, revokedAt: expect.any(Date) });
    await expect(inTransaction((tx) => revokeExternalExecutor(tx, signedIn(w.admin), { executorId: runner.id }), db)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("a runner working a step", () => {
  it("claims the step with its scans, reports progress, completes with files; outputs are registered once even when complete is sent twice", async () => {
    const w = await externalWorld();
    const claimed = await claim(db, signed(w.runner, "claim", ""));
    expect(claimed).toEqual({
      stepId: w.step.id,
      attempt: 1,
      kind: "script",
      params: { name: "Step reconstruct", deadlineMinutes: 45, script: "tomopy-recon --in \"$SCAN\"" },
      pipeline: { id: w.pipeline.id, reference: w.pipeline.reference },
      deadlineAt: expect.any(String),
      // In the pipeline's order of scans.
      scans: [
        { id: w.scans[1]!.id, dataUri: "s3://visits/t01/scan-0002.nxs", sha256: sha("2"), sizeBytes: 2_000_000, fileFormat: "NeXus/HDF5", sizeX: 2560, sizeY: 2560, sizeZ: 2162, voxelSize: 0.65, voxelUnit: "um" },
        { id: w.scans[0]!.id, dataUri: "s3://visits/t01/scan-0001.nxs", sha256: sha("1"), sizeBytes: 1_000_000, fileFormat: "NeXus/HDF5", sizeX: 2560, sizeY: 2560, sizeZ: 2161, voxelSize: 0.65, voxelUnit: "um" },
      ],
    });
    expect(Date.parse(claimed!.deadlineAt) - Date.now()).toBeGreaterThan(44 * 60_000);
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: w.step.id } })).toMatchObject({ state: "RUNNING", attempts: 1, progress: 0, externalId: w.runner.keyId, startedAt: expect.any(Date) });
    expect(await db.pipelineRun.findUniqueOrThrow({ where: { id: w.pipeline.id } })).toMatchObject({ state: "RUNNING" });
    // Claimed once: nothing else to do.
    expect(await claim(db, signed(w.runner, "claim", {}))).toBeNull();

    expect(await progress(db, signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, progress: 42.7, logTail: "slice 900/2160" }))).toEqual({ state: "RUNNING" });
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: w.step.id } })).toMatchObject({ state: "RUNNING", progress: 42, logTail: "slice 900/2160" });

    const body = { stepId: w.step.id, attempt: 1, files, figures: { porosityPercent: 12.5, phases: [{ name: "petalite", fraction: 0.4 }] }, logTail: "done" };
    expect(await complete(db, signed(w.runner, "complete", body))).toEqual({ state: "SUCCEEDED", repeated: false });
    const after = await snapshot(w);
    expect(after.steps[0]).toMatchObject({ state: "SUCCEEDED", progress: 100, logTail: "done", finishedAt: expect.any(Date) });
    expect(after.pipeline).toMatchObject({ state: "SUCCEEDED", finishedAt: expect.any(Date) });
    expect(after.outputs.map((o) => [o.name, o.uri, o.sizeBytes, o.sha256])).toEqual([
      ["figures", null, null, null],
      ["recon.log", "s3://processed/t01/recon.log", 2048n, sha("c")],
      ["volume.tiff", "s3://processed/t01/volume.tiff", 8_589_934_592n, sha("b")],
    ]);
    expect(after.outputs[0]!.figures).toEqual({ porosityPercent: 12.5, phases: [{ name: "petalite", fraction: 0.4 }] });

    // The first answer lost: the runner sends it again (a new nonce), even with another file; it answers the same, registers nothing.
    expect(await complete(db, signed(w.runner, "complete", { ...body, files: [...files, { ...files[1]!, name: "extra.log" }] }))).toEqual({ state: "SUCCEEDED", repeated: true });
    const again = await snapshot(w);
    expect({ ...again, nonces: again.nonces.length }).toEqual({ ...after, nonces: after.nonces.length + 1 });
    // A report for the finished attempt is refused as no longer current.
    await expect(progress(db, signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, progress: 50 }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("no longer running (the step is succeeded)") });
  });

  it("a failed attempt is queued again after its backoff and claimed again; the last failure fails the pipeline", async () => {
    const w = await externalWorld({ maxAttempts: 2 });
    const first = await claim(db, signed(w.runner, "claim", ""));
    expect(await fail(db, signed(w.runner, "fail", { stepId: w.step.id, attempt: 1, message: "CUDA out of memory", logTail: "Traceback…" }))).toEqual({ state: "retrying" });
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: w.step.id } })).toMatchObject({ state: "QUEUED", attempts: 1, message: "CUDA out of memory", logTail: "Traceback…", externalId: null, retryAt: expect.any(Date) });
    // Not before the backoff.
    expect(await claim(db, signed(w.runner, "claim", ""))).toBeNull();
    const later = new Date(Date.now() + 31_000);
    const second = await claim(db, signed(w.runner, "claim", "", { now: later }), later);
    expect(second).toMatchObject({ stepId: first!.stepId, attempt: 2 });
    // The first attempt's late reports change nothing.
    await expect(complete(db, signed(w.runner, "complete", { stepId: w.step.id, attempt: 1, files }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.stepOutput.count({ where: { stepId: w.step.id } })).toBe(0);
    expect(await fail(db, signed(w.runner, "fail", { stepId: w.step.id, attempt: 2, message: "CUDA out of memory again" }))).toEqual({ state: "failed" });
    expect(await db.pipelineRun.findUniqueOrThrow({ where: { id: w.pipeline.id } })).toMatchObject({ state: "FAILED" });
    expect(await claim(db, signed(w.runner, "claim", "", { now: new Date(Date.now() + hour) }), new Date(Date.now() + hour))).toBeNull();
  });

  it("waits for the steps before it: an external step after a built-in one is not claimed until that one succeeded", async () => {
    const w = await externalWorld({ steps: [{ key: "segment", executor: "BUILTIN", kind: "segmentation" }, { key: "reconstruct", executor: "EXTERNAL" }] });
    expect(await claim(db, signed(w.runner, "claim", ""))).toBeNull();
    await db.pipelineStep.update({ where: { id: w.pipeline.steps[0]!.id }, data: { state: "SUCCEEDED", attempts: 1 } });
    expect(await claim(db, signed(w.runner, "claim", ""))).toMatchObject({ stepId: w.step.id, attempt: 1 });
  });

  it("validates every body and says what is wrong, before the nonce is spent", async () => {
    const w = await externalWorld();
    await claim(db, signed(w.runner, "claim", ""));
    const before = await snapshot(w);
    const cases: [string, unknown, RegExp][] = [
      ["progress", "{not json", /The body is not JSON/],
      ["progress", "", /attempt: Give the attempt number|stepId/],
      ["progress", { stepId: w.step.id, attempt: 1 }, /progress: Give the progress as a number/],
      ["progress", { stepId: w.step.id, attempt: 1, progress: 140 }, /Progress is 0 to 100/],
      ["progress", { stepId: w.step.id, attempt: "1", progress: 10 }, /attempt: Give the attempt number/],
      ["complete", { stepId: w.step.id, attempt: 1, files: [{ ...files[0]!, sha256: "abc" }] }, /files\.0\.sha256: A SHA-256 checksum is 64 hexadecimal characters/],
      ["complete", { stepId: w.step.id, attempt: 1, files: [{ ...files[0]!, uri: "/tmp/volume.tiff" }] }, /files\.0\.uri: Give where each file is stored as a URI/],
      ["complete", { stepId: w.step.id, attempt: 1, files: [{ ...files[0]!, name: "../etc/passwd" }] }, /no slashes/],
      ["complete", { stepId: w.step.id, attempt: 1, files: [files[0], files[0]] }, /Each file needs its own name/],
      ["complete", { stepId: w.step.id, attempt: 1, files: [{ ...files[0]!, sizeBytes: -1 }] }, /0 or more bytes/],
      ["fail", { stepId: w.step.id, attempt: 1, message: "  " }, /Say why the step failed/],
      ["scans", [], /JSON object with the scan's fields/],
      ["scans", scanBody(w.run.id, ""), /externalId: Give the acquisition software's id/],
      ["scans", scanBody(w.run.id, "acq-1", { voxelUnit: "furlong", source: "TYPED" }), /source: Scans posted here are INSTRUMENT_API.*voxelUnit: Choose the voxel size's unit/],
      ["scans", scanBody(w.run.id, "acq-1", { energyKeV: null }), /Give the beam energy/],
    ];
    const operations = { progress, complete, fail, scans: postScan } as Record<string, (db: Db, r: SignedRequest) => Promise<unknown>>;
    for (const [action, body, message] of cases) {
      await expect(operations[action]!(db, signed(w.runner, action, body)), `${action} ${JSON.stringify(body)}`).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    expect(await snapshot(w)).toEqual(before);
  });

  it("forgets nonces once they can no longer be replayed", async () => {
    const w = await externalWorld();
    await db.executorNonce.createMany({ data: [{ executorId: w.runner.id, nonce: "old-nonce-0123456789", at: new Date(Date.now() - nonceRetentionMs - 1000) }, { executorId: w.runner.id, nonce: "recent-nonce-0123456789", at: new Date(Date.now() - 60_000) }] });
    await claim(db, signed(w.runner, "claim", ""));
    expect((await db.executorNonce.findMany({ where: { executorId: w.runner.id } })).map((n) => n.nonce)).not.toContain("old-nonce-0123456789");
    expect(await db.executorNonce.count({ where: { executorId: w.runner.id, nonce: "recent-nonce-0123456789" } })).toBe(1);
  });
});

describe("refused requests change nothing", () => {
  async function claimedWorld() {
    const w = await externalWorld();
    await claim(db, signed(w.runner, "claim", ""));
    return { w, before: await snapshot(w) };
  }
  const completeBody = (w: World) => ({ stepId: w.step.id, attempt: 1, files });

  it("a forged report (signed with another secret)", async () => {
    const { w, before } = await claimedWorld();
    const forged = signed(w.runner, "complete", completeBody(w), { secret: "guessed-secret-guessed-secret-guessed-secre" });
    await expect(complete(db, forged)).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("signature does not match") });
    await expect(progress(db, signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, progress: 90 }, { secret: "x".repeat(43) }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(fail(db, signed(w.runner, "fail", { stepId: w.step.id, attempt: 1, message: "x" }, { secret: "x".repeat(43) }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "forged"), { secret: "x".repeat(43) }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot(w)).toEqual(before);
  });

  it("an altered body (signed one body, sent another)", async () => {
    const { w, before } = await claimedWorld();
    const honest = JSON.stringify(completeBody(w));
    const altered = signed(w.runner, "complete", honest, { sendBody: JSON.stringify({ ...completeBody(w), files: [{ ...files[0]!, uri: "s3://attacker/volume.tiff" }] }) });
    await expect(complete(db, altered)).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("signature does not match") });
    // Even whitespace counts: the signature covers the exact bytes.
    await expect(complete(db, signed(w.runner, "complete", honest, { sendBody: `${honest} ` }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // And the path: a progress report sent to another action.
    const moved = signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, message: "x", progress: 1 });
    await expect(fail(db, { ...moved, path: "/api/executors/fail" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot(w)).toEqual(before);
  });

  it("a replayed request (the same nonce again), even after the first one was refused by the operation", async () => {
    const { w } = await claimedWorld();
    const report = signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, progress: 10 });
    await progress(db, report);
    const before = await snapshot(w);
    await expect(progress(db, report)).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("replayed") });
    // A different body with the used nonce, properly signed, is a replay too.
    await expect(progress(db, signed(w.runner, "progress", { stepId: w.step.id, attempt: 1, progress: 99 }, { nonce: report.headers["X-Lodestone-Nonce"] }))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot(w)).toEqual(before);

    // A request the operation refused (an attempt never claimed) still spent its nonce: sending it again is refused as a replay.
    const wrongAttempt = signed(w.runner, "complete", { stepId: w.step.id, attempt: 2, files });
    await expect(complete(db, wrongAttempt)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(complete(db, wrongAttempt)).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("replayed") });
  });

  it("a stale or future timestamp", async () => {
    const { w, before } = await claimedWorld();
    await expect(complete(db, signed(w.runner, "complete", completeBody(w), { now: new Date(Date.now() - 301_000) }))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("old") });
    await expect(complete(db, signed(w.runner, "complete", completeBody(w), { now: new Date(Date.now() + 400_000) }))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("ahead") });
    // Signed in time, but received too late.
    const late = signed(w.runner, "complete", completeBody(w));
    await expect(complete(db, late, new Date(Date.now() + 301_000))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot(w)).toEqual(before);
  });

  it("a revoked key", async () => {
    const { w } = await claimedWorld();
    await inTransaction((tx) => revokeExternalExecutor(tx, signedIn(w.admin), { executorId: w.runner.id }), db);
    const before = await snapshot(w);
    await expect(complete(db, signed(w.runner, "complete", completeBody(w)))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("revoked") });
    await expect(claim(db, signed(w.runner, "claim", ""))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "revoked")))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot(w)).toEqual(before);
  });

  it("an unknown key or missing headers", async () => {
    const { w, before } = await claimedWorld();
    await expect(claim(db, signed({ ...w.runner, keyId: "lxk_not-a-registered-key" }, "claim", ""))).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("no registered runner") });
    await expect(claim(db, { method: "POST", path: "/api/executors/claim", headers: {}, body: "" })).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringContaining("not signed") });
    expect(await snapshot(w)).toEqual(before);
  });
});

describe("a runner sees only its own facility", () => {
  it("another facility's runner cannot claim or report on this facility's steps, nor post scans to its runs: not found", async () => {
    const w = await externalWorld();
    const elsewhere = await createRunWorld(db, { samples: 0 });
    const stranger = await registerRunner(elsewhere.facility.id, elsewhere.admin);
    const before = await snapshot(w);
    expect(await claim(db, signed(stranger, "claim", ""))).toBeNull();
    expect(await snapshot(w)).toEqual(before);

    await claim(db, signed(w.runner, "claim", ""));
    const claimed = await snapshot(w);
    await expect(progress(db, signed(stranger, "progress", { stepId: w.step.id, attempt: 1, progress: 50 }))).rejects.toMatchObject({ code: "NOT_FOUND", message: "The step was not found." });
    await expect(complete(db, signed(stranger, "complete", { stepId: w.step.id, attempt: 1, files }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(fail(db, signed(stranger, "fail", { stepId: w.step.id, attempt: 1, message: "sabotage" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(postScan(db, signed(stranger, "scans", scanBody(w.run.id, "acq-stranger")))).rejects.toMatchObject({ code: "NOT_FOUND", message: "The run was not found." });
    await expect(progress(db, signed(stranger, "progress", { stepId: "no-such-step", attempt: 1, progress: 50 }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const after = await snapshot(w);
    expect(after).toEqual(claimed);
  });

  it("another runner of the same facility cannot report on a step it did not claim", async () => {
    const w = await externalWorld();
    const colleague = await registerRunner(w.facility.id, w.admin);
    await claim(db, signed(w.runner, "claim", ""));
    const before = await snapshot(w);
    await expect(complete(db, signed(colleague, "complete", { stepId: w.step.id, attempt: 1, files }))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not this runner's current claim") });
    await expect(progress(db, signed(colleague, "progress", { stepId: w.step.id, attempt: 1, progress: 5 }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshot(w)).toEqual(before);
  });
});

describe("acquisition software posting scans", () => {
  it("records a scan of an open run once per externalId, as INSTRUMENT_API, audited as the runner", async () => {
    const w = await externalWorld();
    const first = await postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-0042")));
    expect(first).toEqual({ id: expect.any(String), created: true });
    const second = await postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-0042", { technique: "Changed on the second post" })));
    expect(second).toEqual({ id: first.id, created: false });
    const scans = await db.scan.findMany({ where: { runId: w.run.id, externalId: "acq-0042" } });
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ source: "INSTRUMENT_API", technique: "Synchrotron micro-CT", createdById: null, dataUri: "file:///data/visits/t01/scan-0042.nxs", sizeZ: 2160 });
    const audit = await db.auditEvent.findMany({ where: { entityId: w.run.id, action: "run.scan_added" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, userAgent: expect.stringContaining(w.runner.keyId) });
    // Another externalId is another scan; a sample of another request is refused.
    expect(await postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-0043")))).toMatchObject({ created: true });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-0044", { sampleId: "not-this-requests-sample" })))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("the same scan posted twice at once is recorded once", async () => {
    const w = await externalWorld();
    const results = await Promise.all([1, 2, 3].map(() => postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-race")))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.scan.count({ where: { runId: w.run.id, externalId: "acq-race" } })).toBe(1);
  });

  it("reads times with an offset as given and local times in the facility's zone; refuses an end before the start", async () => {
    const w = await externalWorld();
    const { id: utc } = await postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-utc", { startTime: "2027-07-01T08:30:00Z", endTime: "2027-07-01T10:00:00+01:00" })));
    expect(await db.scan.findUniqueOrThrow({ where: { id: utc } })).toMatchObject({ startTime: new Date("2027-07-01T08:30:00Z"), endTime: new Date("2027-07-01T09:00:00Z") });
    // Europe/London is on summer time in July: 09:30 there is 08:30 UTC.
    const { id: local } = await postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-local", { startTime: "2027-07-01T09:30", endTime: null })));
    expect(await db.scan.findUniqueOrThrow({ where: { id: local } })).toMatchObject({ startTime: new Date("2027-07-01T08:30:00Z"), endTime: null });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-backwards", { startTime: "2027-07-01T10:00:00Z", endTime: "2027-07-01T09:00:00Z" })))).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The scan ends after it starts." });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-nonsense", { startTime: "yesterday" })))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.scan.count({ where: { runId: w.run.id, externalId: { in: ["acq-backwards", "acq-nonsense"] } } })).toBe(0);
  });

  it("refuses a closed run", async () => {
    const w = await externalWorld();
    await db.run.update({ where: { id: w.run.id }, data: { state: "CLOSED", closedAt: new Date() } });
    await expect(postScan(db, signed(w.runner, "scans", scanBody(w.run.id, "acq-late")))).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is closed") });
  });
});

describe("the route handler", () => {
  const call = (action: string, init: { headers: Record<string, string>; body: string }) =>
    POST(new Request(`http://localhost:3000/api/executors/${action}`, { method: "POST", headers: { ...init.headers, "content-type": "application/json" }, body: init.body }), { params: Promise.resolve({ action }) });
  const sign = (runner: Runner, action: string, body: string, secret = runner.secret) => ({ headers: signRequest({ keyId: runner.keyId, secret, method: "POST", path: `/api/executors/${action}`, body, now: new Date() }), body });

  it("claims over HTTP with the raw body, answers 204 when there is nothing to do, and 401 with the reason for a forged request", async () => {
    const w = await externalWorld();
    const forged = await call("claim", sign(w.runner, "claim", "{}", "forged-secret-forged-secret-forged-secret-0"));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: expect.stringContaining("signature does not match") });
    expect(await db.pipelineStep.findUniqueOrThrow({ where: { id: w.step.id } })).toMatchObject({ state: "QUEUED", attempts: 0 });

    const claimed = await call("claim", sign(w.runner, "claim", "{}"));
    expect(claimed.status).toBe(200);
    expect(claimed.headers.get("cache-control")).toBe("no-store");
    expect(await claimed.json()).toMatchObject({ stepId: w.step.id, attempt: 1, scans: [{ id: w.scans[1]!.id }, { id: w.scans[0]!.id }] });

    const nothing = await call("claim", sign(w.runner, "claim", ""));
    expect(nothing.status).toBe(204);
    expect(await nothing.text()).toBe("");

    const done = await call("complete", sign(w.runner, "complete", JSON.stringify({ stepId: w.step.id, attempt: 1, files })));
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ state: "SUCCEEDED", repeated: false });

    const bad = await call("progress", sign(w.runner, "progress", JSON.stringify({ stepId: w.step.id })));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/attempt/);
    const gone = await call("progress", sign(w.runner, "progress", JSON.stringify({ stepId: "no-such-step", attempt: 1, progress: 1 })));
    expect(gone.status).toBe(404);
    const stale = await call("progress", sign(w.runner, "progress", JSON.stringify({ stepId: w.step.id, attempt: 1, progress: 1 })));
    expect(stale.status).toBe(409);

    const scan = await call("scans", sign(w.runner, "scans", JSON.stringify(scanBody(w.run.id, "acq-http"))));
    expect(scan.status).toBe(201);
    const again = await call("scans", sign(w.runner, "scans", JSON.stringify(scanBody(w.run.id, "acq-http"))));
    expect(again.status).toBe(200);

    const unknown = await call("delete", sign(w.runner, "delete", ""));
    expect(unknown.status).toBe(404);
  });
});
