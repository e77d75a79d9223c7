/**
 * Facility staff import an instrument's CSV export (sample environment, outlet
 * chemistry) into a run as time series; the column mapping is remembered per
 * facility and instrument, so the next file of that instrument needs none.
 *
 * All or nothing, in ONE transaction on ONE connection. The points go in with
 * COPY through postgres.js (server/bulk-sql.ts), which is not Prisma's
 * connection: a COPY there cannot join a Prisma transaction, and committing
 * Prisma's rows and the chunks separately would leave half an import behind
 * whenever the second part failed. So the whole write is one postgres.js
 * transaction, `sql.begin(...)`: the SeriesImport row, the Series rows, the
 * COPY of their chunks, the remembered mapping (upsert) and the audit row (the
 * row recordAudit writes, in SQL, see auditRow below). Any failure (the same
 * file imported by someone else a moment earlier, a constraint, the
 * connection) rolls all of it back. Prisma only reads, before that: the run
 * and the caller's access, an earlier import of the same file, the remembered
 * mapping; and nothing is written unless the whole file parsed.
 *
 * The chunks travel in PostgreSQL's binary COPY format (series-chunks.ts):
 * the float64 bytes as they are, written piece by piece with backpressure.
 * postgres.js 3.4.9 never settles the COPY's writable when the server refuses
 * the COPY only after it got CopyDone (porsager/postgres#1173): the
 * transaction would wait forever, its connection idle in an aborted
 * transaction. Such a late refusal could only come from the checks PostgreSQL
 * runs at the end of the statement or on the last rows; the rows are built to
 * satisfy the table's CHECKs and their parent Series rows are inserted just
 * before in the same transaction, and the wait for the COPY's end is bounded
 * (COPY_SETTLE_MS): past it the transaction is rolled back and the import
 * reported as failed, never left half done.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import postgres from "postgres";
import { isSignedIn, type Actor } from "../access/actor";
import type { AuditAction, AuditEntityType } from "../audit/actions";
import { bulkSql } from "../bulk-sql";
import { clock } from "../clock";
import type { Db } from "../db";
import { conflict, DomainError, invalid, invalidFields, notFound } from "../errors";
import { formatFacilityDateTime } from "../time";
import type { TrpcContext } from "../trpc";
import { detectDelimiter, splitCsvLine } from "./csv-records";
import { loadRunForStaff, type LoadedRun } from "./load";
import { binaryCopyData, chunkRows, CHUNK_COLUMNS, type ChunkRow } from "./series-chunks";
import { columnMappingSchema, parseSeriesCsv, suggestMapping, type ColumnMapping, type MappingSuggestion, type ParseError, type ParsedSeries } from "./series-csv";

/** How long the COPY may take to finish once all its data is sent (see the note above). */
const COPY_SETTLE_MS = 30_000;
/** Errors listed when a file is refused (the parser stops there too). */
const MAX_LISTED_ERRORS = 20;

const id = z.string().min(1);
const instrument = z.string().trim().min(1, "Name the instrument, e.g. ICP-OES Agilent 5800.").max(100, "Keep the instrument's name under 100 characters.");

/** Input of importSeries; the mapping is checked by the parser, which says what is wrong with it. */
export const importSeriesSchema = z.object({
  runId: id,
  instrument,
  fileName: z.string().trim().min(1, "Name the file.").max(200, "Keep the file name under 200 characters."),
  text: z.string().min(1, "The file is empty.").max(48 * 1024 * 1024, "Import a file of at most 48 MB."),
  /** Omitted: the mapping remembered for this instrument at the run's facility. */
  mapping: z.custom<ColumnMapping>((value) => typeof value === "object" && value !== null, "The mapping is a JSON object.").optional(),
});
export type ImportSeriesInput = z.input<typeof importSeriesSchema>;

export const suggestSeriesMappingSchema = z.object({
  runId: id,
  instrument,
  /** The file's header line as it is (comma, semicolon or tab separated). */
  headerLine: z.string().min(1, "Give the header line.").max(20_000),
  /** The first data row, as a line or as fields: it tells the time column's format. */
  firstRow: z.union([z.string().max(20_000), z.array(z.string().max(1000)).max(500)]).optional(),
});
export type SuggestSeriesMappingInput = z.input<typeof suggestSeriesMappingSchema>;

/** A file refused: the first error in the message, every listed error (line, column, message) for the page. */
export class SeriesFileError extends DomainError {
  constructor(
    readonly errors: ParseError[],
    readonly truncated: boolean,
  ) {
    const where = (error: ParseError) => [error.line === null ? "The mapping" : `Line ${error.line}`, error.column === null ? null : `column "${error.column}"`].filter(Boolean).join(", ");
    const first = errors[0];
    const more = errors.length > 1 ? ` (${truncated ? `${errors.length} or more` : errors.length} problems; nothing was imported)` : " (nothing was imported)";
    const fieldErrors: Record<string, string> = {};
    errors.forEach((error, i) => {
      const key = where(error);
      fieldErrors[Object.hasOwn(fieldErrors, key) ? `${key} (${i + 1})` : key] = error.suggestion ? `${error.message} Did you mean ${error.suggestion}?` : error.message;
    });
    super("BAD_REQUEST", first ? `${where(first)}: ${first.message}${more}` : "The file could not be read.", undefined, fieldErrors);
    this.name = "SeriesFileError";
  }
}

export interface ImportedSeries {
  id: string;
  key: string;
  kind: ParsedSeries["kind"];
  unit: string;
  method: string;
  referenceElectrode: string | null;
  pointCount: number;
  startsAt: Date;
  endsAt: Date;
}

/** Imports the file into the run: every series, or a SeriesFileError / conflict and nothing written. */
export async function importSeries(ctx: TrpcContext, rawInput: ImportSeriesInput, now = clock.now()): Promise<{ importId: string; rowCount: number; series: ImportedSeries[] }> {
  const input = checked(importSeriesSchema, rawInput);
  const actor = ctx.actor;
  if (!isSignedIn(actor)) throw notFound("The run");
  const run = await loadRunForStaff(ctx.db, actor, input.runId);
  if (run.state !== "OPEN" && run.state !== "CLOSED") throw conflict(`${run.reference} is ${String(run.state).toLowerCase()}: series are imported into an open or closed run.`);

  const sha256 = createHash("sha256").update(input.text).digest("hex");
  await refuseRepeat(ctx.db, run, sha256);
  const mapping = input.mapping ?? (await rememberedMapping(ctx.db, run.facilityId, input.instrument))?.mapping;
  if (!mapping) throw invalid(`No mapping is remembered for "${input.instrument}" at ${run.facility.name}: give the column mapping for its first file.`, "mapping");

  const parsed = parseSeriesCsv(input.text, mapping);
  if (!parsed.ok) throw new SeriesFileError(parsed.errors.slice(0, MAX_LISTED_ERRORS), parsed.truncated || parsed.errors.length > MAX_LISTED_ERRORS);
  const checkedMapping = columnMappingSchema.parse(mapping);

  const importId = newId();
  const series = parsed.series.map((s) => ({ parsed: s, row: seriesRow(s, newId()) }));
  try {
    await bulkSql().begin(async (sql) => {
      await sql`
        insert into "SeriesImport" ("id", "runId", "instrument", "fileName", "sha256", "rowCount", "importedById", "importedAt")
        values (${importId}, ${run.id}, ${input.instrument}, ${input.fileName}, ${sha256}, ${parsed.rowCount}, ${actor.userId}, ${now})`;
      await sql`insert into "Series" ${sql(series.map(({ row }) => ({ ...row, runId: run.id, importId })), "id", "runId", "importId", "key", "kind", "unit", "method", "referenceElectrode", "pointCount", "startsAt", "endsAt")}`;
      await copyChunks(sql, series.flatMap(({ parsed: s, row }) => [...chunkRows({ seriesId: row.id, ...s.points })]));
      await sql`
        insert into "InstrumentMapping" ("id", "facilityId", "instrument", "mapping", "updatedAt")
        values (${newId()}, ${run.facilityId}, ${input.instrument}, ${sql.json(checkedMapping as postgres.JSONValue)}, ${now})
        on conflict ("facilityId", "instrument") do update set "mapping" = excluded."mapping", "updatedAt" = excluded."updatedAt"`;
      const audit = auditRow(ctx, actor, {
        action: "run.series_imported",
        entityType: "Run",
        entityId: run.id,
        after: { importId, instrument: input.instrument, fileName: input.fileName, sha256, rowCount: parsed.rowCount, series: series.map(({ row }) => ({ id: row.id, key: row.key, pointCount: row.pointCount })) },
      });
      await sql`
        insert into "AuditEvent" ("actorId", "actorEmail", "action", "entityType", "entityId", "summary", "ip", "userAgent")
        values (${audit.actorId}, ${audit.actorEmail}, ${audit.action}, ${audit.entityType}, ${audit.entityId}, ${sql.json(audit.summary)}, ${audit.ip}, ${audit.userAgent})`;
    });
  } catch (error) {
    // Someone imported the same file into the run between the check and the insert.
    if (error instanceof postgres.PostgresError && error.code === "23505" && error.constraint_name === "SeriesImport_runId_sha256_key") await refuseRepeat(ctx.db, run, sha256);
    throw error;
  }
  return { importId, rowCount: parsed.rowCount, series: series.map(({ row }) => row) };
}

/**
 * For the mapping form: the mapping remembered for the instrument at the run's facility (with the
 * mapped columns this header lacks), or else a first guess from the header and first row.
 */
export async function suggestSeriesMapping(db: Db, actor: Actor, rawInput: SuggestSeriesMappingInput) {
  const input = checked(suggestSeriesMappingSchema, rawInput);
  const run = await loadRunForStaff(db, actor, input.runId);
  const delimiter = detectDelimiter(input.headerLine);
  const header = splitCsvLine(input.headerLine, delimiter);
  const remembered = await rememberedMapping(db, run.facilityId, input.instrument);
  if (remembered) {
    const mapped = [remembered.mapping.time?.column, ...(remembered.mapping.columns ?? []).map((column) => column.column)].filter((column): column is string => typeof column === "string");
    return { source: "remembered" as const, mapping: remembered.mapping, updatedAt: remembered.updatedAt, missingColumns: mapped.filter((column) => !header.includes(column.trim())), suggestion: null };
  }
  const firstRow = typeof input.firstRow === "string" ? splitCsvLine(input.firstRow, delimiter) : input.firstRow;
  const suggestion: MappingSuggestion = suggestMapping(header, firstRow);
  return { source: "suggested" as const, mapping: null, updatedAt: null, missingColumns: [], suggestion };
}

/** The input as its schema reads it, or every field's problem as a DomainError (as a form shows them). */
export function checked<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidFields(Object.fromEntries(result.error.issues.map((issue) => [issue.path.join(".") || "input", issue.message])));
}

async function rememberedMapping(db: Db, facilityId: string, instrumentName: string) {
  const found = await db.instrumentMapping.findUnique({ where: { facilityId_instrument: { facilityId, instrument: instrumentName } }, select: { mapping: true, updatedAt: true } });
  return found ? { mapping: found.mapping as unknown as ColumnMapping, updatedAt: found.updatedAt } : null;
}

/** The same file (by SHA-256) goes into a run once. */
async function refuseRepeat(db: Db, run: LoadedRun, sha256: string) {
  const earlier = await db.seriesImport.findUnique({ where: { runId_sha256: { runId: run.id, sha256 } }, select: { fileName: true, instrument: true, importedAt: true, importedById: true } });
  if (!earlier) return;
  const by = await db.user.findUnique({ where: { id: earlier.importedById }, select: { name: true } });
  throw conflict(
    `This file was already imported on ${formatFacilityDateTime(earlier.importedAt, run.facility.timeZone)}${by ? ` by ${by.name}` : ""} (as ${earlier.fileName}, ${earlier.instrument}): its series are in ${run.reference} already.`,
  );
}

function seriesRow(s: ParsedSeries, seriesId: string): ImportedSeries {
  const t = s.points.t;
  return {
    id: seriesId,
    key: s.key,
    kind: s.kind,
    unit: s.unit,
    method: s.method,
    referenceElectrode: s.referenceElectrode,
    pointCount: t.length,
    startsAt: new Date(t[0]!),
    endsAt: new Date(t[t.length - 1]!),
  };
}

/**
 * COPY of the chunk rows inside the transaction `sql`. Each piece is awaited before the next
 * (backpressure); an error from the server while data is sent destroys the stream and rejects
 * here; a COPY that does not finish within settleMs of its end rejects too (see the note above).
 * The caller's transaction then rolls back.
 */
export async function copyChunks(sql: postgres.TransactionSql, rows: Iterable<ChunkRow>, settleMs = COPY_SETTLE_MS) {
  const columns = CHUNK_COLUMNS.map((column) => `"${column}"`).join(", ");
  const stream = await sql.unsafe(`copy "SeriesChunk" (${columns}) from stdin (format binary)`).writable();
  let failure: Error | null = null;
  stream.on("error", (error) => (failure ??= error));
  const write = (piece: Buffer) => new Promise<void>((resolve, reject) => stream.write(piece, (error) => (error ? reject(error) : resolve())));
  try {
    for (const piece of binaryCopyData(rows)) {
      if (failure) throw failure;
      await write(piece);
    }
  } catch (error) {
    stream.destroy(error instanceof Error ? error : new Error(String(error))); // CopyFail: the server aborts the COPY
    throw failure ?? error;
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The database did not confirm the series' points within ${settleMs / 1000} s; nothing was imported.`)), settleMs);
    const settle = (error?: Error | null) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    if (failure) return settle(failure);
    stream.once("error", settle);
    stream.once("finish", () => settle()); // after CommandComplete: the COPY is done
    stream.end();
  });
}

/** The row recordAudit (server/audit/record.ts) writes, for writing it in the import's own transaction. */
function auditRow(ctx: TrpcContext, actor: Extract<Actor, { kind: "user" }>, entry: { action: AuditAction; entityType: AuditEntityType; entityId: string; after: Record<string, unknown> }) {
  return {
    actorId: actor.userId,
    actorEmail: actor.email,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: { before: null, after: entry.after } as postgres.JSONValue,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
  };
}

/** A collision-resistant id shaped like Prisma's cuid() (rows here are inserted without Prisma). */
function newId(): string {
  const random = BigInt(`0x${randomBytes(12).toString("hex")}`).toString(36).padStart(19, "0").slice(-16);
  return `c${clock.nowMs().toString(36).padStart(8, "0")}${random}`;
}
