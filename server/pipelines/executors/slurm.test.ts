// The SLURM executor against a real single-node SLURM (slurmctld, slurmd and
// slurmrestd with JWT, started from a temporary folder by
// scripts/lib/slurm-cluster.ts; Debian's packages are installed when missing).
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlurmCluster, type SlurmCluster } from "@/scripts/lib/slurm-cluster";
import type { StepSpec, StepStatus } from "./executor";
import { SlurmError, SlurmExecutor } from "./slurm";

let cluster: SlurmCluster;
let executor: SlurmExecutor;
const run = crypto.randomBytes(4).toString("hex");

function step(name: string, script: string, extra: Partial<StepSpec> = {}): StepSpec {
  const stepId = `${name}-${run}`;
  return { stepId, kind: "analysis", params: { name }, workDir: path.join(cluster.dir, "work", stepId), script, ...extra };
}

/** Polls until `done` holds, calling `seen` with every status on the way. */
async function pollUntil(externalId: string, spec: StepSpec, done: (s: StepStatus) => boolean, seen?: (s: StepStatus) => void, timeoutMs = 20_000): Promise<StepStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await executor.poll(externalId, spec);
    seen?.(status);
    if (done(status)) return status;
    if (Date.now() > deadline) throw new Error(`job ${externalId} still ${status.state} after ${timeoutMs} ms: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const final = (s: StepStatus) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(s.state);

beforeAll(async () => {
  cluster = await startSlurmCluster({ log: (msg) => console.log(`[slurm] ${msg}`) });
  executor = new SlurmExecutor({ url: cluster.url, user: cluster.user, token: cluster.token, partition: cluster.partition });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describe("SlurmExecutor on a real SLURM", () => {
  it("describes itself as available", () => {
    expect(executor.describe()).toEqual({ label: `SLURM (${cluster.partition}) at ${cluster.url}`, available: true });
    expect(executor.kind).toBe("SLURM");
  });

  let succeeded: { spec: StepSpec; externalId: string } | undefined;

  it("runs a step to SUCCEEDED, with its progress, log tail and hashed output files", async () => {
    const spec = step(
      "ok",
      [
        'echo "starting ${LODESTONE_STEP_KIND} in $PWD"',
        'echo "params: $LODESTONE_PARAMS"',
        "echo PROGRESS 50",
        "echo 'a warning on stderr' >&2",
        "sleep 1.5",
        "printf 'hello lodestone\\n' > result.txt",
        "echo PROGRESS 90",
        "cat > outputs.json <<'EOF'",
        '{"files": [{"name": "result", "path": "result.txt"}], "figures": {"voxels": 42}}',
        "EOF",
        "echo done",
      ].join("\n"),
      { timeLimitMinutes: 2 },
    );
    const { externalId } = await executor.submit(spec);
    expect(externalId).toMatch(/^\d+$/);

    const progressWhileRunning: number[] = [];
    const status = await pollUntil(externalId, spec, final, (s) => {
      if (s.state === "RUNNING" && s.progress !== undefined) progressWhileRunning.push(s.progress);
    });

    expect(status.message).toBeUndefined();
    expect(status.state).toBe("SUCCEEDED");
    expect(status.exitCode).toBe(0);
    expect(status.progress).toBe(100);
    expect(progressWhileRunning).toContain(50);
    expect(status.logTail).toContain(`starting analysis in ${spec.workDir}`);
    expect(status.logTail).toContain('params: {"name":"ok"}');
    expect(status.logTail).toContain("a warning on stderr");
    expect(status.logTail?.split("\n").at(-1)).toBe("done");
    expect(status.logTail).not.toContain("PROGRESS");

    const content = Buffer.from("hello lodestone\n");
    const real = fs.realpathSync(path.join(spec.workDir, "result.txt"));
    expect(status.files).toEqual([
      { name: "result", uri: pathToFileURL(real).href, sizeBytes: content.length, sha256: crypto.createHash("sha256").update(content).digest("hex") },
    ]);
    expect(status.figures).toEqual({ voxels: 42 });
    succeeded = { spec, externalId };
  });

  let failed: { spec: StepSpec; externalId: string } | undefined;

  it("reports a failing step as FAILED with its exit code", async () => {
    const spec = step("fail", "echo 'about to fail'\nexit 7");
    const { externalId } = await executor.submit(spec);
    const status = await pollUntil(externalId, spec, final);
    expect(status.state).toBe("FAILED");
    expect(status.exitCode).toBe(7);
    expect(status.message).toBe(`SLURM job ${externalId} ended FAILED: exit code 7`);
    expect(status.logTail).toBe("about to fail");
    expect(status.files).toBeUndefined();
    failed = { spec, externalId };
  });

  it("cancels a long step", async () => {
    const spec = step("long", "echo PROGRESS 5\nsleep 60\necho never");
    const { externalId } = await executor.submit(spec);
    await pollUntil(externalId, spec, (s) => s.state === "RUNNING" || final(s));
    const started = Date.now();
    await executor.cancel(externalId);
    const status = await pollUntil(externalId, spec, final);
    expect(status.state).toBe("CANCELLED");
    expect(status.message).toContain(`SLURM job ${externalId} was cancelled`);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Cancelling again (the job is over) is not an error.
    await executor.cancel(externalId);
  });

  it("finds a step's newest job by its step id, so a crashed portal does not submit twice", async () => {
    expect(succeeded && failed).toBeTruthy();
    expect(await executor.findJobByStepId(succeeded!.spec.stepId)).toBe(succeeded!.externalId);
    // A resubmission: the newest job wins.
    const again = await executor.submit(failed!.spec);
    expect(Number(again.externalId)).toBeGreaterThan(Number(failed!.externalId));
    expect(await executor.findJobByStepId(failed!.spec.stepId)).toBe(again.externalId);
    expect(await executor.findJobByStepId(`never-submitted-${run}`)).toBeNull();
    await pollUntil(again.externalId, failed!.spec, final);
  });

  it("reads the exit status file when SLURM no longer knows the job", async () => {
    const spec = succeeded!.spec;
    const status = await executor.poll("987654", spec);
    // The step's own exit status file (written by the job's header) still says it succeeded.
    expect(status.state).toBe("SUCCEEDED");
    expect(status.files?.[0]?.name).toBe("result");
    const unknown = await executor.poll("987655", step("gone", "true"));
    expect(unknown.state).toBe("FAILED");
    expect(unknown.message).toMatch(/no longer knows job 987655/);
  });

  it("refuses a wrong token with a clear error", async () => {
    const wrong = new SlurmExecutor({ url: cluster.url, user: cluster.user, token: () => "eyJhbGciOiJIUzI1NiJ9.eyJzdW4iOiJyb290In0.bm90LWEtc2lnbmF0dXJl", partition: cluster.partition });
    const error = await wrong.submit(step("badtoken", "true")).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SlurmError);
    expect((error as SlurmError).kind).toBe("unauthorized");
    expect((error as SlurmError).message).toMatch(/does not accept the token/);
    await expect(wrong.findJobByStepId("x")).rejects.toMatchObject({ kind: "unauthorized", status: 500 });

    const expired = jwt({ exp: Math.floor(Date.now() / 1000) - 60, sun: "root" });
    await expect(new SlurmExecutor({ url: cluster.url, token: () => expired }).findJobByStepId("x")).rejects.toThrow(/token expired at/);

    // No token at all: slurmrestd itself answers 401.
    const noToken = new SlurmExecutor({
      url: cluster.url,
      user: "root",
      token: () => "x",
      fetch: (input, init) => {
        const { "X-SLURM-USER-TOKEN": _dropped, ...headers } = init?.headers as Record<string, string>;
        return fetch(input, { ...init, headers });
      },
    });
    await expect(noToken.findJobByStepId("x")).rejects.toMatchObject({ kind: "unauthorized", status: 401 });
  });

  it("says when SLURM is not answering", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const down = new SlurmExecutor({ url: `http://127.0.0.1:${port}`, user: "root", token: cluster.token });
    await expect(down.findJobByStepId("x")).rejects.toThrow(`SLURM at http://127.0.0.1:${port} is not answering (ECONNREFUSED)`);
  });
});

function jwt(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.c2ln`;
}
