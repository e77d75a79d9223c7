/**
 * Imports the time series an instrument exports as CSV: the sample environment
 * of a geo-reactive experiment (flow, temperature, pressures, stress) and the
 * outlet-fluid chemistry (ICP-OES/MS, ion chromatography, pH, Eh, conductivity).
 *
 * A bad row refuses the whole file: the result is either every series, or the
 * first errors (line in the file, column name, what is wrong) and nothing else,
 * so a run never holds half an export. Values are kept in typed arrays (epoch
 * ms, float64, flags) so a million-row export stays compact.
 *
 * - Columns are found by their header name; the header is the first line that
 *   names the time column (instrument preambles above it are skipped).
 * - Delimiter: comma, semicolon or tab, detected from the header. With ";" or a
 *   tab, the decimal separator is whichever the first decimal value uses, and a
 *   value with the other one is refused (so "1.234" is never read as 1234).
 * - "<0.01", "n.d.", "<LOD" are below the detection limit: NaN with a flag and
 *   the limit, never 0. Empty cells, "n.a." and "-" are missing: NaN, flagged.
 * - Eh is stored against SHE: readings against another reference electrode get
 *   its offset added (SHE_OFFSET_MV, or the mapping's own offsetToSheMv).
 *
 * The parts live beside this entry point: csv-records.ts (records, quotes,
 * delimiter, BOM), series-mapping.ts (the mapping's schema), series-time.ts,
 * series-values.ts (numbers, markers, per-series checks), series-suggest.ts
 * (a first mapping from the header) and series-downsample.ts (for charts).
 */
import { findHeader, isBlank, withoutBom } from "./csv-records";
import { columnMappingSchema, type ColumnMapping, type SeriesKind } from "./series-mapping";
import { timeReader } from "./series-time";
import { numberReader, planColumns, readValue, type ParseError } from "./series-values";

export { columnMappingSchema, SERIES_KINDS, SHE_OFFSET_MV, type ColumnMapping, type MeasuredColumn, type SeriesKind } from "./series-mapping";
export { parseIsoInstant } from "./series-time";
export { POINT_FLAG, type ParseError } from "./series-values";
export { suggestMapping, type MappingSuggestion, type SuggestedColumn, type SuggestedTime } from "./series-suggest";
export { downsampleSeries } from "./series-downsample";

export interface ParseOptions {
  delimiter?: "," | ";" | "\t";
  decimalSeparator?: "." | ",";
  /** Stop after this many errors (default 20). */
  maxErrors?: number;
}
export interface ParsedSeries {
  key: string;
  kind: SeriesKind;
  unit: string;
  method: string;
  column: string;
  /** Eh: the electrode measured against, and the offset added to reach SHE (0 when already vs SHE). */
  referenceElectrode: string | null;
  sheOffsetMv: number | null;
  /** pH: the key of the temperature series it was read at. */
  temperatureKey: string | null;
  /** t is shared by all series of one file (do not mutate); v is NaN where flags is set; detectionLimit only when some value has one. */
  points: { t: Float64Array; v: Float64Array; flags: Uint8Array; detectionLimit: Float64Array | null };
}
export type ParseResult =
  | { ok: true; series: ParsedSeries[]; rowCount: number; headerLine: number; delimiter: string; decimalSeparator: "." | "," }
  | { ok: false; errors: ParseError[]; truncated: boolean };

/** Every series the mapping names, read from the whole file; or the first errors (at most maxErrors) and nothing else. */
export function parseSeriesCsv(text: string, mappingInput: ColumnMapping, options: ParseOptions = {}): ParseResult {
  const maxErrors = options.maxErrors ?? 20;
  const checked = columnMappingSchema.safeParse(mappingInput);
  if (!checked.success) {
    const errors = checked.error.issues.map((issue) => ({ line: null, column: null, message: `${issue.path.join(".")}: ${issue.message}` }));
    return { ok: false, errors: errors.slice(0, maxErrors), truncated: errors.length > maxErrors };
  }
  const mapping = checked.data;
  const content = withoutBom(text);
  const header = findHeader(content, mapping.time.column, options.delimiter);
  if (!header) {
    return { ok: false, truncated: false, errors: [{ line: null, column: mapping.time.column, message: `No header row names the time column "${mapping.time.column}" (looked for comma, semicolon and tab separated headers in the first 50 lines).` }] };
  }

  let capacity = 1;
  for (let i = content.indexOf("\n"); i >= 0; i = content.indexOf("\n", i + 1)) capacity++;
  const errors: ParseError[] = [];
  const { timeIndex, plans } = planColumns(mapping, header.names, header.line, capacity, errors);
  if (errors.length) return { ok: false, errors: errors.slice(0, maxErrors), truncated: errors.length > maxErrors };

  const numbers = numberReader(options.decimalSeparator ?? (header.delimiter === "," ? "." : null));
  const readNumber = numbers.read;
  const readTime = timeReader(mapping.time, readNumber);
  const times = new Float64Array(capacity);
  const timeName = mapping.time.column;
  let rowCount = 0;
  let previous = -Infinity;
  let blankLine: number | null = null;
  let truncated = false;

  for (const row of header.rows) {
    if (errors.length >= maxErrors) {
      truncated = true;
      break;
    }
    if (!("fields" in row)) {
      errors.push({ line: row.line, column: null, message: row.error });
      continue;
    }
    const fields = row.fields;
    if (isBlank(fields)) {
      blankLine ??= row.line;
      continue;
    }
    if (blankLine !== null) {
      errors.push({ line: blankLine, column: null, message: "A blank line inside the data: remove it, or everything after it." });
      blankLine = null;
    }
    if (fields.length !== header.names.length) {
      errors.push({ line: row.line, column: null, message: `${fields.length} fields where the header has ${header.names.length}.` });
      continue;
    }
    const rawTime = fields[timeIndex]!.trim();
    const t = rawTime === "" ? "No time." : readTime(rawTime, previous);
    if (typeof t === "string") errors.push({ line: row.line, column: timeName, message: t });
    else if (t < previous) {
      errors.push({ line: row.line, column: timeName, message: `Time goes backwards: ${new Date(t).toISOString()} comes after ${new Date(previous).toISOString()}.` });
    } else previous = t;
    times[rowCount] = typeof t === "number" ? t : NaN;

    for (const plan of plans) {
      const raw = fields[plan.index]!.trim();
      const problem = readValue(raw, plan, rowCount, readNumber);
      if (problem) errors.push({ line: row.line, column: plan.spec.column, message: problem });
    }
    rowCount++;
  }

  if (!errors.length && rowCount === 0) errors.push({ line: header.line, column: null, message: "The file has a header but no data rows." });
  if (errors.length) return { ok: false, errors: errors.slice(0, maxErrors), truncated: truncated || errors.length > maxErrors };

  const t = times.slice(0, rowCount);
  const temperatureKeyOf = (column: string | undefined) => mapping.columns.find((spec) => spec.column === column)?.key ?? null;
  return {
    ok: true,
    rowCount,
    headerLine: header.line,
    delimiter: header.delimiter,
    decimalSeparator: numbers.separator() ?? ".",
    series: plans.map(({ spec, sheOffsetMv, v, flags, limits }) => ({
      key: spec.key,
      kind: spec.kind,
      unit: spec.unit,
      method: spec.method,
      column: spec.column,
      referenceElectrode: spec.eh?.referenceElectrode ?? null,
      sheOffsetMv,
      temperatureKey: spec.key === "pH" ? temperatureKeyOf(spec.temperatureColumn) : null,
      points: { t, v: v.slice(0, rowCount), flags: flags.slice(0, rowCount), detectionLimit: limits?.slice(0, rowCount) ?? null },
    })),
  };
}
