/**
 * A run's time series for its chart: every series (or the chosen ones) over
 * the whole run or a time window, down-sampled to at most maxPoints points a
 * series with the peaks kept, and the run's scans as time markers.
 *
 * The chunks are read with hand-written SQL through postgres.js (bulk-sql.ts):
 * a million-point series is 16 MB of times and values in 123 rows, which
 * postgres.js hands over as Buffers copied straight into one Float64Array per
 * series. Measured on the test database (import-series.test.ts prints it), the
 * same rows took as long or up to twice as long through Prisma, whose first
 * read was slower still. (Decoding the raw rows' hex text by hand instead of
 * postgres.js's bytea parser saved nothing.) Less is read where it
 * can be: the series of one import share one time column, read once; with a
 * window, a first small query reads each chunk's first and last time and only
 * the chunks that overlap it are fetched.
 */
import { z } from "zod";
import type { Actor } from "../access/actor";
import { bulkSql } from "../bulk-sql";
import type { Db } from "../db";
import { invalid } from "../errors";
import { checked } from "./import-series";
import { loadVisibleRun } from "./load";
import { POINT_FLAG, downsampleSeries } from "./series-csv";
import { readFloat64Into } from "./series-chunks";

export const MAX_CHART_POINTS = 20_000;

export const readSeriesSchema = z.object({
  runId: z.string().min(1),
  /** Omitted: every series of the run. Ids of other runs' series are ignored. */
  seriesIds: z.array(z.string().min(1)).max(200).optional(),
  from: z.coerce.date({ error: "Give a date and time." }).optional(),
  to: z.coerce.date({ error: "Give a date and time." }).optional(),
  maxPoints: z.coerce.number().int("A whole number of points.").min(2, "At least 2 points.").max(MAX_CHART_POINTS, `At most ${MAX_CHART_POINTS.toLocaleString("en-GB")} points.`).default(2000),
});
export type ReadSeriesInput = z.input<typeof readSeriesSchema>;

/** [epoch ms, value]; null where the point has no value (below detection, missing) and the series is shown in full. */
export type ChartPoint = [number, number | null];

export interface ChartSeries {
  id: string;
  key: string;
  kind: "ENVIRONMENT" | "OUTLET_CHEMISTRY";
  unit: string;
  method: string;
  referenceElectrode: string | null;
  points: ChartPoint[];
  /** Points in the window below the detection limit (not drawn: they have no value). */
  belowDetection: number;
  /** Points of the series in the window, before down-sampling. */
  total: number;
  /** Whether points were dropped to fit maxPoints. */
  downsampled: boolean;
}

/** A scan as a marker on the time axis (epoch ms; endTime null while unknown). */
export interface ScanMarker {
  id: string;
  startTime: number;
  endTime: number | null;
  technique: string;
}

export async function readSeries(db: Db, actor: Actor, rawInput: ReadSeriesInput): Promise<{ series: ChartSeries[]; scans: ScanMarker[] }> {
  const input = checked(readSeriesSchema, rawInput);
  const run = await loadVisibleRun(db, actor, input.runId);
  const fromMs = input.from?.getTime() ?? -Infinity;
  const toMs = input.to?.getTime() ?? Infinity;
  if (fromMs > toMs) throw invalid("The window ends after it starts.", "to");

  const [series, scans] = await Promise.all([
    db.series.findMany({
      where: { runId: run.id, ...(input.seriesIds ? { id: { in: input.seriesIds } } : {}) },
      orderBy: [{ kind: "asc" }, { key: "asc" }, { startsAt: "asc" }],
      select: { id: true, importId: true, key: true, kind: true, unit: true, method: true, referenceElectrode: true, pointCount: true, startsAt: true, endsAt: true },
    }),
    db.scan.findMany({ where: { runId: run.id }, orderBy: { startTime: "asc" }, select: { id: true, startTime: true, endTime: true, technique: true } }),
  ]);
  const inWindow = series.filter((s) => s.endsAt.getTime() >= fromMs && s.startsAt.getTime() <= toMs);
  const points = await readPoints(inWindow, fromMs, toMs);

  return {
    series: series.map((s) => {
      const meta = { id: s.id, key: s.key, kind: s.kind, unit: s.unit, method: s.method, referenceElectrode: s.referenceElectrode };
      const read = points.get(s.id);
      if (!read) return { ...meta, points: [], belowDetection: 0, total: 0, downsampled: false };
      const window = windowOf(read, fromMs, toMs);
      let belowDetection = 0;
      for (let i = 0; i < window.flags.length; i++) if (window.flags[i]! & POINT_FLAG.BELOW_DETECTION) belowDetection++;
      const shown = downsampleSeries(window.t, window.v, input.maxPoints);
      const chart: ChartPoint[] = new Array(shown.t.length);
      for (let i = 0; i < shown.t.length; i++) chart[i] = [shown.t[i]!, Number.isNaN(shown.v[i]!) ? null : shown.v[i]!];
      return { ...meta, points: chart, belowDetection, total: window.t.length, downsampled: shown.t !== window.t };
    }),
    scans: scans.map((scan) => ({ id: scan.id, startTime: scan.startTime.getTime(), endTime: scan.endTime?.getTime() ?? null, technique: scan.technique })),
  };
}

interface SeriesPoints {
  t: Float64Array;
  v: Float64Array;
  flags: Uint8Array;
}

interface ChunkRecord {
  seriesId: string;
  count: number;
  /** Null for a series that borrows the times of another series of its import. */
  t: Buffer | null;
  v: Buffer;
  f: Buffer | null;
}

interface StoredSeries {
  id: string;
  importId: string;
  pointCount: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The chunks of the series that overlap [fromMs, toMs], decoded into one set of arrays per series.
 * The series of one import share their times (one time column per file, chunked alike), so
 * each import's times are read once, with its first series, and lent to the others.
 */
async function readPoints(series: StoredSeries[], fromMs: number, toMs: number): Promise<Map<string, SeriesPoints>> {
  const result = new Map<string, SeriesPoints>();
  if (!series.length) return result;
  const sql = bulkSql();
  const timesOf = new Map<string, string>(); // series id -> the series whose times it uses
  const firstOfImport = new Map<string, StoredSeries>();
  for (const s of series) {
    const first = firstOfImport.get(s.importId);
    const same = first && first.pointCount === s.pointCount && first.startsAt.getTime() === s.startsAt.getTime() && first.endsAt.getTime() === s.endsAt.getTime();
    if (!first) firstOfImport.set(s.importId, s);
    timesOf.set(s.id, same ? first.id : s.id);
  }
  const owners = [...new Set(timesOf.values())];

  // Which chunks: all, or (with a window) each time owner's chunks that overlap it, from each chunk's first and last time.
  const ranges = new Map<string, { from: number; to: number }>();
  if (fromMs === -Infinity && toMs === Infinity) {
    for (const s of series) ranges.set(s.id, { from: 0, to: 2 ** 31 - 1 });
  } else {
    const bounds = await sql<{ seriesId: string; seq: number; first: Buffer; last: Buffer }[]>`
      select "seriesId", "seq", substring("t" from 1 for 8) as "first", substring("t" from octet_length("t") - 7) as "last"
      from "SeriesChunk" where "seriesId" = any(${owners}::text[])`;
    const owned = new Map<string, { from: number; to: number }>();
    for (const bound of bounds) {
      if (bound.last.readDoubleLE(0) < fromMs || bound.first.readDoubleLE(0) > toMs) continue;
      const range = owned.get(bound.seriesId);
      if (!range) owned.set(bound.seriesId, { from: bound.seq, to: bound.seq });
      else {
        range.from = Math.min(range.from, bound.seq);
        range.to = Math.max(range.to, bound.seq);
      }
    }
    for (const s of series) {
      const range = owned.get(timesOf.get(s.id)!);
      if (range) ranges.set(s.id, range);
    }
  }
  if (!ranges.size) return result;
  const wanted = [...ranges];
  const rows = await sql<ChunkRecord[]>`
    select c."seriesId", c."count", case when c."seriesId" = any(${owners}::text[]) then c."t" end as "t", c."v", c."f"
    from "SeriesChunk" c
    join unnest(${wanted.map(([id]) => id)}::text[], ${wanted.map(([, r]) => r.from)}::int[], ${wanted.map(([, r]) => r.to)}::int[]) as w("id", "from", "to")
      on c."seriesId" = w."id" and c."seq" between w."from" and w."to"
    order by c."seriesId", c."seq"`;

  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.seriesId, (counts.get(row.seriesId) ?? 0) + row.count);
  const filled = new Map<string, number>();
  for (const row of rows) {
    let points = result.get(row.seriesId);
    if (!points) {
      const n = counts.get(row.seriesId)!;
      points = { t: row.t ? new Float64Array(n) : new Float64Array(0), v: new Float64Array(n), flags: new Uint8Array(n) };
      result.set(row.seriesId, points);
    }
    const at = filled.get(row.seriesId) ?? 0;
    if (row.v.length !== row.count * 8 || (row.t && row.t.length !== row.count * 8) || (row.f && row.f.length !== row.count)) {
      throw new Error(`A chunk of series ${row.seriesId} does not hold ${row.count} points.`);
    }
    if (row.t) readFloat64Into(row.t, points.t, at);
    readFloat64Into(row.v, points.v, at);
    if (row.f) points.flags.set(row.f, at);
    filled.set(row.seriesId, at + row.count);
  }
  for (const [id, points] of result) {
    const owner = timesOf.get(id)!;
    if (owner === id) continue;
    const times = result.get(owner)?.t;
    if (!times || times.length !== points.v.length) throw new Error(`Series ${id} does not line up with the times of its import.`);
    points.t = times;
  }
  return result;
}

/** The points with fromMs <= t <= toMs (t never decreases within a series). */
function windowOf(points: SeriesPoints, fromMs: number, toMs: number): SeriesPoints {
  const start = fromMs === -Infinity ? 0 : lowerBound(points.t, fromMs);
  const end = toMs === Infinity ? points.t.length : upperBound(points.t, toMs);
  if (start === 0 && end === points.t.length) return points;
  return { t: points.t.subarray(start, end), v: points.v.subarray(start, end), flags: points.flags.subarray(start, end) };
}

/** The first index whose time is >= ms. */
function lowerBound(t: Float64Array, ms: number): number {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (t[mid]! < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose time is > ms. */
function upperBound(t: Float64Array, ms: number): number {
  let low = 0;
  let high = t.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (t[mid]! <= ms) low = mid + 1;
    else high = mid;
  }
  return low;
}
