/**
 * The SLURM executor: runs a pipeline step as a batch job through slurmrestd
 * (REST API openapi/v0.0.38, JWT authentication). The step's script runs in
 * its workDir, a folder the portal and the cluster's nodes share; the job's
 * log, exit status and outputs.json are read back from there. The protocol
 * (job body, states, log and manifest parsing) lives in slurm-protocol.ts.
 *
 * Configuration (slurmExecutorFromEnv):
 * - SLURM_REST_URL: slurmrestd's base URL, e.g. http://slurm-head:6820
 *   (unset: no SLURM executor; the registry shows SLURM as "not configured");
 * - SLURM_JWT: a token (`scontrol token username=lodestone lifespan=…`), or
 *   SLURM_JWT_COMMAND: a command printing one (`SLURM_JWT=…` or the bare
 *   token), run again shortly before the token it gave expires;
 * - SLURM_USER: the user jobs run as; default the user the token was minted
 *   for (its `sun` claim);
 * - SLURM_PARTITION: default the cluster's default partition.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { clock } from "@/server/clock";
import type { Executor, StepOutputFile, StepSpec, StepStatus } from "./executor";
import {
  buildSubmitBody,
  classifyFailure,
  describeErrors,
  exitStatusPath,
  isInside,
  jwtClaims,
  mapJob,
  newestJobForStep,
  outputsPath,
  parseOutputsManifest,
  parseStepLog,
  SLURM_API,
  stateFromExitFile,
  stdoutPath,
  tokenFromCommandOutput,
  type MappedState,
  type SlurmApiError,
  type SlurmFailureKind,
  type SlurmJobInfo,
} from "./slurm-protocol";

export type SlurmErrorKind = SlurmFailureKind | "unreachable" | "protocol";

/** A request to slurmrestd that did not work, with what kind of failure it was. */
export class SlurmError extends Error {
  constructor(
    readonly kind: SlurmErrorKind,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "SlurmError";
  }
}

export interface SlurmExecutorOptions {
  /** slurmrestd's base URL (without /slurm/v0.0.38). */
  url: string;
  /** The SLURM user jobs run as (X-SLURM-USER-NAME); default the token's `sun` claim. */
  user?: string;
  /** A JWT for that user; called before every request, so it may cache and refresh. */
  token: () => Promise<string> | string;
  /** Omitted: the cluster's default partition. */
  partition?: string;
  /** Extra environment for every job (over PATH=/usr/bin:/bin and the LODESTONE_* variables). */
  environment?: Record<string, string>;
  fetch?: typeof fetch;
  /** Per request; slurmrestd takes ~20 s to give up on an unreachable slurmctld. Default 30 s. */
  requestTimeoutMs?: number;
  /** Set: the executor is offered as unavailable, with this reason, and every call fails with it. */
  unavailableReason?: string;
}

/** How much of the end of a step's log poll() reads. */
const LOG_READ_BYTES = 256 * 1024;

export class SlurmExecutor implements Executor {
  readonly kind = "SLURM" as const;
  readonly url: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: SlurmExecutorOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.fetchFn = options.fetch ?? fetch;
  }

  describe(): { label: string; available: boolean; reason?: string } {
    const label = `SLURM${this.options.partition ? ` (${this.options.partition})` : ""} at ${this.url}`;
    if (this.options.unavailableReason) return { label, available: false, reason: this.options.unavailableReason };
    return { label, available: true };
  }

  async submit(step: StepSpec): Promise<{ externalId: string }> {
    const body = buildSubmitBody(step, { partition: this.options.partition, environment: this.options.environment });
    // The workDir is shared with the cluster: SLURM cannot open the log in a folder that does not exist.
    await fs.promises.mkdir(step.workDir, { recursive: true });
    // What an earlier attempt of this step left must not be read as this attempt's.
    await Promise.all([outputsPath(step), exitStatusPath(step)].map((f) => fs.promises.rm(f, { force: true })));
    const json = await this.request<{ job_id?: unknown }>("POST", "/job/submit", body);
    if (typeof json.job_id !== "number") throw new SlurmError("protocol", `SLURM at ${this.url} accepted the job for step ${step.stepId} but returned no job_id`);
    return { externalId: String(json.job_id) };
  }

  async poll(externalId: string, step: StepSpec): Promise<StepStatus> {
    let mapped: MappedState;
    try {
      const json = await this.request<{ jobs?: SlurmJobInfo[] }>("GET", `/job/${encodeJobId(externalId)}`);
      const job = json.jobs?.[0];
      if (!job) throw new SlurmError("not_found", `SLURM at ${this.url} returned no record for job ${externalId}`);
      mapped = mapJob(job);
    } catch (e) {
      // Finished jobs are forgotten after MinJobAge (300 s by default): the exit status file tells how it ended.
      if (!(e instanceof SlurmError && e.kind === "not_found")) throw e;
      mapped = stateFromExitFile(await readText(exitStatusPath(step)), externalId);
    }

    const status: StepStatus = { state: mapped.state };
    if (mapped.exitCode !== undefined) status.exitCode = mapped.exitCode;
    if (mapped.message) status.message = mapped.message;
    const log = await readLogEnd(stdoutPath(step));
    if (log !== undefined) {
      const parsed = parseStepLog(log.text, { truncated: log.truncated });
      if (parsed.progress !== undefined) status.progress = parsed.progress;
      if (parsed.logTail) status.logTail = parsed.logTail;
    }
    if (status.state !== "SUCCEEDED") return status;

    try {
      const outputs = await readOutputs(step);
      return { ...status, progress: 100, files: outputs.files, figures: outputs.figures };
    } catch (e) {
      // The script exited 0 but its outputs cannot be registered: the step did not do its job.
      return { ...status, state: "FAILED", message: `SLURM job ${externalId} finished, but ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  async cancel(externalId: string): Promise<void> {
    try {
      await this.request("DELETE", `/job/${encodeJobId(externalId)}`);
    } catch (e) {
      // Already gone (finished and forgotten): nothing left to cancel.
      if (e instanceof SlurmError && e.kind === "not_found") return;
      throw e;
    }
  }

  /**
   * The newest SLURM job submitted for a step (by its job name), or null: after
   * a crash between submit and recording the job id, the portal looks here
   * before submitting the step again. Finished jobs are found while SLURM
   * still remembers them (MinJobAge).
   */
  async findJobByStepId(stepId: string): Promise<string | null> {
    const json = await this.request<{ jobs?: SlurmJobInfo[] }>("GET", "/jobs");
    return newestJobForStep(json.jobs ?? [], stepId);
  }

  private async request<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    if (this.options.unavailableReason) throw new SlurmError("unauthorized", `SLURM is not usable: ${this.options.unavailableReason}`);
    const where = `SLURM at ${this.url}`;
    let token: string;
    try {
      token = (await this.options.token()).trim();
    } catch (e) {
      throw new SlurmError("unauthorized", `${where}: cannot get a token (${e instanceof Error ? e.message : String(e)})`, undefined, { cause: e });
    }
    const claims = jwtClaims(token);
    if (!token) throw new SlurmError("unauthorized", `${where}: the token is empty`);
    if (claims?.exp !== undefined && claims.exp * 1000 <= clock.nowMs()) {
      throw new SlurmError("unauthorized", `${where}: the SLURM token expired at ${new Date(claims.exp * 1000).toISOString()}; mint a new one (scontrol token)`);
    }
    const user = this.options.user ?? claims?.sun;
    if (!user) throw new SlurmError("unauthorized", `${where}: no SLURM user: set SLURM_USER (the token names none)`);

    let response: Response;
    try {
      response = await this.fetchFn(`${this.url}${SLURM_API}${path}`, {
        method,
        headers: {
          "X-SLURM-USER-NAME": user,
          "X-SLURM-USER-TOKEN": token,
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new SlurmError("unreachable", `${where} is not answering (${networkReason(e)})`, undefined, { cause: e });
    }
    const text = await response.text().catch(() => "");
    let json: { errors?: SlurmApiError[] } & Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as typeof json) : {};
    } catch {
      if (response.ok) throw new SlurmError("protocol", `${where} answered ${method} ${path} with something other than JSON: ${text.slice(0, 200)}`, response.status);
    }
    const errors = Array.isArray(json.errors) ? json.errors : [];
    if (response.ok && errors.length === 0) return json as T;

    const kind = classifyFailure(response.status, errors);
    const said = describeErrors(errors) || text.trim().slice(0, 200) || response.statusText;
    if (response.status === 401) {
      throw new SlurmError("unauthorized", `${where} refused the request (401 ${said}): no token was sent or slurmrestd does not take it; check SLURM_JWT / SLURM_JWT_COMMAND and SLURM_USER`, 401);
    }
    if (kind === "unauthorized") {
      throw new SlurmError(
        "unauthorized",
        `${where} refused the request for user ${user} (HTTP ${response.status}: ${said}). slurmrestd answers this way when slurmctld does not accept the token (expired, minted by another cluster's key, or for another user) or cannot be reached`,
        response.status,
      );
    }
    if (kind === "not_found") throw new SlurmError("not_found", `${where} does not know that job (${said})`, response.status);
    throw new SlurmError("rejected", `${where} refused ${method} ${SLURM_API}${path} (HTTP ${response.status}): ${said}`, response.status);
  }
}

/** The SLURM executor the environment configures, or null when SLURM_REST_URL is unset. */
export function slurmExecutorFromEnv(env: Record<string, string | undefined> = process.env): SlurmExecutor | null {
  const url = env.SLURM_REST_URL?.trim();
  if (!url) return null;
  const base = { url, user: env.SLURM_USER?.trim() || undefined, partition: env.SLURM_PARTITION?.trim() || undefined };
  const jwt = env.SLURM_JWT?.trim();
  const command = env.SLURM_JWT_COMMAND?.trim();
  if (jwt) return new SlurmExecutor({ ...base, token: () => jwt });
  if (command) return new SlurmExecutor({ ...base, token: commandTokenSource(command) });
  return new SlurmExecutor({ ...base, token: () => "", unavailableReason: "SLURM_REST_URL is set, but neither SLURM_JWT nor SLURM_JWT_COMMAND gives a token" });
}

/** What the executor registry shows for SLURM: the configured executor's description, or why there is none. */
export function describeSlurm(env: Record<string, string | undefined> = process.env): { label: string; available: boolean; reason?: string } {
  return slurmExecutorFromEnv(env)?.describe() ?? { label: "SLURM", available: false, reason: "not configured (set SLURM_REST_URL and SLURM_JWT or SLURM_JWT_COMMAND)" };
}

/**
 * Runs a command that prints a token (`scontrol token username=… lifespan=…`),
 * and again when the token is within a minute of expiring (tokens with no
 * expiry are kept 5 minutes). Concurrent callers share one run.
 */
export function commandTokenSource(command: string, timeoutMs = 30_000): () => Promise<string> {
  let cached: { token: string; refreshAtMs: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && clock.nowMs() < cached.refreshAtMs) return Promise.resolve(cached.token);
    return (pending ??= new Promise<string>((resolve, reject) => {
      execFile("/bin/sh", ["-c", command], { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        pending = undefined;
        const token = tokenFromCommandOutput(stdout);
        if (error || !token) {
          const why = error ? (stderr.trim() || error.message) : "it printed no token";
          return reject(new Error(`SLURM_JWT_COMMAND (${command}) failed: ${why}`));
        }
        const exp = jwtClaims(token)?.exp;
        cached = { token, refreshAtMs: exp !== undefined ? exp * 1000 - 60_000 : clock.nowMs() + 5 * 60_000 };
        resolve(token);
      });
    }));
  };
}

// --- files on the shared folder ------------------------------------------------------

function encodeJobId(externalId: string): string {
  if (!/^\d+(_\d+)?$/.test(externalId)) throw new SlurmError("not_found", `"${externalId}" is not a SLURM job id`);
  return externalId;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The last LOG_READ_BYTES of a log, or undefined when it does not exist (yet). */
async function readLogEnd(file: string): Promise<{ text: string; truncated: boolean } | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - LOG_READ_BYTES);
    const buffer = Buffer.alloc(size - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return { text: buffer.subarray(0, bytesRead).toString("utf8"), truncated: start > 0 };
  } finally {
    await handle.close();
  }
}

/** outputs.json's files, hashed (streamed) and checked to lie inside workDir; no outputs.json means no files. */
async function readOutputs(step: StepSpec): Promise<{ files: StepOutputFile[]; figures: Record<string, unknown> }> {
  const text = await readText(outputsPath(step));
  if (text === undefined) return { files: [], figures: {} };
  const manifest = parseOutputsManifest(text, step.workDir);
  const root = await fs.promises.realpath(step.workDir);
  const files: StepOutputFile[] = [];
  for (const entry of manifest.files) {
    let real: string;
    try {
      real = await fs.promises.realpath(entry.path);
    } catch {
      throw new Error(`outputs.json lists ${entry.name} at ${entry.path}, and no file is there`);
    }
    if (!isInside(root, real)) throw new Error(`outputs.json lists ${entry.name}, which links outside the step's folder (${real})`);
    const stat = await fs.promises.stat(real);
    if (!stat.isFile()) throw new Error(`outputs.json lists ${entry.name} at ${entry.path}, which is not a file`);
    const { sha256, sizeBytes } = await hashFile(real);
    files.push({ name: entry.name, uri: pathToFileURL(real).href, sizeBytes, sha256 });
  }
  return { files, figures: manifest.figures };
}

async function hashFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = crypto.createHash("sha256");
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    sizeBytes += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest("hex"), sizeBytes };
}

function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  if (e instanceof Error && e.name === "TimeoutError") return "no answer in time";
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
