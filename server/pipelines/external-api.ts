import { z } from "zod";
import { anonymous, type RequestContext } from "../access/actor";
import { clock } from "../clock";
import { inTransaction, type Db } from "../db";
import { DomainError, conflict, invalid, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { spanOf } from "../runs/instants";
import { scanSchema } from "../runs/schemas";
import { recordScan } from "../runs/scans";
import { readSignedHeaders, verifyRequest, type HeaderSource } from "./executors/signature";
import { openExecutorSecret } from "./external-executors";
import { announce } from "./live";
import { nextStepToStart } from "./step-machine";
import { completeStep, failStep, refreshPipeline, reportProgress } from "./step-reports";

/**
 * What an outside runner does over signed HTTP (app/api/executors/[action]):
 * claim the next queued EXTERNAL step of its facility, report progress,
 * complete it with its outputs or fail it; acquisition software posts scans
 * the same way. A runner only ever sees its own facility's steps and runs:
 * anything else is "not found", as if it did not exist.
 *
 * Every request goes through `authenticate` first:
 *   1. the four signature headers are read; the key id must name a runner
 *      that is not revoked; the signature over the exact body and the
 *      timestamp (±300 s) are checked with its secret;
 *   2. the body is parsed and validated (a 400 names what is wrong);
 *   3. the nonce is recorded, in its own statement, committed before the
 *      operation runs. A nonce seen before is a replay and is refused.
 * Steps 1–2 write nothing, so a forged, altered, stale, revoked or malformed
 * request changes nothing at all, not even the nonce table.
 *
 * Why the nonce is committed before, and not together with, the operation:
 * a signed request is single-use whatever became of it. Had the nonce been
 * recorded in the operation's transaction, a request whose operation failed
 * (a conflict, a lost database connection) would leave no trace, and anyone
 * who captured it could replay it for five minutes — a replayed `claim`
 * would hand them a step and its scans' locations. The cost is that a
 * runner whose request failed signs the retry afresh, with a new nonce and
 * timestamp, which a runner does for every request anyway. Nothing else is
 * lost: the operations are conditional on the step's attempt and outputs are
 * registered by name, so a retry after a failure (or after a crash between
 * the two commits) does the work once.
 */

export interface SignedRequest {
  method: string;
  /** The URL's path, without query: what the runner signed. */
  path: string;
  headers: HeaderSource;
  /** The raw body, exactly as received. */
  body: string;
  ip?: string | null;
}

export interface AuthenticatedExecutor {
  id: string;
  facilityId: string;
  name: string;
  keyId: string;
}

/** Nonces are kept this long; a request is accepted at most 300 s either side of its timestamp, so a nonce older than this can no longer pass the clock check. */
export const nonceRetentionMs = 10 * 60_000;

const unauthorized = (message: string) => new DomainError("UNAUTHORIZED", message);

function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : "";
  return `The body is not valid. ${issues.join("; ")}${more}`;
}

function parseJson(body: string): unknown {
  if (body.trim() === "") throw invalid("The body is empty: send a JSON object.");
  try {
    return JSON.parse(body);
  } catch (error) {
    throw invalid(`The body is not JSON: ${error instanceof Error ? error.message : "it could not be parsed"}.`);
  }
}

/** Reads a body with a schema; `{}` when the body is empty and the schema allows it. */
export function parseBody<S extends z.ZodType>(schema: S, body: string): z.output<S> {
  const result = schema.safeParse(body.trim() === "" ? {} : parseJson(body));
  if (!result.success) throw invalid(describeIssues(result.error));
  return result.data;
}

/**
 * Checks the signed request (see above), then its body, then records its
 * nonce. Throws UNAUTHORIZED (changing nothing) or BAD_REQUEST.
 */
export async function authenticate<T>(db: Db, request: SignedRequest, readBody: (body: string) => T, now: Date = clock.now()): Promise<{ executor: AuthenticatedExecutor; input: T }> {
  const headers = readSignedHeaders(request.headers);
  if (!headers.ok) throw unauthorized(headers.reason);
  const executor = await db.externalExecutor.findUnique({ where: { keyId: headers.value.keyId }, select: { id: true, facilityId: true, name: true, keyId: true, keyEncrypted: true, revokedAt: true } });
  if (!executor) throw unauthorized("X-Lodestone-Key names no registered runner.");
  if (executor.revokedAt) throw unauthorized(`This runner's key was revoked on ${executor.revokedAt.toISOString().slice(0, 10)}: ask the facility admin to register the runner again.`);
  let secret: string;
  try {
    secret = openExecutorSecret(executor.keyEncrypted);
  } catch {
    throw unauthorized("This runner's key cannot be read here (the portal's secret has changed since it was registered): ask the facility admin to register the runner again.");
  }
  const verified = verifyRequest({ method: request.method, path: request.path, body: request.body, headers: request.headers, secret, now });
  if (!verified.ok) throw unauthorized(verified.reason);

  const input = readBody(request.body);

  // The primary key (executorId, nonce) decides between two copies of a request arriving at once.
  const recorded = await db.executorNonce.createMany({ data: [{ executorId: executor.id, nonce: headers.value.nonce, at: now }], skipDuplicates: true });
  if (recorded.count === 0) throw unauthorized("This nonce was used before: a replayed request is refused. Sign every request with a fresh nonce.");
  // Opportunistic clean-up of nonces that can no longer be replayed; a failure here costs nothing.
  await db.executorNonce.deleteMany({ where: { executorId: executor.id, at: { lt: new Date(now.getTime() - nonceRetentionMs) } } }).catch(() => undefined);

  return { executor: { id: executor.id, facilityId: executor.facilityId, name: executor.name, keyId: executor.keyId }, input };
}

// ——— bodies ———

const stepId = z.string({ error: "Give the step's id (stepId) from the claim." }).min(1, "Give the step's id (stepId) from the claim.").max(100);
const attempt = z.number({ error: "Give the attempt number (attempt) from the claim." }).int("The attempt is a whole number.").min(1, "The attempt is 1 or more.");
const logTail = z.string({ error: "logTail is text." }).max(100_000, "Send at most the last 100,000 characters of the log (the portal keeps the last 4,000).").optional();

/** Nothing is needed to claim; an empty body or {} (other fields are ignored). */
export const claimBodySchema = z.object({});

export const progressBodySchema = z.object({
  stepId,
  attempt,
  progress: z.number({ error: "Give the progress as a number from 0 to 100." }).min(0, "Progress is 0 to 100.").max(100, "Progress is 0 to 100."),
  logTail,
});

const outputFileSchema = z.object({
  name: z
    .string({ error: "Name each file." })
    .trim()
    .min(1, "Name each file.")
    .max(200, "Keep a file's name under 200 characters.")
    .regex(/^[^\u0000-\u001f/\\]+$/, "A file's name has no slashes or control characters: it names the output, not a path."),
  uri: z
    .string({ error: "Give each file's URI." })
    .trim()
    .max(2000)
    .regex(/^(file|s3|https|globus|irods|gs|az):\/\/\S+$/i, "Give where each file is stored as a URI, e.g. s3://bucket/key or file:///data/…"),
  sizeBytes: z.number({ error: "Give each file's size in bytes." }).int("A file's size is a whole number of bytes.").nonnegative("A file's size is 0 or more bytes.").max(Number.MAX_SAFE_INTEGER),
  sha256: z
    .string({ error: "Give each file's SHA-256." })
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, "A SHA-256 checksum is 64 hexadecimal characters."),
});

export const completeBodySchema = z
  .object({
    stepId,
    attempt,
    files: z.array(outputFileSchema).max(500, "Register at most 500 files per step.").default([]),
    /** Figures the step computed (any JSON object), registered as the output “figures”. */
    figures: z.record(z.string(), z.json()).optional(),
    logTail,
  })
  .superRefine((b, issue) => {
    const names = b.files.map((f) => f.name);
    if (new Set(names).size !== names.length) issue.addIssue({ code: "custom", path: ["files"], message: "Each file needs its own name." });
    if (b.figures !== undefined && names.includes("figures")) issue.addIssue({ code: "custom", path: ["files"], message: "“figures” names the step's figures: call the file something else." });
  });

export const failBodySchema = z.object({
  stepId,
  attempt,
  message: z.string({ error: "Say why the step failed (message)." }).trim().min(1, "Say why the step failed (message).").max(2000, "Keep the message under 2,000 characters."),
  logTail,
});

const externalIdSchema = z
  .string({ error: "Give the acquisition software's id for the scan (externalId): posting it again then records it once." })
  .trim()
  .min(1, "Give the acquisition software's id for the scan (externalId): posting it again then records it once.")
  .max(200, "Keep externalId under 200 characters.");

/** A scan posted by acquisition software: the runs scan fields, plus its own id; the source is always INSTRUMENT_API. */
export function parseScanBody(body: string) {
  const raw = parseJson(body);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("The body is a JSON object with the scan's fields.");
  const { externalId, source, ...fields } = raw as Record<string, unknown>;
  const issues: string[] = [];
  if (source !== undefined && source !== "INSTRUMENT_API") issues.push("source: Scans posted here are INSTRUMENT_API; leave source out.");
  const id = externalIdSchema.safeParse(externalId);
  if (!id.success) issues.push(...id.error.issues.map((i) => `externalId: ${i.message}`));
  const scan = scanSchema.safeParse(fields);
  if (!scan.success) issues.push(...scan.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)));
  if (issues.length > 0 || !id.success || !scan.success) throw invalid(`The body is not valid. ${issues.slice(0, 5).join("; ")}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ""}`);
  const { runId, source: _typed, ...scanFields } = scan.data;
  return { runId, externalId: id.data, fields: scanFields };
}

// ——— operations ———

export interface ClaimedStep {
  stepId: string;
  attempt: number;
  kind: string;
  params: Prisma.JsonValue;
  pipeline: { id: string; reference: string };
  /** The step's deadline (its deadlineMinutes from the claim): still running after it, the step is flagged to staff. */
  deadlineAt: string;
  scans: {
    id: string;
    dataUri: string;
    sha256: string | null;
    sizeBytes: number | null;
    fileFormat: string;
    sizeX: number | null;
    sizeY: number | null;
    sizeZ: number | null;
    voxelSize: number;
    voxelUnit: string;
  }[];
}

/**
 * Claims the next due EXTERNAL step of the runner's facility, oldest
 * pipeline first: a step whose turn it is (every step before it succeeded,
 * its retry due), moved QUEUED → RUNNING with attempts + 1 by a conditional
 * update, so of two runners claiming at once exactly one gets it. Null when
 * there is nothing to do.
 */
export async function claim(db: Db, request: SignedRequest, now: Date = clock.now()): Promise<ClaimedStep | null> {
  const { executor } = await authenticate(db, request, (body) => parseBody(claimBodySchema, body), now);
  return inTransaction(async (tx) => {
    const waiting = await tx.pipelineStep.findMany({
      where: {
        executor: "EXTERNAL",
        state: "QUEUED",
        OR: [{ retryAt: null }, { retryAt: { lte: now } }],
        pipeline: { state: { in: ["QUEUED", "RUNNING"] }, run: { facilityId: executor.facilityId } },
      },
      select: { pipelineId: true },
      orderBy: [{ pipeline: { createdAt: "asc" } }, { position: "asc" }],
      // As many as the driver looks at; a step waiting for the one before it is skipped below.
      take: 500,
    });
    for (const pipelineId of [...new Set(waiting.map((s) => s.pipelineId))]) {
      const steps = await tx.pipelineStep.findMany({ where: { pipelineId }, orderBy: { position: "asc" } });
      const next = nextStepToStart(steps, now);
      if (!next || next.executor !== "EXTERNAL") continue;
      const deadlineMinutes = Number((next.params as { deadlineMinutes?: number }).deadlineMinutes ?? 60);
      const deadlineAt = new Date(now.getTime() + deadlineMinutes * 60_000);
      const moved = await tx.pipelineStep.updateMany({
        where: { id: next.id, state: "QUEUED", attempts: next.attempts },
        data: { state: "RUNNING", attempts: next.attempts + 1, progress: 0, startedAt: now, heartbeatAt: now, deadlineAt, retryAt: null, flaggedAt: null, message: null, externalId: executor.keyId },
      });
      if (moved.count === 0) continue;
      const pipeline = await tx.pipelineRun.findUniqueOrThrow({ where: { id: pipelineId }, select: { id: true, reference: true, runId: true, scanIds: true } });
      await refreshPipeline(tx, pipelineId, now);
      await announce(tx, { runId: pipeline.runId, pipelineId, stepId: next.id, state: "RUNNING", progress: 0 });
      const scans = await tx.scan.findMany({
        where: { id: { in: pipeline.scanIds }, runId: pipeline.runId },
        select: { id: true, dataUri: true, sha256: true, sizeBytes: true, fileFormat: true, sizeX: true, sizeY: true, sizeZ: true, voxelSize: true, voxelUnit: true },
      });
      const order = new Map(pipeline.scanIds.map((id, i) => [id, i]));
      scans.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return {
        stepId: next.id,
        attempt: next.attempts + 1,
        kind: next.kind,
        params: next.params,
        pipeline: { id: pipeline.id, reference: pipeline.reference },
        deadlineAt: deadlineAt.toISOString(),
        scans: scans.map((s) => ({ ...s, sizeBytes: s.sizeBytes === null ? null : Number(s.sizeBytes), voxelSize: Number(s.voxelSize) })),
      };
    }
    return null;
  }, db);
}

/** The step as this runner may know it: of its facility and run by an external executor, else "not found". */
async function stepOfRunner(db: Db, executor: AuthenticatedExecutor, id: string) {
  const step = await db.pipelineStep.findUnique({ where: { id }, select: { id: true, key: true, executor: true, state: true, attempts: true, externalId: true, pipeline: { select: { reference: true, run: { select: { facilityId: true } } } } } });
  if (!step || step.executor !== "EXTERNAL" || step.pipeline.run.facilityId !== executor.facilityId) throw notFound("The step");
  return step;
}

type RunnerStep = Awaited<ReturnType<typeof stepOfRunner>>;

/** The claim (step, attempt) must be this runner's, and current. */
function ensureOwnAttempt(step: RunnerStep, executor: AuthenticatedExecutor, attemptNo: number) {
  if (attemptNo !== step.attempts || step.externalId !== executor.keyId) {
    if (attemptNo > step.attempts) throw conflict(`Attempt ${attemptNo} of step “${step.key}” of ${step.pipeline.reference} was never claimed.`);
    throw conflict(`Attempt ${attemptNo} of step “${step.key}” of ${step.pipeline.reference} is not this runner's current claim (the step is ${step.state.toLowerCase()}, attempt ${step.attempts}): stop working on it.`);
  }
}

const stale = (step: { key: string; state: string; pipeline: { reference: string } }, attemptNo: number) =>
  conflict(`Attempt ${attemptNo} of step “${step.key}” of ${step.pipeline.reference} is no longer running (the step is ${step.state.toLowerCase()}): stop working on it.`);

/** Progress (0–100) and the log's tail of the runner's running attempt; also its heartbeat. */
export async function progress(db: Db, request: SignedRequest, now: Date = clock.now()) {
  const { executor, input } = await authenticate(db, request, (body) => parseBody(progressBodySchema, body), now);
  const step = await stepOfRunner(db, executor, input.stepId);
  ensureOwnAttempt(step, executor, input.attempt);
  if (!(await reportProgress(db, { stepId: step.id, attempt: input.attempt }, input.progress, input.logTail))) throw stale(await stepOfRunner(db, executor, step.id), input.attempt);
  return { state: "RUNNING" as const };
}

/**
 * The attempt succeeded: its files and figures are registered (by name, so
 * never twice) and the step succeeds. Sent again for the same attempt (the
 * first answer lost), it answers the same and registers nothing more.
 */
export async function complete(db: Db, request: SignedRequest, now: Date = clock.now()) {
  const { executor, input } = await authenticate(db, request, (body) => parseBody(completeBodySchema, body), now);
  const step = await stepOfRunner(db, executor, input.stepId);
  ensureOwnAttempt(step, executor, input.attempt);
  const figures: Record<string, Prisma.InputJsonValue> = input.figures === undefined ? {} : { figures: input.figures as Prisma.InputJsonValue };
  if (await completeStep(db, { stepId: step.id, attempt: input.attempt }, { files: input.files, figures }, input.logTail)) return { state: "SUCCEEDED" as const, repeated: false };
  const after = await stepOfRunner(db, executor, step.id);
  if (after.state === "SUCCEEDED" && after.attempts === input.attempt && after.externalId === executor.keyId) return { state: "SUCCEEDED" as const, repeated: true };
  throw stale(after, input.attempt);
}

/** The attempt failed: retried after a backoff while attempts remain (a runner may claim it again), otherwise the step fails. */
export async function fail(db: Db, request: SignedRequest, now: Date = clock.now()) {
  const { executor, input } = await authenticate(db, request, (body) => parseBody(failBodySchema, body), now);
  const step = await stepOfRunner(db, executor, input.stepId);
  ensureOwnAttempt(step, executor, input.attempt);
  const outcome = await failStep(db, { stepId: step.id, attempt: input.attempt }, input.message, input.logTail);
  if (outcome === "stale") throw stale(await stepOfRunner(db, executor, step.id), input.attempt);
  return { state: outcome };
}

/**
 * Acquisition software records a scan of an open run at the runner's
 * facility. Posting the same externalId again returns the first scan.
 */
export async function postScan(db: Db, request: SignedRequest, now: Date = clock.now()) {
  const { executor, input } = await authenticate(db, request, parseScanBody, now);
  const ctx: RequestContext = { actor: anonymous, ip: request.ip ?? null, userAgent: `lodestone-runner “${executor.name}” (${executor.keyId})` };
  const record = () =>
    inTransaction(async (tx) => {
      const run = await tx.run.findUnique({ where: { id: input.runId }, select: { id: true, reference: true, state: true, requestId: true, facilityId: true, facility: { select: { timeZone: true } } } });
      if (!run || run.facilityId !== executor.facilityId) throw notFound("The run");
      // As when staff type a scan in: an instant with its offset, or a local time read in the facility's zone.
      const span = spanOf(input.fields.startTime, input.fields.endTime, run.facility.timeZone, ["startTime", "endTime"], "The scan");
      return recordScan(tx, ctx, run, { ...input.fields, startTime: span.start, endTime: span.end }, "INSTRUMENT_API", input.externalId);
    }, db);
  try {
    return await record();
  } catch (error) {
    // The same scan posted twice at once: the second insert meets the first's (run, externalId); read it back.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return record();
    throw error;
  }
}

export const externalActions = { claim, progress, complete, fail, scans: postScan } as const;
export type ExternalAction = keyof typeof externalActions;
