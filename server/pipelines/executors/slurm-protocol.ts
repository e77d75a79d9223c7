/**
 * The pure half of the SLURM executor (slurm.ts): what it sends to slurmrestd
 * (openapi/v0.0.38), how it reads SLURM's answers, and the convention a step's
 * script follows to report back. No I/O here, so every rule is unit-tested
 * without a cluster (slurm-protocol.test.ts).
 *
 * The step convention (the job script's header explains it too):
 * - the script runs in the step's `workDir` (a folder on a filesystem shared by
 *   the portal and the cluster's nodes), with `LODESTONE_STEP_ID`,
 *   `LODESTONE_STEP_KIND`, `LODESTONE_WORK_DIR` and `LODESTONE_PARAMS` (JSON)
 *   in its environment;
 * - it prints `PROGRESS <0-100>` lines on stdout to report progress;
 * - on success it writes `outputs.json` in workDir:
 *   `{ "files": [{ "name": "...", "path": "..." }], "figures": { ... } }`,
 *   paths relative to workDir (or absolute, inside workDir);
 * - its stdout and stderr go to `workDir/slurm-<stepId>.out`, and its exit
 *   status to `workDir/slurm-<stepId>.exit` (read only when SLURM has
 *   forgotten the job, after MinJobAge).
 */
import path from "node:path";
import type { StepSpec, StepState } from "./executor";

/** The slurmrestd API version this executor speaks (Debian 12's SLURM 22.05 serves 0.0.36–0.0.38). */
export const SLURM_API = "/slurm/v0.0.38";
export const JOB_NAME_PREFIX = "lodestone-";
export const OUTPUTS_FILE = "outputs.json";
/** How many log lines poll() returns (PROGRESS lines left out). */
export const LOG_TAIL_LINES = 20;
const MAX_LINE_CHARS = 500;

// --- names and paths -----------------------------------------------------------

const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Step ids name files and jobs: letters, digits, `.`, `_`, `-` only (cuid/uuid ids pass). */
export function assertStepId(stepId: string): void {
  if (!STEP_ID.test(stepId)) throw new Error(`A SLURM step id must be 1–128 letters, digits, ".", "_" or "-" (got ${JSON.stringify(stepId)}).`);
}

/** The SLURM job name for a step: `lodestone-<stepId>`, so a resubmission after a crash can be recognised. */
export function jobName(stepId: string): string {
  return `${JOB_NAME_PREFIX}${stepId}`;
}

export function stdoutPath(step: Pick<StepSpec, "stepId" | "workDir">): string {
  return path.posix.join(step.workDir, `slurm-${step.stepId}.out`);
}

export function exitStatusPath(step: Pick<StepSpec, "stepId" | "workDir">): string {
  return path.posix.join(step.workDir, `slurm-${step.stepId}.exit`);
}

export function outputsPath(step: Pick<StepSpec, "workDir">): string {
  return path.posix.join(step.workDir, OUTPUTS_FILE);
}

/** Quotes a string for bash: single quotes, with embedded ones closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** SLURM expands `%j`, `%u`… in standard_output/standard_error paths; `%%` is a literal `%`. */
export function slurmFilename(file: string): string {
  return file.replaceAll("%", "%%");
}

// --- the job -----------------------------------------------------------------

/** The batch script: a header that reports the exit status and enters workDir, then the step's own body. */
export function buildJobScript(step: StepSpec): string {
  assertStepId(step.stepId);
  if (!path.posix.isAbsolute(step.workDir)) throw new Error(`The workDir of step ${step.stepId} must be an absolute path (got ${JSON.stringify(step.workDir)}).`);
  const body = step.script?.trim() ? step.script : undefined;
  if (!body) throw new Error(`Step ${step.stepId} (${step.kind}) has no script: the SLURM executor runs a shell script body.`);
  const exitFile = exitStatusPath(step);
  const recordExit = `printf '%s\\n' "$?" > ${shellQuote(exitFile)}`;
  return [
    "#!/bin/bash",
    `# Lodestone pipeline step ${step.stepId} (${oneLine(step.kind)}), submitted by the portal's SLURM executor.`,
    "# Print `PROGRESS <0-100>` lines to report progress; on success write outputs.json here:",
    '# {"files": [{"name": "...", "path": "..."}], "figures": {...}} (paths relative to this folder).',
    `trap ${shellQuote(recordExit)} EXIT`,
    `cd -- ${shellQuote(step.workDir)} || exit 1`,
    "",
    body.replace(/\s*$/, ""),
    "",
  ].join("\n");
}

export interface SubmitOptions {
  /** Omitted: the cluster's default partition. */
  partition?: string;
  /** Merged over the job's base environment (PATH=/usr/bin:/bin and the LODESTONE_* variables). */
  environment?: Record<string, string>;
}

export interface SubmitBody {
  script: string;
  job: {
    name: string;
    partition?: string;
    current_working_directory: string;
    standard_output: string;
    standard_error: string;
    time_limit?: number;
    environment: Record<string, string>;
  };
}

/** The body of `POST /slurm/v0.0.38/job/submit` (slurmrestd requires `environment`). */
export function buildSubmitBody(step: StepSpec, options: SubmitOptions = {}): SubmitBody {
  const script = buildJobScript(step);
  const out = slurmFilename(stdoutPath(step));
  const job: SubmitBody["job"] = {
    name: jobName(step.stepId),
    current_working_directory: step.workDir,
    // One file for both streams, so the log tail shows the step's errors too.
    standard_output: out,
    standard_error: out,
    environment: {
      PATH: "/usr/bin:/bin",
      LODESTONE_STEP_ID: step.stepId,
      LODESTONE_STEP_KIND: step.kind,
      LODESTONE_WORK_DIR: step.workDir,
      LODESTONE_PARAMS: JSON.stringify(step.params ?? {}),
      ...options.environment,
    },
  };
  if (options.partition) job.partition = options.partition;
  if (step.timeLimitMinutes !== undefined) {
    if (!Number.isFinite(step.timeLimitMinutes) || step.timeLimitMinutes <= 0) throw new Error(`Step ${step.stepId}: timeLimitMinutes must be a positive number (got ${step.timeLimitMinutes}).`);
    job.time_limit = Math.ceil(step.timeLimitMinutes);
  }
  return { script, job };
}

// --- states and exit codes -------------------------------------------------------

const QUEUED = ["PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SPECIAL_EXIT", "POWER_UP_NODE"];
const RUNNING = ["RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING", "UPDATE_DB"];
const FAILED: Record<string, string> = {
  FAILED: "",
  TIMEOUT: "it ran past its time limit",
  NODE_FAIL: "its node failed",
  OUT_OF_MEMORY: "it ran out of memory",
  BOOT_FAIL: "its node failed to boot",
  DEADLINE: "it missed its deadline",
  PREEMPTED: "another job preempted it",
};
const CANCELLED = ["CANCELLED", "REVOKED"];

const SIGNALS: Record<number, string> = { 1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ" };

export interface ExitStatus {
  /** The exit code when the script exited by itself; null when a signal ended it or SLURM gave none. */
  exitCode: number | null;
  signal: number | null;
}

/** SLURM's `exit_code` is the raw wait status: `exit 7` reads 1792 (7 << 8), a SIGKILL reads 9. */
export function decodeWaitStatus(raw: unknown): ExitStatus {
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0) return { exitCode: null, signal: null };
  const low = raw & 0x7f;
  if (low !== 0 && low !== 0x7f) return { exitCode: null, signal: low };
  return { exitCode: (raw >> 8) & 0xff, signal: null };
}

export function describeExit(status: ExitStatus): string {
  if (status.signal !== null) return `killed by signal ${status.signal}${SIGNALS[status.signal] ? ` (${SIGNALS[status.signal]})` : ""}`;
  if (status.exitCode !== null) return `exit code ${status.exitCode}`;
  return "no exit code";
}

/** `job_state` is a string in v0.0.38 ("COMPLETED"), a list of flags in later versions; scontrol says "CANCELLED by 0". */
export function normaliseJobState(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? (first.trim().split(/\s+/)[0] ?? "").toUpperCase() : "";
}

export interface SlurmJobInfo {
  job_id?: number;
  name?: string;
  job_state?: unknown;
  exit_code?: unknown;
  state_reason?: string;
  state_description?: string;
  time_limit?: unknown;
  submit_time?: number;
}

export interface MappedState {
  state: StepState;
  exitCode?: number | null;
  message?: string;
}

/** What a SLURM job's record means for the step. */
export function mapJob(job: SlurmJobInfo): MappedState {
  const slurmState = normaliseJobState(job.job_state);
  const id = job.job_id ?? "?";
  const status = decodeWaitStatus(job.exit_code);
  const reason = job.state_reason && job.state_reason !== "None" ? job.state_reason : undefined;
  if (QUEUED.includes(slurmState)) {
    return { state: "QUEUED", ...(reason && reason !== "Priority" ? { message: `SLURM job ${id} is ${slurmState} (${reason})` } : {}) };
  }
  if (RUNNING.includes(slurmState)) {
    return { state: "RUNNING", ...(slurmState === "SUSPENDED" || slurmState === "STOPPED" ? { message: `SLURM job ${id} is ${slurmState}` } : {}) };
  }
  if (slurmState === "COMPLETED") return { state: "SUCCEEDED", exitCode: status.exitCode ?? 0 };
  if (slurmState in FAILED) {
    const why = FAILED[slurmState] ? `${FAILED[slurmState]}${slurmState === "TIMEOUT" && typeof job.time_limit === "number" ? ` of ${job.time_limit} min` : ""}` : "";
    return { state: "FAILED", exitCode: status.exitCode, message: `SLURM job ${id} ended ${slurmState}${why ? ` (${why})` : ""}: ${describeExit(status)}` };
  }
  if (CANCELLED.includes(slurmState)) {
    return { state: "CANCELLED", exitCode: status.exitCode, message: `SLURM job ${id} was cancelled${reason ? ` (${reason})` : ""}` };
  }
  // A state this executor does not know (a newer SLURM): not final, so the portal keeps asking.
  return { state: "QUEUED", message: `SLURM job ${id} is in a state the portal does not know: ${slurmState || JSON.stringify(job.job_state)}` };
}

/** When SLURM has forgotten a job (after MinJobAge), the exit status file the script's header wrote says how it ended. */
export function stateFromExitFile(content: string | undefined, jobId: string): MappedState {
  const code = content === undefined ? NaN : Number(content.trim());
  if (content === undefined || content.trim() === "" || !Number.isInteger(code)) {
    return { state: "FAILED", exitCode: null, message: `SLURM no longer knows job ${jobId} and the step left no exit status: it was killed, cancelled or timed out` };
  }
  if (code === 0) return { state: "SUCCEEDED", exitCode: 0 };
  return { state: "FAILED", exitCode: code, message: `SLURM job ${jobId} ended FAILED: exit code ${code}` };
}

/** The newest of a step's jobs (by job id), from `GET /slurm/v0.0.38/jobs`. */
export function newestJobForStep(jobs: SlurmJobInfo[], stepId: string): string | null {
  const name = jobName(stepId);
  let newest: number | undefined;
  for (const job of jobs) {
    if (job.name !== name || typeof job.job_id !== "number") continue;
    if (newest === undefined || job.job_id > newest) newest = job.job_id;
  }
  return newest === undefined ? null : String(newest);
}

// --- the step's log ---------------------------------------------------------------

const PROGRESS = /^\s*PROGRESS[:\s]\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/;

export interface ParsedLog {
  /** The last PROGRESS value, clamped to 0–100. */
  progress?: number;
  /** The last lines (PROGRESS lines left out), carriage-return progress bars collapsed to what a terminal would show. */
  logTail: string;
}

/**
 * Reads a step's stdout. `truncated` says the text starts mid-file (the
 * executor reads only the end of a big log): its first, partial line is dropped.
 */
export function parseStepLog(text: string, options: { truncated?: boolean; maxLines?: number } = {}): ParsedLog {
  const maxLines = options.maxLines ?? LOG_TAIL_LINES;
  const lines = text.split(/\r?\n/);
  if (options.truncated) lines.shift();
  if (lines.at(-1) === "") lines.pop();
  let progress: number | undefined;
  const kept: string[] = [];
  for (const raw of lines) {
    const line = raw.slice(raw.lastIndexOf("\r") + 1);
    const match = PROGRESS.exec(line);
    if (match) {
      progress = Math.min(100, Math.max(0, Number(match[1])));
      continue;
    }
    kept.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line);
  }
  return { ...(progress !== undefined ? { progress } : {}), logTail: kept.slice(-maxLines).join("\n") };
}

// --- outputs.json -------------------------------------------------------------------

export interface OutputsManifest {
  /** Absolute paths, inside workDir (symlinks are checked by the executor, which reads the disk). */
  files: { name: string; path: string }[];
  figures: Record<string, unknown>;
}

/** Reads outputs.json; throws an Error saying what is wrong with it. */
export function parseOutputsManifest(text: string, workDir: string): OutputsManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${OUTPUTS_FILE} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(json)) throw new Error(`${OUTPUTS_FILE} must hold a JSON object`);
  const files: OutputsManifest["files"] = [];
  const rawFiles = json.files ?? [];
  if (!Array.isArray(rawFiles)) throw new Error(`${OUTPUTS_FILE}: "files" must be a list`);
  const root = path.posix.resolve(workDir);
  rawFiles.forEach((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.path !== "string" || entry.path === "") throw new Error(`${OUTPUTS_FILE}: files[${i}] needs a "path"`);
    if (entry.name !== undefined && (typeof entry.name !== "string" || entry.name.trim() === "")) throw new Error(`${OUTPUTS_FILE}: files[${i}].name must be a non-empty string`);
    const absolute = path.posix.resolve(root, entry.path);
    if (!isInside(root, absolute)) throw new Error(`${OUTPUTS_FILE}: files[${i}] (${entry.path}) is outside the step's folder`);
    const name = typeof entry.name === "string" ? entry.name : path.posix.basename(absolute);
    if (files.some((f) => f.name === name)) throw new Error(`${OUTPUTS_FILE}: two files are named "${name}"`);
    files.push({ name, path: absolute });
  });
  const figures = json.figures ?? {};
  if (!isObject(figures)) throw new Error(`${OUTPUTS_FILE}: "figures" must be an object`);
  return { files, figures };
}

/** Whether `candidate` is `root` itself or below it (both absolute and normalised). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.posix.relative(root, candidate);
  return relative !== "" && relative !== ".." && !relative.startsWith("../") && !path.posix.isAbsolute(relative);
}

// --- tokens and errors ---------------------------------------------------------------

/** The claims of a SLURM JWT (not verified: only to know when it expires and whom it names). */
export function jwtClaims(token: string): { exp?: number; sun?: string } | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown;
    if (!isObject(json)) return null;
    return {
      ...(typeof json.exp === "number" ? { exp: json.exp } : {}),
      ...(typeof json.sun === "string" ? { sun: json.sun } : {}),
    };
  } catch {
    return null;
  }
}

/** What a token command printed: `SLURM_JWT=…` (scontrol token) or the bare token. */
export function tokenFromCommandOutput(output: string): string | undefined {
  const assigned = /SLURM_JWT=(\S+)/.exec(output)?.[1];
  if (assigned) return assigned;
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  return last && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(last) ? last : undefined;
}

export type SlurmFailureKind = "unauthorized" | "not_found" | "rejected";

export interface SlurmApiError {
  error?: string;
  description?: string;
  error_number?: number;
  error_code?: number;
  source?: string;
}

/**
 * Classifies a failed slurmrestd answer. slurmrestd gives 401 when no token is
 * sent; a token slurmctld cannot verify comes back as HTTP 500 with
 * error_number -1 ("Unspecified error", e.g. "Unable to find JobId=3") or
 * error 5005 ("Zero Bytes were transmitted or received", on submit). 2017 is
 * "Invalid job id specified".
 */
export function classifyFailure(status: number, errors: SlurmApiError[]): SlurmFailureKind {
  if (status === 401 || status === 403) return "unauthorized";
  const numbers = errors.map((e) => e.error_number ?? e.error_code);
  if (numbers.includes(2017)) return "not_found";
  if (status >= 500 && errors.length > 0 && numbers.every((n) => n === -1 || n === 5005)) return "unauthorized";
  return "rejected";
}

/** The errors slurmrestd listed, in words. */
export function describeErrors(errors: SlurmApiError[]): string {
  return errors
    .map((e) => [e.error, e.description].filter((s) => s && s !== "Unspecified error").join(": ") || e.error || "unspecified error")
    .join("; ");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
