// The SLURM executor's protocol, without a cluster: job bodies and scripts
// (the script is run by bash here), states, exit codes, logs, outputs.json,
// tokens and slurmrestd's error answers; then the executor's configuration and
// HTTP error handling against a fake fetch. slurm.test.ts runs it for real.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StepSpec } from "./executor";
import { commandTokenSource, describeSlurm, SlurmError, SlurmExecutor, slurmExecutorFromEnv } from "./slurm";
import {
  assertStepId,
  buildJobScript,
  buildSubmitBody,
  classifyFailure,
  decodeWaitStatus,
  describeErrors,
  describeExit,
  exitStatusPath,
  isInside,
  jobName,
  jwtClaims,
  mapJob,
  newestJobForStep,
  normaliseJobState,
  outputsPath,
  parseOutputsManifest,
  parseStepLog,
  shellQuote,
  slurmFilename,
  stateFromExitFile,
  stdoutPath,
  tokenFromCommandOutput,
} from "./slurm-protocol";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lodestone-executor-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const spec = (over: Partial<StepSpec> = {}): StepSpec => ({
  stepId: "step_01J9-abc.2",
  kind: "reconstruction",
  params: { slices: 3, filter: "ram-lak" },
  workDir: "/shared/runs/r1/step_01J9-abc.2",
  script: "echo hi",
  ...over,
});

const jwt = (claims: unknown) => `${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("names and paths", () => {
  it("accepts ids made of letters, digits, dot, underscore and dash", () => {
    for (const id of ["a", "cm1x2y3z4", "0f8fad5b-d9cb-469f-a165-70867728950e", "step_01.J9", "x".repeat(128)]) expect(() => assertStepId(id)).not.toThrow();
  });

  it("refuses ids that could escape a file name or a job name", () => {
    for (const id of ["", "../etc", "a/b", "a b", "a%j", "-a", ".hidden", "a'b", "x".repeat(129), "é"]) expect(() => assertStepId(id), id).toThrow(/step id/);
  });

  it("names the job and the step's files after the step", () => {
    const s = spec();
    expect(jobName(s.stepId)).toBe("lodestone-step_01J9-abc.2");
    expect(stdoutPath(s)).toBe("/shared/runs/r1/step_01J9-abc.2/slurm-step_01J9-abc.2.out");
    expect(exitStatusPath(s)).toBe("/shared/runs/r1/step_01J9-abc.2/slurm-step_01J9-abc.2.exit");
    expect(outputsPath(s)).toBe("/shared/runs/r1/step_01J9-abc.2/outputs.json");
  });

  it("quotes for bash so that any string comes back unchanged", () => {
    for (const value of ["plain", "with space", "it's", "'", "''", "$HOME `id` $(id) \\ \" ; & | * ?", "line\nbreak", ""]) {
      const out = spawnSync("bash", ["-c", `printf %s ${shellQuote(value)}`], { encoding: "utf8" });
      expect(out.stdout).toBe(value);
    }
  });

  it("escapes % in SLURM file names", () => {
    expect(slurmFilename("/a/100%/b%j.out")).toBe("/a/100%%/b%%j.out");
    expect(slurmFilename("/a/b.out")).toBe("/a/b.out");
  });
});

describe("the job script", () => {
  it("has a bash shebang, the exit-status trap, a cd into workDir and the body", () => {
    const script = buildJobScript(spec({ script: "echo one\necho two\n\n\n" }));
    const lines = script.split("\n");
    expect(lines[0]).toBe("#!/bin/bash");
    expect(script).toContain("# Lodestone pipeline step step_01J9-abc.2 (reconstruction)");
    expect(script).toContain(`trap 'printf '\\''%s\\n'\\'' "$?" > '\\''/shared/runs/r1/step_01J9-abc.2/slurm-step_01J9-abc.2.exit'\\''' EXIT`);
    expect(script).toContain("cd -- '/shared/runs/r1/step_01J9-abc.2' || exit 1");
    expect(script.endsWith("echo one\necho two\n")).toBe(true);
  });

  it("keeps a kind with line breaks on one comment line", () => {
    expect(buildJobScript(spec({ kind: "a\nrm -rf /" }))).toContain("(a rm -rf /)");
  });

  it("refuses a step without a script, with a relative workDir or a bad id", () => {
    expect(() => buildJobScript(spec({ script: undefined }))).toThrow(/has no script/);
    expect(() => buildJobScript(spec({ script: "  \n" }))).toThrow(/has no script/);
    expect(() => buildJobScript(spec({ workDir: "runs/r1" }))).toThrow(/absolute path/);
    expect(() => buildJobScript(spec({ stepId: "a/b" }))).toThrow(/step id/);
  });

  it("runs in workDir and records the exit status, whatever the body does (run by bash, no SLURM)", () => {
    const cases = [
      { body: "pwd > here.txt\nexit 7", code: "7" },
      { body: "true", code: "0" },
      { body: "false", code: "1" },
      { body: "cd /\nexit 3", code: "3" },
    ];
    for (const [i, c] of cases.entries()) {
      const workDir = path.join(tmp, `it's dir ${i}`);
      fs.mkdirSync(workDir);
      const s = spec({ stepId: `case${i}`, workDir, script: c.body });
      const file = path.join(tmp, `script${i}.sh`);
      fs.writeFileSync(file, buildJobScript(s));
      const run = spawnSync("bash", [file], { cwd: "/", encoding: "utf8" });
      expect(run.status).toBe(Number(c.code));
      expect(fs.readFileSync(exitStatusPath(s), "utf8")).toBe(`${c.code}\n`);
      if (i === 0) expect(fs.readFileSync(path.join(workDir, "here.txt"), "utf8").trim()).toBe(workDir);
    }
  });

  it("fails with exit code 1 when workDir is missing", () => {
    const s = spec({ stepId: "missing", workDir: path.join(tmp, "does-not-exist") });
    const file = path.join(tmp, "missing.sh");
    fs.writeFileSync(file, buildJobScript(s));
    expect(spawnSync("bash", [file], { encoding: "utf8" }).status).toBe(1);
  });
});

describe("the submit body", () => {
  it("names the job, points both streams at one log and passes the step in the environment", () => {
    const s = spec({ timeLimitMinutes: 90 });
    expect(buildSubmitBody(s, { partition: "gpu" })).toEqual({
      script: buildJobScript(s),
      job: {
        name: "lodestone-step_01J9-abc.2",
        partition: "gpu",
        current_working_directory: s.workDir,
        standard_output: stdoutPath(s),
        standard_error: stdoutPath(s),
        time_limit: 90,
        environment: {
          PATH: "/usr/bin:/bin",
          LODESTONE_STEP_ID: s.stepId,
          LODESTONE_STEP_KIND: "reconstruction",
          LODESTONE_WORK_DIR: s.workDir,
          LODESTONE_PARAMS: '{"slices":3,"filter":"ram-lak"}',
        },
      },
    });
  });

  it("leaves the partition and time limit to the cluster when not given", () => {
    const { job } = buildSubmitBody(spec());
    expect(job).not.toHaveProperty("partition");
    expect(job).not.toHaveProperty("time_limit");
    expect(buildSubmitBody(spec(), { partition: "" }).job).not.toHaveProperty("partition");
  });

  it("rounds time limits up to whole minutes and refuses nonsense", () => {
    expect(buildSubmitBody(spec({ timeLimitMinutes: 0.2 })).job.time_limit).toBe(1);
    expect(buildSubmitBody(spec({ timeLimitMinutes: 2.5 })).job.time_limit).toBe(3);
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => buildSubmitBody(spec({ timeLimitMinutes: bad }))).toThrow(/timeLimitMinutes/);
  });

  it("merges extra environment over the base one", () => {
    const env = buildSubmitBody(spec(), { environment: { PATH: "/opt/tomo/bin:/usr/bin:/bin", OMP_NUM_THREADS: "8" } }).job.environment;
    expect(env.PATH).toBe("/opt/tomo/bin:/usr/bin:/bin");
    expect(env.OMP_NUM_THREADS).toBe("8");
    expect(env.LODESTONE_STEP_ID).toBe("step_01J9-abc.2");
  });

  it("escapes % in the log path only", () => {
    const s = spec({ workDir: "/shared/100%done" });
    const { job } = buildSubmitBody(s);
    expect(job.standard_output).toBe("/shared/100%%done/slurm-step_01J9-abc.2.out");
    expect(job.current_working_directory).toBe("/shared/100%done");
  });

  it("passes empty params as {}", () => {
    expect(buildSubmitBody(spec({ params: undefined as unknown as Record<string, unknown> })).job.environment.LODESTONE_PARAMS).toBe("{}");
  });
});

describe("exit codes", () => {
  it.each([
    [0, { exitCode: 0, signal: null }],
    [256, { exitCode: 1, signal: null }],
    [1792, { exitCode: 7, signal: null }],
    [255 << 8, { exitCode: 255, signal: null }],
    [9, { exitCode: null, signal: 9 }],
    [15, { exitCode: null, signal: 15 }],
    [0x80 | 11, { exitCode: null, signal: 11 }], // core dumped
    [0x7f | (19 << 8), { exitCode: 19, signal: null }], // a stopped status: no signal death
  ])("decodes the wait status %i", (raw, expected) => {
    expect(decodeWaitStatus(raw)).toEqual(expected);
  });

  it.each([null, undefined, -1, 1.5, "1792", {}])("gives nothing for %j", (raw) => {
    expect(decodeWaitStatus(raw)).toEqual({ exitCode: null, signal: null });
  });

  it("says it in words", () => {
    expect(describeExit({ exitCode: 7, signal: null })).toBe("exit code 7");
    expect(describeExit({ exitCode: null, signal: 9 })).toBe("killed by signal 9 (SIGKILL)");
    expect(describeExit({ exitCode: null, signal: 33 })).toBe("killed by signal 33");
    expect(describeExit({ exitCode: null, signal: null })).toBe("no exit code");
  });
});

describe("job states", () => {
  it("reads v0.0.38 strings, later lists and scontrol's wording", () => {
    expect(normaliseJobState("COMPLETED")).toBe("COMPLETED");
    expect(normaliseJobState(["RUNNING", "COMPLETING"])).toBe("RUNNING");
    expect(normaliseJobState("CANCELLED by 0")).toBe("CANCELLED");
    expect(normaliseJobState(" pending ")).toBe("PENDING");
    expect(normaliseJobState(undefined)).toBe("");
    expect(normaliseJobState(3)).toBe("");
    expect(normaliseJobState([])).toBe("");
  });

  it.each([
    ["PENDING", "QUEUED"],
    ["CONFIGURING", "QUEUED"],
    ["REQUEUED", "QUEUED"],
    ["REQUEUE_HOLD", "QUEUED"],
    ["REQUEUE_FED", "QUEUED"],
    ["RESV_DEL_HOLD", "QUEUED"],
    ["SPECIAL_EXIT", "QUEUED"],
    ["POWER_UP_NODE", "QUEUED"],
    ["RUNNING", "RUNNING"],
    ["COMPLETING", "RUNNING"],
    ["SUSPENDED", "RUNNING"],
    ["STOPPED", "RUNNING"],
    ["SIGNALING", "RUNNING"],
    ["STAGE_OUT", "RUNNING"],
    ["RESIZING", "RUNNING"],
    ["COMPLETED", "SUCCEEDED"],
    ["FAILED", "FAILED"],
    ["TIMEOUT", "FAILED"],
    ["NODE_FAIL", "FAILED"],
    ["OUT_OF_MEMORY", "FAILED"],
    ["BOOT_FAIL", "FAILED"],
    ["DEADLINE", "FAILED"],
    ["PREEMPTED", "FAILED"],
    ["CANCELLED", "CANCELLED"],
    ["REVOKED", "CANCELLED"],
  ])("maps %s to %s", (slurm, state) => {
    expect(mapJob({ job_id: 12, job_state: slurm, exit_code: 0 }).state).toBe(state);
  });

  it("names the state and the decoded exit code when a job fails", () => {
    expect(mapJob({ job_id: 12, job_state: "FAILED", exit_code: 1792, state_reason: "NonZeroExitCode" })).toEqual({ state: "FAILED", exitCode: 7, message: "SLURM job 12 ended FAILED: exit code 7" });
    expect(mapJob({ job_id: 12, job_state: "TIMEOUT", exit_code: 15, time_limit: 30 })).toEqual({ state: "FAILED", exitCode: null, message: "SLURM job 12 ended TIMEOUT (it ran past its time limit of 30 min): killed by signal 15 (SIGTERM)" });
    expect(mapJob({ job_id: 12, job_state: "OUT_OF_MEMORY", exit_code: 9 }).message).toBe("SLURM job 12 ended OUT_OF_MEMORY (it ran out of memory): killed by signal 9 (SIGKILL)");
    expect(mapJob({ job_id: 12, job_state: "NODE_FAIL", exit_code: 0 }).message).toBe("SLURM job 12 ended NODE_FAIL (its node failed): exit code 0");
    expect(mapJob({ job_id: 12, job_state: "BOOT_FAIL" }).message).toBe("SLURM job 12 ended BOOT_FAIL (its node failed to boot): no exit code");
    expect(mapJob({ job_id: 12, job_state: "DEADLINE", exit_code: 0 }).message).toContain("missed its deadline");
    expect(mapJob({ job_id: 12, job_state: "PREEMPTED", exit_code: 0 }).message).toContain("preempted");
  });

  it("reports success with exit code 0 and no message", () => {
    expect(mapJob({ job_id: 3, job_state: "COMPLETED", exit_code: 0 })).toEqual({ state: "SUCCEEDED", exitCode: 0 });
  });

  it("says a job was cancelled, and why when SLURM says", () => {
    expect(mapJob({ job_id: 4, job_state: "CANCELLED", exit_code: 15, state_reason: "None" })).toEqual({ state: "CANCELLED", exitCode: null, message: "SLURM job 4 was cancelled" });
    expect(mapJob({ job_id: 4, job_state: "CANCELLED", exit_code: 0, state_reason: "Dependency" }).message).toBe("SLURM job 4 was cancelled (Dependency)");
  });

  it("explains why a job waits, except for its turn", () => {
    expect(mapJob({ job_id: 5, job_state: "PENDING", state_reason: "Resources" })).toEqual({ state: "QUEUED", message: "SLURM job 5 is PENDING (Resources)" });
    expect(mapJob({ job_id: 5, job_state: "PENDING", state_reason: "Priority" })).toEqual({ state: "QUEUED" });
    expect(mapJob({ job_id: 5, job_state: "PENDING", state_reason: "None" })).toEqual({ state: "QUEUED" });
    expect(mapJob({ job_id: 5, job_state: "RUNNING" })).toEqual({ state: "RUNNING" });
    expect(mapJob({ job_id: 5, job_state: "SUSPENDED" })).toEqual({ state: "RUNNING", message: "SLURM job 5 is SUSPENDED" });
  });

  it("keeps an unknown state open, saying so", () => {
    expect(mapJob({ job_id: 6, job_state: "LAUNCH_FAILED_SOMEHOW" })).toEqual({ state: "QUEUED", message: "SLURM job 6 is in a state the portal does not know: LAUNCH_FAILED_SOMEHOW" });
    expect(mapJob({ job_id: 6 }).message).toContain("does not know");
  });

  it("falls back on the exit status file when SLURM forgot the job", () => {
    expect(stateFromExitFile("0\n", "9")).toEqual({ state: "SUCCEEDED", exitCode: 0 });
    expect(stateFromExitFile("7\n", "9")).toEqual({ state: "FAILED", exitCode: 7, message: "SLURM job 9 ended FAILED: exit code 7" });
    for (const missing of [undefined, "", "\n", "seven"]) {
      expect(stateFromExitFile(missing, "9")).toEqual({ state: "FAILED", exitCode: null, message: "SLURM no longer knows job 9 and the step left no exit status: it was killed, cancelled or timed out" });
    }
  });

  it("finds the newest job of a step by name, and no other step's", () => {
    const jobs = [
      { job_id: 3, name: "lodestone-abc" },
      { job_id: 9, name: "lodestone-abcd" },
      { job_id: 7, name: "lodestone-abc" },
      { job_id: 5, name: "lodestone-abc" },
      { job_id: 11, name: "abc" },
      { name: "lodestone-abc" },
    ];
    expect(newestJobForStep(jobs, "abc")).toBe("7");
    expect(newestJobForStep(jobs, "abcd")).toBe("9");
    expect(newestJobForStep(jobs, "ab")).toBeNull();
    expect(newestJobForStep([], "abc")).toBeNull();
  });
});

describe("the step's log", () => {
  it("takes the last PROGRESS line and leaves PROGRESS lines out of the tail", () => {
    expect(parseStepLog("start\nPROGRESS 10\nworking\nPROGRESS 55\nstill working\n")).toEqual({ progress: 55, logTail: "start\nworking\nstill working" });
  });

  it("reads the forms a script may print", () => {
    const progress = (line: string) => parseStepLog(`${line}\n`).progress;
    expect(progress("PROGRESS 42")).toBe(42);
    expect(progress("PROGRESS 42.5")).toBe(42.5);
    expect(progress("PROGRESS 42%")).toBe(42);
    expect(progress("PROGRESS: 42")).toBe(42);
    expect(progress("  PROGRESS   42  ")).toBe(42);
    expect(progress("PROGRESS 150")).toBe(100);
    expect(progress("PROGRESS -3")).toBe(0);
    expect(progress("PROGRESS")).toBeUndefined();
    expect(progress("PROGRESSIVE 5")).toBeUndefined();
    expect(progress("progress 5")).toBeUndefined();
    expect(progress("echo PROGRESS 5")).toBeUndefined();
    expect(progress("PROGRESS 5 of 10")).toBeUndefined();
  });

  it("keeps the last 20 lines", () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
    const tail = parseStepLog(text).logTail.split("\n");
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe("line 30");
    expect(tail.at(-1)).toBe("line 49");
    expect(parseStepLog(text, { maxLines: 3 }).logTail).toBe("line 47\nline 48\nline 49");
  });

  it("collapses carriage-return progress bars and reads CRLF logs", () => {
    expect(parseStepLog("load 10%\rload 50%\rload 100%\r\nPROGRESS 20\r\ndone\r\n")).toEqual({ progress: 20, logTail: "load 100%\ndone" });
    expect(parseStepLog("bar\rPROGRESS 70\n").progress).toBe(70);
  });

  it("drops the partial first line of a log read from its middle", () => {
    expect(parseStepLog("ial line\nwhole line\n", { truncated: true }).logTail).toBe("whole line");
  });

  it("shortens very long lines", () => {
    const tail = parseStepLog(`${"x".repeat(2000)}\n`).logTail;
    expect(tail).toHaveLength(501);
    expect(tail.endsWith("…")).toBe(true);
  });

  it("gives an empty tail and no progress for an empty log", () => {
    expect(parseStepLog("")).toEqual({ logTail: "" });
    expect(parseStepLog("\n")).toEqual({ logTail: "" });
  });

  it("keeps blank lines inside the log", () => {
    expect(parseStepLog("a\n\nb\n").logTail).toBe("a\n\nb");
  });
});

describe("outputs.json", () => {
  const dir = "/shared/runs/r1/s1";

  it("resolves paths against workDir and names files after them by default", () => {
    const manifest = parseOutputsManifest(JSON.stringify({ files: [{ name: "volume", path: "out/volume.h5" }, { path: "/shared/runs/r1/s1/preview.png" }, { path: "./a/../b.txt" }], figures: { porosity: 0.12, histogram: [1, 2] } }), dir);
    expect(manifest).toEqual({
      files: [
        { name: "volume", path: "/shared/runs/r1/s1/out/volume.h5" },
        { name: "preview.png", path: "/shared/runs/r1/s1/preview.png" },
        { name: "b.txt", path: "/shared/runs/r1/s1/b.txt" },
      ],
      figures: { porosity: 0.12, histogram: [1, 2] },
    });
  });

  it("allows no files and no figures", () => {
    expect(parseOutputsManifest("{}", dir)).toEqual({ files: [], figures: {} });
    expect(parseOutputsManifest('{"files": []}', dir)).toEqual({ files: [], figures: {} });
  });

  it.each([
    ["not json", /not valid JSON/],
    ["[]", /JSON object/],
    ["null", /JSON object/],
    ['{"files": {}}', /"files" must be a list/],
    ['{"files": ["a.txt"]}', /files\[0\] needs a "path"/],
    ['{"files": [{"name": "a"}]}', /files\[0\] needs a "path"/],
    ['{"files": [{"path": ""}]}', /files\[0\] needs a "path"/],
    ['{"files": [{"path": "a", "name": ""}]}', /files\[0\].name must be a non-empty string/],
    ['{"files": [{"path": "a", "name": 3}]}', /files\[0\].name must be a non-empty string/],
    ['{"files": [{"path": "../other/secret"}]}', /outside the step's folder/],
    ['{"files": [{"path": "/etc/shadow"}]}', /outside the step's folder/],
    ['{"files": [{"path": "/shared/runs/r1/s10/x"}]}', /outside the step's folder/],
    ['{"files": [{"path": "."}]}', /outside the step's folder/],
    ['{"files": [{"path": "a/x.txt"}, {"path": "b/x.txt"}]}', /two files are named "x.txt"/],
    ['{"figures": [1]}', /"figures" must be an object/],
    ['{"figures": "big"}', /"figures" must be an object/],
  ])("refuses %s", (text, message) => {
    expect(() => parseOutputsManifest(text, dir)).toThrow(message);
  });

  it("knows what is inside a folder", () => {
    expect(isInside("/a/b", "/a/b/c")).toBe(true);
    expect(isInside("/a/b", "/a/b/c/d")).toBe(true);
    expect(isInside("/a/b", "/a/b")).toBe(false);
    expect(isInside("/a/b", "/a/bc")).toBe(false);
    expect(isInside("/a/b", "/a")).toBe(false);
    expect(isInside("/a/b", "/a/b/..c")).toBe(true);
  });
});

describe("tokens and slurmrestd's errors", () => {
  it("reads a JWT's expiry and user, without trusting it", () => {
    expect(jwtClaims(jwt({ exp: 1700000000, iat: 1699996400, sun: "lodestone" }))).toEqual({ exp: 1700000000, sun: "lodestone" });
    expect(jwtClaims(jwt({ sun: 3, exp: "soon" }))).toEqual({});
    expect(jwtClaims(jwt([1, 2]))).toBeNull();
    expect(jwtClaims("garbage")).toBeNull();
    expect(jwtClaims("a.%%%.c")).toBeNull();
    expect(jwtClaims("")).toBeNull();
  });

  it("reads the token a command printed", () => {
    expect(tokenFromCommandOutput("SLURM_JWT=eyJa.eyJb.c_d-e\n")).toBe("eyJa.eyJb.c_d-e");
    expect(tokenFromCommandOutput("note: something\nexport SLURM_JWT=aa.bb.cc\n")).toBe("aa.bb.cc");
    expect(tokenFromCommandOutput("aa.bb.cc\n")).toBe("aa.bb.cc");
    expect(tokenFromCommandOutput("  \n aa.bb.cc  \n\n")).toBe("aa.bb.cc");
    expect(tokenFromCommandOutput("")).toBeUndefined();
    expect(tokenFromCommandOutput("scontrol: error: something went wrong\n")).toBeUndefined();
  });

  it("classifies slurmrestd's failures", () => {
    expect(classifyFailure(401, [])).toBe("unauthorized");
    expect(classifyFailure(403, [])).toBe("unauthorized");
    expect(classifyFailure(500, [{ error: "Unspecified error", description: "Unable to find JobId=3", error_number: -1 }])).toBe("unauthorized");
    expect(classifyFailure(500, [{ error: "Zero Bytes were transmitted or received", error_code: 5005 }])).toBe("unauthorized");
    expect(classifyFailure(500, [{ error: "Invalid job id specified", description: "Unable to find JobId=999", error_number: 2017 }])).toBe("not_found");
    expect(classifyFailure(500, [{ error: "Invalid partition name specified", error_code: 2000 }])).toBe("rejected");
    expect(classifyFailure(500, [{ error: "Unable to contact slurm controller (connect failure)", error_code: 1800 }])).toBe("rejected");
    expect(classifyFailure(400, [{ error: "environment must be set", error_code: 2127 }, { error: "Failure during parsing", error_code: 9001 }])).toBe("rejected");
    expect(classifyFailure(500, [])).toBe("rejected");
    expect(classifyFailure(500, [{ error_number: -1 }, { error_code: 2000 }])).toBe("rejected");
  });

  it("lists slurmrestd's errors in words", () => {
    expect(describeErrors([{ error: "Invalid job id specified", description: "Unable to find JobId=999" }, { error: "Unspecified error", description: "more" }])).toBe("Invalid job id specified: Unable to find JobId=999; more");
    expect(describeErrors([{ error: "Unspecified error" }, {}])).toBe("Unspecified error; unspecified error");
    expect(describeErrors([])).toBe("");
  });
});

describe("configuration from the environment", () => {
  it("is null, and described as not configured, without SLURM_REST_URL", () => {
    expect(slurmExecutorFromEnv({})).toBeNull();
    expect(slurmExecutorFromEnv({ SLURM_REST_URL: "  ", SLURM_JWT: "a.b.c" })).toBeNull();
    expect(describeSlurm({})).toEqual({ label: "SLURM", available: false, reason: "not configured (set SLURM_REST_URL and SLURM_JWT or SLURM_JWT_COMMAND)" });
  });

  it("is available with a URL and a token", () => {
    const executor = slurmExecutorFromEnv({ SLURM_REST_URL: "http://head:6820/", SLURM_JWT: "a.b.c", SLURM_PARTITION: "ct" });
    expect(executor).toBeInstanceOf(SlurmExecutor);
    expect(executor!.url).toBe("http://head:6820");
    expect(describeSlurm({ SLURM_REST_URL: "http://head:6820/", SLURM_JWT: "a.b.c", SLURM_PARTITION: "ct" })).toEqual({ label: "SLURM (ct) at http://head:6820", available: true });
  });

  it("is unavailable, saying why, with a URL but no token source", async () => {
    const executor = slurmExecutorFromEnv({ SLURM_REST_URL: "http://head:6820" })!;
    expect(executor.describe()).toEqual({ label: "SLURM at http://head:6820", available: false, reason: "SLURM_REST_URL is set, but neither SLURM_JWT nor SLURM_JWT_COMMAND gives a token" });
    await expect(executor.findJobByStepId("x")).rejects.toThrow(/neither SLURM_JWT nor SLURM_JWT_COMMAND/);
  });

  it("runs SLURM_JWT_COMMAND once per token, sharing one run between callers", async () => {
    const counter = path.join(tmp, "token-runs");
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600, sun: "lodestone" });
    const source = commandTokenSource(`echo run >> ${shellQuote(counter)}; echo SLURM_JWT=${token}`);
    expect(await Promise.all([source(), source()])).toEqual([token, token]);
    expect(await source()).toBe(token);
    expect(fs.readFileSync(counter, "utf8")).toBe("run\n");
  });

  it("runs the command again when its token is about to expire", async () => {
    const counter = path.join(tmp, "token-runs-2");
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 30, sun: "lodestone" });
    const source = commandTokenSource(`echo run >> ${shellQuote(counter)}; echo ${token}`);
    await source();
    await source();
    expect(fs.readFileSync(counter, "utf8")).toBe("run\nrun\n");
  });

  it("says when the command fails or prints no token", async () => {
    await expect(commandTokenSource("echo 'scontrol: error: Invalid user' >&2; exit 1")()).rejects.toThrow(/SLURM_JWT_COMMAND \(.*\) failed: scontrol: error: Invalid user/);
    await expect(commandTokenSource("echo hello")()).rejects.toThrow(/printed no token/);
  });
});

describe("SlurmExecutor's requests (fake slurmrestd)", () => {
  const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600, sun: "lodestone" });
  type Answer = { status: number; body: unknown } | Error;
  const fake = (answer: Answer, seen: { url: string; init: RequestInit }[] = []) =>
    new SlurmExecutor({
      url: "http://head:6820",
      token: () => token,
      partition: "ct",
      fetch: async (input, init) => {
        seen.push({ url: String(input), init: init ?? {} });
        if (answer instanceof Error) throw answer;
        return new Response(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body), { status: answer.status });
      },
    });

  it("sends the user from the token's claims, the token and JSON", async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const workDir = path.join(tmp, "submit");
    fs.mkdirSync(workDir);
    fs.writeFileSync(path.join(workDir, "outputs.json"), "{} from an earlier attempt");
    const result = await fake({ status: 200, body: { errors: [], job_id: 41 } }, seen).submit(spec({ workDir, stepId: "s1" }));
    expect(result).toEqual({ externalId: "41" });
    expect(seen[0]!.url).toBe("http://head:6820/slurm/v0.0.38/job/submit");
    expect(seen[0]!.init.method).toBe("POST");
    expect(seen[0]!.init.headers).toEqual({ "X-SLURM-USER-NAME": "lodestone", "X-SLURM-USER-TOKEN": token, "Content-Type": "application/json" });
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual(buildSubmitBody(spec({ workDir, stepId: "s1" }), { partition: "ct" }));
    // What an earlier attempt left is gone.
    expect(fs.existsSync(path.join(workDir, "outputs.json"))).toBe(false);
  });

  it("says 401 means no or refused token", async () => {
    await expect(fake({ status: 401, body: "Authentication failure" }).findJobByStepId("x")).rejects.toThrow("SLURM at http://head:6820 refused the request (401 Authentication failure): no token was sent or slurmrestd does not take it; check SLURM_JWT / SLURM_JWT_COMMAND and SLURM_USER");
  });

  it("says a 500 with slurmctld's 'Unspecified error' is a refused token", async () => {
    const error = await fake({ status: 500, body: { errors: [{ description: "Unable to find JobId=3", error_number: -1, error: "Unspecified error" }], jobs: [] } })
      .poll("3", spec())
      .catch((e: unknown) => e as SlurmError);
    expect(error).toBeInstanceOf(SlurmError);
    expect(error).toMatchObject({ kind: "unauthorized", status: 500 });
    expect((error as SlurmError).message).toBe(
      "SLURM at http://head:6820 refused the request for user lodestone (HTTP 500: Unable to find JobId=3). slurmrestd answers this way when slurmctld does not accept the token (expired, minted by another cluster's key, or for another user) or cannot be reached",
    );
  });

  it("passes other refusals on with SLURM's words", async () => {
    await expect(fake({ status: 500, body: { errors: [{ error: "Invalid partition name specified", error_code: 2000 }] } }).submit(spec({ workDir: path.join(tmp, "w2") }))).rejects.toThrow(
      "SLURM at http://head:6820 refused POST /slurm/v0.0.38/job/submit (HTTP 500): Invalid partition name specified",
    );
  });

  it("says when slurmrestd is not answering", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:6820"), { code: "ECONNREFUSED" }) });
    await expect(fake(refused).findJobByStepId("x")).rejects.toMatchObject({ kind: "unreachable", message: "SLURM at http://head:6820 is not answering (ECONNREFUSED)" });
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    await expect(fake(timeout).findJobByStepId("x")).rejects.toThrow("SLURM at http://head:6820 is not answering (no answer in time)");
  });

  it("refuses an answer that is not JSON", async () => {
    await expect(fake({ status: 200, body: "<html>proxy</html>" }).findJobByStepId("x")).rejects.toMatchObject({ kind: "protocol" });
  });

  it("refuses a submit answer without a job id", async () => {
    await expect(fake({ status: 200, body: { errors: [] } }).submit(spec({ workDir: path.join(tmp, "w3") }))).rejects.toThrow(/returned no job_id/);
  });

  it("treats cancelling a job SLURM does not know as done", async () => {
    await expect(fake({ status: 500, body: { errors: [{ error: "Invalid job id specified", error_number: 2017 }] } }).cancel("77")).resolves.toBeUndefined();
    await expect(fake({ status: 200, body: { errors: [] } }).cancel("not-a-job")).resolves.toBeUndefined();
  });

  it("checks the token before sending it", async () => {
    const expired = jwt({ exp: 1_600_000_000, sun: "lodestone" });
    const seen: { url: string; init: RequestInit }[] = [];
    const withToken = (t: () => string, user?: string) => new SlurmExecutor({ url: "http://head:6820", user, token: t, fetch: async (input, init) => (seen.push({ url: String(input), init: init ?? {} }), new Response("{}")) });
    await expect(withToken(() => expired).findJobByStepId("x")).rejects.toThrow("SLURM at http://head:6820: the SLURM token expired at 2020-09-13T12:26:40.000Z; mint a new one (scontrol token)");
    await expect(withToken(() => "  ").findJobByStepId("x")).rejects.toThrow(/the token is empty/);
    await expect(withToken(() => "a.b.c").findJobByStepId("x")).rejects.toThrow(/set SLURM_USER/);
    await expect(
      withToken(() => {
        throw new Error("vault sealed");
      }).findJobByStepId("x"),
    ).rejects.toThrow("SLURM at http://head:6820: cannot get a token (vault sealed)");
    expect(seen).toHaveLength(0);
    await expect(withToken(() => "a.b.c", "svc").findJobByStepId("x")).resolves.toBeNull();
    expect((seen[0]!.init.headers as Record<string, string>)["X-SLURM-USER-NAME"]).toBe("svc");
  });

  it("polls a job SLURM reports and reads its log from the shared folder", async () => {
    const workDir = path.join(tmp, "poll");
    fs.mkdirSync(workDir);
    const s = spec({ workDir, stepId: "p1" });
    fs.writeFileSync(stdoutPath(s), "hello\nPROGRESS 30\n");
    const status = await fake({ status: 200, body: { errors: [], jobs: [{ job_id: 8, job_state: "RUNNING", exit_code: 0 }] } }).poll("8", s);
    expect(status).toEqual({ state: "RUNNING", progress: 30, logTail: "hello" });
    const queued = await fake({ status: 200, body: { errors: [], jobs: [{ job_id: 9, job_state: "PENDING" }] } }).poll("9", spec({ workDir: path.join(tmp, "never"), stepId: "p2" }));
    expect(queued).toEqual({ state: "QUEUED" });
  });

  it("fails a completed step whose outputs.json is broken or points outside its folder", async () => {
    const workDir = path.join(tmp, "outputs");
    fs.mkdirSync(workDir);
    fs.writeFileSync(path.join(tmp, "secret.txt"), "not yours");
    fs.symlinkSync(path.join(tmp, "secret.txt"), path.join(workDir, "link.txt"));
    const s = spec({ workDir, stepId: "o1" });
    const completed = fake({ status: 200, body: { errors: [], jobs: [{ job_id: 10, job_state: "COMPLETED", exit_code: 0 }] } });
    fs.writeFileSync(outputsPath(s), '{"files": [{"path": "link.txt"}]}');
    expect(await completed.poll("10", s)).toMatchObject({ state: "FAILED", message: expect.stringMatching(/^SLURM job 10 finished, but outputs.json lists link.txt, which links outside the step's folder/) });
    fs.writeFileSync(outputsPath(s), '{"files": [{"path": "missing.txt"}]}');
    expect(await completed.poll("10", s)).toMatchObject({ state: "FAILED", message: expect.stringMatching(/outputs.json lists missing.txt at .*missing.txt, and no file is there/) });
    fs.mkdirSync(path.join(workDir, "sub"));
    fs.writeFileSync(outputsPath(s), '{"files": [{"path": "sub"}]}');
    expect(await completed.poll("10", s)).toMatchObject({ state: "FAILED", message: expect.stringMatching(/which is not a file/) });
    fs.writeFileSync(outputsPath(s), "{oops");
    expect(await completed.poll("10", s)).toMatchObject({ state: "FAILED", message: expect.stringMatching(/outputs.json is not valid JSON/) });
    fs.rmSync(outputsPath(s));
    expect(await completed.poll("10", s)).toEqual({ state: "SUCCEEDED", exitCode: 0, progress: 100, files: [], figures: {} });
  });
});
