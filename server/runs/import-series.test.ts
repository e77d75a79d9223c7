import type postgres from "postgres";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../access/actor";
import { bulkSql, closeBulkSql } from "../bulk-sql";
import { DomainError } from "../errors";
import { contextFor, createMember, testDb } from "../testing/fixtures";
import { copyChunks, importSeries, SeriesFileError, suggestSeriesMapping, type ImportSeriesInput } from "./import-series";
import { chunkRows, type ChunkRow } from "./series-chunks";
import { readSeries } from "./read-series";
import { POINT_FLAG, type ColumnMapping, type MeasuredColumn } from "./series-csv";
import { createRunWorld, openWorldRun, type RunWorld } from "./test-world";

// The HTTP route reads the session through createContext; here it is whoever the test says.
const session = vi.hoisted(() => ({ actor: { kind: "anonymous" } as Actor }));
vi.mock("@/server/context", async () => {
  const { testDb: db, contextFor: context } = await import("../testing/fixtures");
  return { createContext: async () => ({ db: db(), ...context(session.actor) }) };
});
const route = await import("@/app/api/runs/[id]/series/route");

const db = testDb();
afterAll(() => closeBulkSql());

const ctxFor = (actor: Actor) => ({ db, ...contextFor(actor) });
const icp = (column: string, key: string): MeasuredColumn => ({ column, key, kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "ICP-OES" });
const ms = (iso: string) => new Date(iso).getTime();

/** An Agilent ICP Expert export: preamble, semicolons, decimal commas, Berlin wall-clock times, below-detection markers. */
function icpExport(rows: number, options: { startHour?: number; bad?: { row: number; li: string } } = {}) {
  const lines = [
    "Agilent ICP Expert export;;;;;",
    "Worksheet: OKE flow-through 2026-11;;;;;",
    ";;;;;",
    "Solution Label;Date Time;Li 670.784 (mg/L);Ca 317.933 (mg/L);Fe 238.204 (mg/L);Al 396.152 (mg/L)",
  ];
  const start = Date.UTC(2026, 10, 27, (options.startHour ?? 10) - 1); // 27.11.2026 in Berlin (UTC+1)
  for (let i = 0; i < rows; i++) {
    const wall = new Date(start + 3_600_000 + i * 60_000); // Berlin wall clock, written as if UTC
    const stamp = `${String(wall.getUTCDate()).padStart(2, "0")}.${String(wall.getUTCMonth() + 1).padStart(2, "0")}.${wall.getUTCFullYear()} ${String(wall.getUTCHours()).padStart(2, "0")}:${String(wall.getUTCMinutes()).padStart(2, "0")}:00`;
    const li = options.bad?.row === i ? options.bad.li : (12.5 - (i % 10_000) / 1000).toFixed(3).replace(".", ",");
    const fe = i % 3 === 0 ? "<0,01" : (0.012 + (i % 5) / 1000).toFixed(3).replace(".", ",");
    const al = i % 7 === 3 ? "n.d." : (0.15 + (i % 4) / 100).toFixed(3).replace(".", ",");
    lines.push(`Outlet ${String(i + 1).padStart(3, "0")};${stamp};${li};${(48 - (i % 1000) / 100).toFixed(2).replace(".", ",")};${fe};${al}`);
  }
  return `${lines.join("\r\n")}\r\n;;;;;\r\n`;
}
const icpMapping: ColumnMapping = {
  time: { column: "Date Time", format: "local", timeZone: "Europe/Berlin", dateOrder: "DMY" },
  columns: [icp("Li 670.784 (mg/L)", "Li"), icp("Ca 317.933 (mg/L)", "Ca"), icp("Fe 238.204 (mg/L)", "Fe"), icp("Al 396.152 (mg/L)", "Al")],
};
const instrument = "ICP-OES Agilent 5800";

async function openedRun(): Promise<{ w: RunWorld; runId: string }> {
  const w = await createRunWorld(db);
  const run = await openWorldRun(w);
  return { w, runId: run.id };
}

const importAs = (actor: Actor, input: ImportSeriesInput) => importSeries(ctxFor(actor), input);

async function written(runId: string) {
  const imports = await db.seriesImport.count({ where: { runId } });
  const series = await db.series.count({ where: { runId } });
  const chunks = await db.seriesChunk.count({ where: { series: { runId } } });
  const audits = await db.auditEvent.count({ where: { entityType: "Run", entityId: runId, action: "run.series_imported" } });
  return { imports, series, chunks, audits };
}

describe("importing an instrument's CSV export into a run", () => {
  it("imports a realistic ICP-OES export: the import, one series per column, its chunks, the mapping remembered, an audit row", async () => {
    const { w, runId } = await openedRun();
    const text = icpExport(40);
    const result = await importAs(w.staff, { runId, instrument, fileName: "OKE-flow-2026-11.csv", text, mapping: icpMapping });

    expect(result.rowCount).toBe(40);
    expect(result.series.map((s) => s.key)).toEqual(["Li", "Ca", "Fe", "Al"]);
    const importRow = await db.seriesImport.findUniqueOrThrow({ where: { id: result.importId } });
    expect(importRow).toMatchObject({ runId, instrument, fileName: "OKE-flow-2026-11.csv", rowCount: 40, importedById: w.staff.userId });
    expect(importRow.sha256).toMatch(/^[0-9a-f]{64}$/);

    const series = await db.series.findMany({ where: { runId }, orderBy: { key: "asc" }, include: { chunks: true } });
    expect(series).toHaveLength(4);
    for (const s of series) {
      expect(s).toMatchObject({ importId: result.importId, kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "ICP-OES", referenceElectrode: null, pointCount: 40 });
      expect(s.startsAt).toEqual(new Date("2026-11-27T09:00:00Z")); // 10:00 in Berlin
      expect(s.endsAt).toEqual(new Date("2026-11-27T09:39:00Z"));
      expect(s.chunks).toHaveLength(1);
      expect(s.chunks[0]).toMatchObject({ seq: 0, count: 40 });
      expect(s.chunks[0]!.t.byteLength).toBe(320);
    }
    const li = series.find((s) => s.key === "Li")!;
    expect(li.chunks[0]!.f).toBeNull(); // no flag: stored as NULL
    expect(new Float64Array(new Uint8Array(li.chunks[0]!.v).buffer)[1]).toBe(12.499);
    const fe = series.find((s) => s.key === "Fe")!;
    expect([...new Uint8Array(fe.chunks[0]!.f!).slice(0, 4)]).toEqual([POINT_FLAG.BELOW_DETECTION, 0, 0, POINT_FLAG.BELOW_DETECTION]);
    expect([...new Float64Array(new Uint8Array(fe.chunks[0]!.limit!).buffer).slice(0, 2)]).toEqual([0.01, NaN]);
    const al = series.find((s) => s.key === "Al")!;
    expect(new Uint8Array(al.chunks[0]!.f!)[3]).toBe(POINT_FLAG.BELOW_DETECTION); // "n.d.": flagged, no limit
    expect(al.chunks[0]!.limit).toBeNull();

    const remembered = await db.instrumentMapping.findUniqueOrThrow({ where: { facilityId_instrument: { facilityId: w.facility.id, instrument } } });
    expect(remembered.mapping).toMatchObject(icpMapping);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Run", entityId: runId, action: "run.series_imported" } });
    expect(audit).toMatchObject({ actorId: w.staff.userId, actorEmail: w.staff.email, ip: "203.0.113.7", userAgent: "vitest" });
    expect(audit.summary).toMatchObject({ before: null, after: { importId: result.importId, instrument, fileName: "OKE-flow-2026-11.csv", rowCount: 40, sha256: importRow.sha256 } });
  });

  it("imports the instrument's next file with the remembered mapping, without being given it again", async () => {
    const { w, runId } = await openedRun();
    expect(await suggestSeriesMapping(db, w.staff, { runId, instrument, headerLine: "Solution Label;Date Time;Li 670.784 (mg/L)", firstRow: "Outlet 1;27.11.2026 10:00:00;12,5" })).toMatchObject({
      source: "suggested",
      suggestion: { time: { column: "Date Time", format: "local", dateOrder: "DMY" }, columns: [{ key: "Li", method: "ICP-OES", unit: "mg/L" }] },
    });
    await expect(importAs(w.staff, { runId, instrument, fileName: "first.csv", text: icpExport(10) })).rejects.toThrow(/No mapping is remembered for "ICP-OES Agilent 5800"/);

    await importAs(w.staff, { runId, instrument, fileName: "first.csv", text: icpExport(10), mapping: icpMapping });
    const second = await importAs(w.staff, { runId, instrument: ` ${instrument} `, fileName: "second.csv", text: icpExport(12, { startHour: 14 }) });
    expect(second.series).toHaveLength(4);
    expect(second.series[0]).toMatchObject({ key: "Li", pointCount: 12, startsAt: new Date("2026-11-27T13:00:00Z") });
    expect(await written(runId)).toEqual({ imports: 2, series: 8, chunks: 8, audits: 2 });

    const header = "Solution Label;Date Time;Li 670.784 (mg/L);Ca 317.933 (mg/L);Fe 238.204 (mg/L)";
    expect(await suggestSeriesMapping(db, w.staff, { runId, instrument, headerLine: header })).toMatchObject({ source: "remembered", mapping: icpMapping, missingColumns: ["Al 396.152 (mg/L)"] });
  });

  it("refuses a file with one bad row, naming its line and column, and writes nothing", async () => {
    const { w, runId } = await openedRun();
    const text = icpExport(30, { bad: { row: 17, li: "12,4x" } });
    const refusal = await importAs(w.staff, { runId, instrument, fileName: "bad.csv", text, mapping: icpMapping }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SeriesFileError);
    const error = refusal as SeriesFileError;
    // line 4 is the header: row 17 (from 0) is line 22
    expect(error.message).toBe('Line 22, column "Li 670.784 (mg/L)": "12,4x" is not a number. (nothing was imported)');
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.errors).toEqual([{ line: 22, column: "Li 670.784 (mg/L)", message: '"12,4x" is not a number.' }]);
    expect(error.fieldErrors).toEqual({ 'Line 22, column "Li 670.784 (mg/L)"': '"12,4x" is not a number.' });
    expect(await written(runId)).toEqual({ imports: 0, series: 0, chunks: 0, audits: 0 });
    expect(await db.instrumentMapping.count({ where: { facilityId: w.facility.id } })).toBe(0);
  });

  it("lists at most 20 errors and says there were more", async () => {
    const { w, runId } = await openedRun();
    const text = icpExport(60).replace(/(\d{2}:\d{2}:00;)(\d)/g, "$1-$2"); // every Li value negative
    const error = (await importAs(w.staff, { runId, instrument, fileName: "negative.csv", text, mapping: icpMapping }).catch((e: unknown) => e)) as SeriesFileError;
    expect(error).toBeInstanceOf(SeriesFileError);
    expect(error.errors).toHaveLength(20);
    expect(error.truncated).toBe(true);
    expect(error.message).toMatch(/^Line 5, column "Li 670.784 \(mg\/L\)": -12,500 is a negative concentration.*\(20 or more problems; nothing was imported\)$/);
    expect(Object.keys(error.fieldErrors!)).toHaveLength(20);
  });

  it("refuses the same file twice in a run, saying when it was imported", async () => {
    const { w, runId } = await openedRun();
    const text = icpExport(20);
    await importAs(w.staff, { runId, instrument, fileName: "day-1.csv", text, mapping: icpMapping });
    const again = importAs(w.staff, { runId, instrument, fileName: "day-1 (copy).csv", text });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^This file was already imported on \d{1,2} \w{3} \d{4} \d{2}:\d{2} Europe\/London by .+ \(as day-1\.csv, ICP-OES Agilent 5800\)/) });
    expect(await written(runId)).toMatchObject({ imports: 1, audits: 1 });
  });

  it("keeps below-detection flags, limits and missing values across chunks on the round trip", async () => {
    const { w, runId } = await openedRun();
    const rows = 20_000; // three chunks
    const text = icpExport(rows);
    const result = await importAs(w.staff, { runId, instrument, fileName: "long.csv", text, mapping: icpMapping });
    const fe = result.series.find((s) => s.key === "Fe")!;
    const al = result.series.find((s) => s.key === "Al")!;
    const chunks = await db.seriesChunk.findMany({ where: { seriesId: fe.id }, orderBy: { seq: "asc" } });
    expect(chunks.map((c) => c.count)).toEqual([8192, 8192, 3616]);
    const limits = new Float64Array(new Uint8Array(chunks[1]!.limit!).buffer); // rows 8192…16383
    expect(limits[0]).toBeNaN(); // row 8192: a value
    expect(limits[1]).toBe(0.01); // row 8193: "<0,01"
    expect(new Uint8Array(chunks[1]!.f!).slice(0, 2)).toEqual(Uint8Array.of(0, POINT_FLAG.BELOW_DETECTION));

    const read = await readSeries(db, w.applicant, { runId, seriesIds: [fe.id, al.id], maxPoints: 20_000 });
    const feRead = read.series.find((s) => s.id === fe.id)!;
    expect(feRead).toMatchObject({ key: "Fe", total: rows, belowDetection: Math.ceil(rows / 3), downsampled: false });
    expect(feRead.points).toHaveLength(rows);
    expect(feRead.points[0]).toEqual([ms("2026-11-27T09:00:00Z"), null]);
    expect(feRead.points[1]).toEqual([ms("2026-11-27T09:01:00Z"), 0.013]);
    expect(feRead.points[9999]).toEqual([ms("2026-11-27T09:00:00Z") + 9999 * 60_000, null]);
    const alRead = read.series.find((s) => s.id === al.id)!;
    expect(alRead.belowDetection).toBe(Array.from({ length: rows }, (_, i) => i % 7 === 3).filter(Boolean).length);
    expect(alRead.points[3]![1]).toBeNull();

    // A window reads only the chunks it needs and counts only its own points.
    const from = new Date(ms("2026-11-27T09:00:00Z") + 10_000 * 60_000);
    const windowed = await readSeries(db, w.staff, { runId, seriesIds: [fe.id], from, to: new Date(from.getTime() + 299 * 60_000), maxPoints: 1000 });
    expect(windowed.series[0]).toMatchObject({ total: 300, belowDetection: 100, downsampled: false });
    expect(windowed.series[0]!.points[0]).toEqual([from.getTime(), 0.012]); // row 10000
    expect(windowed.series[0]!.points[2]).toEqual([from.getTime() + 120_000, null]); // row 10002: "<0,01"
  });
});

describe("a long series", () => {
  // 200,000 rows keep the suite light on a 2-core machine; the README gives the figures for a million.
  it("imports with COPY and reads back down-sampled to at most 2,000 points a series with the extremes kept", { timeout: 180_000 }, async () => {
    const { w, runId } = await openedRun();
    const rows = 200_000;
    const start = ms("2026-11-27T00:00:00Z");
    const csv = () => {
      const lines = ["Time,Li (mg/L),T (°C)"];
      for (let i = 0; i < rows; i++) {
        const li = i === 123_457 ? "99.5" : i === 176_543 ? "0.0005" : i % 20_000 === 50 ? "<0.001" : (12 + Math.sin(i / 5000)).toFixed(4);
        lines.push(`${new Date(start + i * 1000).toISOString()},${li},${(80 + (i % 11) / 10).toFixed(1)}`);
      }
      return lines.join("\n");
    };
    let text = csv();
    const csvMb = (text.length / 1e6).toFixed(1);
    const mapping: ColumnMapping = { time: { column: "Time", format: "iso8601" }, columns: [icp("Li (mg/L)", "Li"), { column: "T (°C)", key: "temperature", kind: "ENVIRONMENT", unit: "Cel" }] };

    let began = performance.now();
    const result = await importAs(w.staff, { runId, instrument: "ICP-MS long run", fileName: "long.csv", text, mapping });
    const importMs = performance.now() - began;
    text = ""; // let the 38 MB go before timing the reads
    expect(result.rowCount).toBe(rows);
    expect(await db.seriesChunk.count({ where: { series: { runId } } })).toBe(2 * Math.ceil(rows / 8192));

    const readMs: string[] = [];
    let read!: Awaited<ReturnType<typeof readSeries>>;
    for (let round = 0; round < 3; round++) {
      began = performance.now();
      const cpu = process.cpuUsage();
      read = await readSeries(db, w.applicant, { runId });
      const used = process.cpuUsage(cpu);
      readMs.push(`${(performance.now() - began).toFixed(0)} (Node CPU ${((used.user + used.system) / 1000).toFixed(0)})`);
    }
    const li = read.series.find((s) => s.key === "Li")!;
    expect(li.total).toBe(rows);
    expect(li.belowDetection).toBe(10);
    expect(li.downsampled).toBe(true);
    expect(li.points.length).toBeLessThanOrEqual(2000);
    expect(li.points.length).toBeGreaterThan(1900);
    expect(li.points).toContainEqual([start + 123_457_000, 99.5]);
    expect(li.points).toContainEqual([start + 176_543_000, 0.0005]);
    for (let i = 1; i < li.points.length; i++) expect(li.points[i]![0]).toBeGreaterThan(li.points[i - 1]![0]);
    const temperature = read.series.find((s) => s.key === "temperature")!;
    expect(Math.max(...temperature.points.map(([, v]) => v!))).toBe(81);

    began = performance.now();
    const one = await readSeries(db, w.staff, { runId, seriesIds: [li.id] });
    const oneMs = performance.now() - began;
    expect(one.series.map((s) => s.points)).toEqual([li.points]);

    began = performance.now();
    const hour = await readSeries(db, w.staff, { runId, from: new Date(start + 123_000_000), to: new Date(start + 126_600_000) });
    const windowMs = performance.now() - began;
    expect(hour.series.find((s) => s.key === "Li")).toMatchObject({ total: 3601, downsampled: true });
    expect(hour.series.find((s) => s.key === "Li")!.points).toContainEqual([start + 123_457_000, 99.5]);

    // The same chunks through Prisma, for comparison (readSeries uses postgres.js).
    const ids = read.series.map((s) => s.id);
    began = performance.now();
    const viaPrisma = await db.seriesChunk.findMany({ where: { seriesId: { in: ids } }, orderBy: [{ seriesId: "asc" }, { seq: "asc" }], select: { seriesId: true, seq: true, count: true, t: true, v: true, f: true } });
    const prismaMs = performance.now() - began;
    began = performance.now();
    const viaPostgresJs = await bulkSql()`select "seriesId", "seq", "count", "t", "v", "f" from "SeriesChunk" where "seriesId" = any(${ids}::text[]) order by "seriesId", "seq"`;
    const postgresJsMs = performance.now() - began;
    expect(viaPrisma).toHaveLength(viaPostgresJs.length);

    console.log(
      `1,000,000 rows x 2 series (${csvMb} MB of CSV): import ${importMs.toFixed(0)} ms; ` +
        `readSeries: both series ${readMs.join(" / ")} ms (three reads), one series ${oneMs.toFixed(0)} ms, a one-hour window ${windowMs.toFixed(0)} ms; ` +
        `raw chunk rows via Prisma ${prismaMs.toFixed(0)} ms, via postgres.js ${postgresJsMs.toFixed(0)} ms`,
    );
  });
});

describe("the COPY inside the import's transaction", () => {
  /** A series row to hang chunks on, inserted in the transaction `sql` (so it disappears with it). */
  async function seriesIn(sql: postgres.TransactionSql, runId: string, userId: string) {
    const importId = `test-import-${Math.random().toString(36).slice(2)}`;
    const seriesId = `test-series-${Math.random().toString(36).slice(2)}`;
    const at = new Date("2026-11-27T09:00:00Z");
    await sql`insert into "SeriesImport" ("id", "runId", "instrument", "fileName", "sha256", "rowCount", "importedById") values (${importId}, ${runId}, 'x', 'x.csv', ${importId}, 1, ${userId})`;
    await sql`insert into "Series" ("id", "runId", "importId", "key", "kind", "unit", "pointCount", "startsAt", "endsAt") values (${seriesId}, ${runId}, ${importId}, 'Li', 'OUTLET_CHEMISTRY', 'mg/L', 1, ${at}, ${at})`;
    return seriesId;
  }
  const big = (seriesId: string, points: number): ChunkRow[] => {
    const t = Float64Array.from({ length: points }, (_, i) => i);
    return [...chunkRows({ seriesId, t, v: t, flags: new Uint8Array(points), detectionLimit: null })];
  };

  it("a refusal while the data are sent rejects at once and the transaction leaves nothing", async () => {
    const { w, runId } = await openedRun();
    const outcome = await bulkSql()
      .begin(async (sql) => {
        const seriesId = await seriesIn(sql, runId, w.staff.userId);
        const [good] = big(seriesId, 10);
        // A chunk whose times do not match its count breaks the table's CHECK, followed by 50 MB more.
        await copyChunks(sql, [{ ...good!, seq: 0, count: 3 }, ...big(seriesId, 6_400_000).map((row) => ({ ...row, seq: row.seq + 1 }))]);
      })
      .then(() => "committed", (error: Error) => error.message);
    expect(outcome).toMatch(/series_chunk_sizes/);
    expect(await written(runId)).toMatchObject({ imports: 0, series: 0, chunks: 0 });
    expect(await bulkSql()`select 1 as ok`).toEqual([{ ok: 1 }]);
  });

  it("a refusal after the COPY's end (porsager/postgres#1173) is rolled back after the settle time instead of hanging", async () => {
    const { w, runId } = await openedRun();
    const began = performance.now();
    const outcome = await bulkSql()
      .begin(async (sql) => {
        await seriesIn(sql, runId, w.staff.userId);
        // The foreign key is checked at the end of the statement, after CopyDone: postgres.js never settles the stream.
        await copyChunks(sql, big("no-such-series", 5), 1500);
      })
      .then(() => "committed", (error: Error) => error.message);
    expect(outcome).toMatch(/did not confirm the series' points within 1.5 s/);
    expect(performance.now() - began).toBeLessThan(10_000);
    expect(await written(runId)).toMatchObject({ imports: 0, series: 0, chunks: 0 });
    // The connection went back to the pool usable, its transaction rolled back.
    const aborted = await Promise.all([1, 2, 3, 4].map(() => bulkSql()`select count(*)::int as n from pg_stat_activity where state = 'idle in transaction (aborted)' and datname = current_database()`));
    expect(aborted.map(([row]) => row!.n)).toEqual([0, 0, 0, 0]);
  });
});

describe("who may import and read a run's series", () => {
  it("someone of another organisation gets not found, reading and importing; the team reads but does not import", async () => {
    const { w, runId } = await openedRun();
    await importAs(w.staff, { runId, instrument, fileName: "one.csv", text: icpExport(5), mapping: icpMapping });
    const otherStaff = await createMember(db, "FACILITY_STAFF");
    const otherApplicant = await createMember(db, "APPLICANT");
    for (const outsider of [otherStaff, otherApplicant]) {
      await expect(readSeries(db, outsider, { runId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The run was not found." });
      await expect(importAs(outsider, { runId, instrument, fileName: "two.csv", text: icpExport(6), mapping: icpMapping })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(suggestSeriesMapping(db, outsider, { runId, instrument, headerLine: "Time,Li (mg/L)" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const read = await readSeries(db, w.applicant, { runId });
    expect(read.series.map((s) => s.key).sort()).toEqual(["Al", "Ca", "Fe", "Li"]);
    await expect(importAs(w.applicant, { runId, instrument, fileName: "two.csv", text: icpExport(6), mapping: icpMapping })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importAs({ kind: "anonymous" }, { runId, instrument, fileName: "two.csv", text: icpExport(6), mapping: icpMapping })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await written(runId)).toMatchObject({ imports: 1, series: 4 });
  });

  it("imports into a closed run too, and gives the run's scans as time markers", async () => {
    const { w, runId } = await openedRun();
    const startTime = new Date(ms("2026-11-27T09:10:00Z"));
    const scan = await db.scan.create({ data: { runId, technique: "Synchrotron micro-CT", startTime, endTime: new Date(startTime.getTime() + 600_000), voxelSize: 0.65, voxelUnit: "um", fileFormat: "NeXus/HDF5", dataUri: "file:///data/scan.nxs", energyKeV: 25, source: "TYPED" } });
    await db.run.update({ where: { id: runId }, data: { state: "CLOSED", closedAt: new Date() } });
    await importAs(w.staff, { runId, instrument, fileName: "after.csv", text: icpExport(5), mapping: icpMapping });
    const read = await readSeries(db, w.staff, { runId, maxPoints: 2 });
    expect(read.scans).toEqual([{ id: scan.id, startTime: startTime.getTime(), endTime: startTime.getTime() + 600_000, technique: "Synchrotron micro-CT" }]);
    // two points: the run's highest and lowest, in time order
    expect(read.series.find((s) => s.key === "Li")).toMatchObject({ total: 5, downsampled: true, points: [[ms("2026-11-27T09:00:00Z"), 12.5], [ms("2026-11-27T09:04:00Z"), 12.496]] });
  });
});

describe("HTTP: /api/runs/:id/series", () => {
  const url = (runId: string, query = "") => `http://localhost:3000/api/runs/${runId}/series${query}`;
  const params = (id: string) => ({ params: Promise.resolve({ id }) });
  const upload = (runId: string, text: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", new File([text], "outlet.csv", { type: "text/csv" }));
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return new Request(url(runId), { method: "POST", body: form, headers });
  };

  it("staff upload a CSV as multipart/form-data; a bad file is 400 with its errors; GET gives the chart JSON; others get 404", async () => {
    const { w, runId } = await openedRun();
    session.actor = w.staff;
    const created = await route.POST(upload(runId, icpExport(8), { instrument, mapping: JSON.stringify(icpMapping) }, { "sec-fetch-site": "same-origin" }), params(runId));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { importId: string; series: { key: string; pointCount: number }[] };
    expect(body.importId).toBeTruthy();
    expect(body.series.map((s) => [s.key, s.pointCount])).toEqual([["Li", 8], ["Ca", 8], ["Fe", 8], ["Al", 8]]);
    expect((await db.seriesImport.findUniqueOrThrow({ where: { id: body.importId } })).fileName).toBe("outlet.csv");

    const bad = await route.POST(upload(runId, icpExport(8, { bad: { row: 2, li: "oops" } }), { instrument }), params(runId));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringMatching(/^Line 7, column "Li 670.784 \(mg\/L\)"/), errors: [{ line: 7, column: "Li 670.784 (mg/L)", message: '"oops" is not a number.' }], truncated: false });
    expect((await route.POST(upload(runId, icpExport(8), { instrument }), params(runId))).status).toBe(409);
    expect((await route.POST(upload(runId, icpExport(9), { instrument }, { "sec-fetch-site": "cross-site" }), params(runId))).status).toBe(403);
    expect((await route.POST(upload(runId, icpExport(9), { instrument, mapping: "{oops" }), params(runId))).status).toBe(400);

    session.actor = w.applicant;
    const got = await route.GET(new Request(url(runId, "?maxPoints=4")), params(runId));
    expect(got.status).toBe(200);
    const chart = (await got.json()) as { series: { key: string; points: [number, number | null][]; total: number }[]; scans: unknown[] };
    expect(chart.series.find((s) => s.key === "Li")).toMatchObject({ total: 8 });
    expect(chart.series.find((s) => s.key === "Li")!.points.length).toBeLessThanOrEqual(4);
    expect(chart.scans).toEqual([]);
    expect((await route.POST(upload(runId, icpExport(9), { instrument }), params(runId))).status).toBe(403);
    expect((await route.GET(new Request(url(runId, "?maxPoints=1")), params(runId))).status).toBe(400);

    session.actor = await createMember(db, "FACILITY_STAFF");
    expect((await route.GET(new Request(url(runId)), params(runId))).status).toBe(404);
    expect((await route.POST(upload(runId, icpExport(9), { instrument }), params(runId))).status).toBe(404);
    session.actor = { kind: "anonymous" };
    expect((await route.GET(new Request(url(runId)), params(runId))).status).toBe(401);
  });
});

describe("SeriesFileError", () => {
  it("is a DomainError, so tRPC and the routes report it as a bad request", () => {
    const error = new SeriesFileError([{ line: null, column: null, message: "columns: Too small" }], false);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe("The mapping: columns: Too small (nothing was imported)");
  });
});
