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
 */
import { z } from "zod";
import { checkUcum, convertUnit, quantityOf, type Quantity } from "./units";

export const SERIES_KINDS = ["ENVIRONMENT", "OUTLET_CHEMISTRY"] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/**
 * mV to add to a potential read against the electrode to express it against the
 * standard hydrogen electrode, at 25 °C. The offsets drift by about 1 mV/K: a
 * mapping can give its own offsetToSheMv (e.g. corrected to the probe temperature).
 */
export const SHE_OFFSET_MV: Readonly<Record<string, number>> = {
  SHE: 0,
  "Ag/AgCl (3 M KCl)": 210,
  "Ag/AgCl (3.5 M KCl)": 205,
  "Ag/AgCl (sat. KCl)": 197,
  "SCE (sat. KCl)": 241,
};

/** Bits of a point's flag. A flagged value is NaN. */
export const POINT_FLAG = { BELOW_DETECTION: 1, MISSING: 2 } as const;

const columnName = z.string().trim().min(1);
const timeColumnSchema = z.discriminatedUnion("format", [
  /** Timestamps with a UTC offset, "2026-11-27T10:15:00+01:00". */
  z.object({ format: z.literal("iso8601"), column: columnName }),
  /** Numbers counting from a start instant (ISO 8601 with offset). */
  z.object({ format: z.literal("elapsed"), column: columnName, unit: z.enum(["s", "min", "h"]), start: z.string() }),
  /** Wall-clock date-times of the instrument's clock, in an IANA time zone. */
  z.object({ format: z.literal("local"), column: columnName, timeZone: z.string(), dateOrder: z.enum(["YMD", "DMY", "MDY"]).default("YMD") }),
]);
const measuredColumnSchema = z.object({
  column: columnName,
  /** "Li", "SO4", "pH", "Eh", "flow_rate", "temperature", "confining_pressure"… */
  key: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_+\-/.]{0,39}$/, "A series key is a short name like Li, SO4, pH, Eh or flow_rate."),
  kind: z.enum(SERIES_KINDS),
  /** UCUM code, checked with units.ts. */
  unit: z.string(),
  /** ICP-OES, ICP-MS, IC, probe… */
  method: z.string().trim().default(""),
  /** Eh only: what the potential was measured against. */
  eh: z.object({ referenceElectrode: z.string().trim().min(1), valuesVsShe: z.boolean(), offsetToSheMv: z.number().finite().optional() }).optional(),
  /** pH only: the column holding the temperature the pH was read at (mapped as a temperature series). */
  temperatureColumn: columnName.optional(),
});
export const columnMappingSchema = z.object({ time: timeColumnSchema, columns: z.array(measuredColumnSchema).min(1) });
/** How one instrument's export maps to series; JSON, remembered per instrument by the caller. */
export type ColumnMapping = z.input<typeof columnMappingSchema>;
export type MeasuredColumn = z.input<typeof measuredColumnSchema>;
type Mapping = z.output<typeof columnMappingSchema>;
type Measured = z.output<typeof measuredColumnSchema>;

export interface ParseOptions {
  delimiter?: "," | ";" | "\t";
  decimalSeparator?: "." | ",";
  /** Stop after this many errors (default 20). */
  maxErrors?: number;
}
/** line: 1-based line in the file (null: about the mapping); column: the header name. */
export type ParseError = { line: number | null; column: string | null; message: string; suggestion?: string };
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

// ------------------------------------------------------------------ CSV records

type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

/** Records with the 1-based line they start on; a quoted field may hold the delimiter, "" and line breaks. */
function* csvRows(text: string, delimiter: string): Generator<CsvRow> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, text.charCodeAt(end - 1) === 13 && end > pos ? end - 1 : end);
    if (!raw.includes('"')) {
      yield { line, fields: raw.split(delimiter) };
      pos = end + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let i = pos;
    let error: string | null = null;
    for (;;) {
      let j = i;
      while (text[j] === " ") j++;
      let field = "";
      if (text[j] === '"') {
        i = j + 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            error = "A quoted field is not closed.";
            i = text.length;
            break;
          }
          const chunk = text.slice(i, quote);
          for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
          field += chunk;
          if (text[quote + 1] !== '"') {
            i = quote + 1;
            break;
          }
          field += '"';
          i = quote + 2;
        }
        while (!error && text[i] === " ") i++;
        if (!error && i < text.length && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
          error = `Unexpected ${JSON.stringify(text[i])} after a closing quote.`;
        }
      } else {
        let k = i;
        while (k < text.length && text[k] !== delimiter && text[k] !== "\n" && text[k] !== "\r") k++;
        field = text.slice(i, k);
        i = k;
      }
      if (error) break;
      fields.push(field);
      if (text[i] === delimiter) i++;
      else break;
    }
    if (error) {
      const next = text.indexOf("\n", i);
      i = next < 0 ? text.length : next;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    yield error ? { line: start, error } : { line: start, fields };
    pos = i;
    line++;
  }
}

const isBlank = (fields: string[]) => fields.every((field) => field.trim() === "");

/** The header row: the first of the first 50 lines that names the time column, with the delimiter that splits it into most fields. */
function findHeader(text: string, timeColumn: string, delimiter?: string) {
  let best: { rows: Generator<CsvRow>; delimiter: string; line: number; names: string[] } | null = null;
  for (const candidate of delimiter ? [delimiter] : ["\t", ";", ","]) {
    const rows = csvRows(text, candidate);
    for (let n = 0; n < 50; n++) {
      const row = rows.next();
      if (row.done) break;
      if (!("fields" in row.value)) continue;
      const names = row.value.fields.map((field) => field.trim());
      if (names.length > 1 && names.includes(timeColumn)) {
        if (!best || names.length > best.names.length) best = { rows, delimiter: candidate, line: row.value.line, names };
        break;
      }
    }
  }
  return best;
}

// ------------------------------------------------------------------ time

const HOUR_MS = 3_600_000;
const LOCAL_DATE_TIME = {
  YMD: /^(?<y>\d{4})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})[T ]\s*(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?$/,
  DMY: /^(?<d>\d{1,2})[-/.](?<m>\d{1,2})[-/.](?<y>\d{4})[T ,]\s*(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?$/,
  MDY: /^(?<m>\d{1,2})[-/.](?<d>\d{1,2})[-/.](?<y>\d{4})[T ,]\s*(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?$/,
} as const;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** A wall-clock reading as if it were UTC, or NaN when no such date-time exists (30 February, 24:10). */
function wallClockMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = (DAYS_IN_MONTH[mo - 1] ?? 0) + (leap ? 1 : 0);
  if (!(d >= 1 && d <= days && h <= 23 && mi <= 59 && s <= 59 && ms >= 0)) return NaN;
  // Days since 1970-01-01 (H. Hinnant's days_from_civil): a million rows make Date.UTC show in profiles.
  const year = mo <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146_097 + dayOfEra - 719_468) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

const fractionToMs = (fraction: string | undefined) => (fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);

/** The number written by `count` ASCII digits at `from`, NaN if any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Epoch ms of an ISO 8601 date-time with a UTC offset: "2026-11-27T10:15:00+01:00",
 * "2026-11-27 10:15:00.250Z", "2026-11-27T10:15-0330". NaN without an offset or when the
 * date does not exist. Read character by character: it runs once per row.
 */
export function parseIsoInstant(value: string): number {
  const n = value.length;
  if (n < 17 || value[4] !== "-" || value[7] !== "-" || (value[10] !== "T" && value[10] !== " ") || value[13] !== ":") return NaN;
  let i = 16;
  let second = 0;
  let ms = 0;
  if (value[i] === ":") {
    second = digitsAt(value, i + 1, 2);
    i += 3;
    if (value[i] === "." || value[i] === ",") {
      const from = ++i;
      let fraction = 0;
      for (let scale = 100; i < n && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57; i++, scale /= 10) fraction += (value.charCodeAt(i) - 48) * scale;
      if (i === from || i - from > 9) return NaN;
      ms = Math.round(fraction);
    }
  }
  while (value[i] === " ") i++;
  let offsetMinutes: number;
  if ((value[i] === "Z" || value[i] === "z") && i === n - 1) offsetMinutes = 0;
  else if (value[i] === "+" || value[i] === "-") {
    const sign = value[i] === "-" ? -1 : 1;
    let j = i + 3;
    if (value[j] === ":") j++;
    const rest = n - j;
    if (rest !== 0 && rest !== 2) return NaN;
    offsetMinutes = sign * (digitsAt(value, i + 1, 2) * 60 + (rest ? digitsAt(value, j, 2) : 0));
  } else return NaN;
  const wall = wallClockMs(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2), digitsAt(value, 11, 2), digitsAt(value, 14, 2), second, ms);
  return wall - offsetMinutes * 60_000;
}

/**
 * The zone's UTC offset at an instant. Offsets are looked up once per quarter hour
 * (every zone changes offset on a quarter hour today), so a million rows cost a few Intl calls.
 */
function zoneOffsets(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const cache = new Map<number, number>();
  return (utcMs) => {
    const bucket = Math.floor(utcMs / (HOUR_MS / 4));
    let offset = cache.get(bucket);
    if (offset === undefined) {
      const at = bucket * (HOUR_MS / 4);
      const part = Object.fromEntries(format.formatToParts(at).map(({ type, value }) => [type, Number(value)]));
      offset = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!) - at;
      cache.set(bucket, offset);
    }
    return offset;
  };
}

/**
 * A wall-clock time in a zone → UTC. In the hour repeated when clocks go back, the
 * reading that keeps time moving forward is chosen; a time skipped when clocks go
 * forward does not exist (null).
 */
function wallToUtc(wall: number, previous: number, offsetAt: (utcMs: number) => number): number | null {
  const before = offsetAt(wall - 14 * HOUR_MS);
  const after = offsetAt(wall + 12 * HOUR_MS);
  const candidates = (before === after ? [before] : [before, after]).map((offset) => wall - offset).filter((utc) => wall - offsetAt(utc) === utc);
  candidates.sort((a, b) => a - b);
  return candidates.find((utc) => utc >= previous) ?? candidates[0] ?? null;
}

function timeReader(time: Mapping["time"], decimal: (raw: string) => number | string): (raw: string, previous: number) => number | string {
  if (time.format === "iso8601") {
    return (raw) => {
      const ms = parseIsoInstant(raw);
      if (!Number.isNaN(ms)) return ms;
      return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(raw)
        ? `"${raw}" has no UTC offset: map the column as local time in the instrument's time zone.`
        : `"${raw}" is not an ISO 8601 date-time with a UTC offset (like 2026-11-27T10:15:00+01:00).`;
    };
  }
  if (time.format === "elapsed") {
    const start = parseIsoInstant(time.start);
    const unitMs = { s: 1000, min: 60_000, h: HOUR_MS }[time.unit];
    return (raw) => {
      const value = decimal(raw);
      return typeof value === "string" ? value : start + value * unitMs;
    };
  }
  const pattern = LOCAL_DATE_TIME[time.dateOrder];
  const offsetAt = zoneOffsets(time.timeZone);
  const shape = { YMD: "YYYY-MM-DD hh:mm:ss", DMY: "DD.MM.YYYY hh:mm:ss", MDY: "MM/DD/YYYY hh:mm:ss" }[time.dateOrder];
  return (raw, previous) => {
    const g = pattern.exec(raw)?.groups;
    if (!g) return `"${raw}" is not a date-time like ${shape}.`;
    const wall = wallClockMs(+g.y!, +g.m!, +g.d!, +g.h!, +g.mi!, +(g.s ?? 0), fractionToMs(g.f));
    if (Number.isNaN(wall)) return `"${raw}" is not a real date-time.`;
    return wallToUtc(wall, previous, offsetAt) ?? `"${raw}" does not exist in ${time.timeZone} (the clocks went forward).`;
  };
}

// ------------------------------------------------------------------ values

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BELOW_DETECTION_WORD = /^(n\.?\s?d\.?|b\.?d\.?l\.?|<\s*(lod|loq|dl|ld|bdl|nwg))$/i;
const MISSING_WORD = /^(n\.?\s?a\.?|-+|—|nan)$/i;
const CONCENTRATIONS: readonly Quantity[] = ["mass_concentration", "amount_concentration", "equivalent_concentration", "mass_fraction"];
/** What each well-known key measures; other outlet-chemistry keys (Li, SO4, alkalinity…) are concentrations. */
const QUANTITY_OF_KEY: Readonly<Record<string, Quantity>> = {
  pH: "pH",
  Eh: "electric_potential",
  temperature: "temperature",
  flow_rate: "flow_rate",
  confining_pressure: "pressure",
  pore_pressure: "pressure",
  differential_stress: "pressure",
  conductivity: "conductivity",
};

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Reads decimal numbers with "." or ",", whichever the file uses: the first one
 * seen decides, and a number with the other is refused. Scanned by hand because
 * it runs for every cell: up to 15 digits, mantissa / 10^k is exact and correctly
 * rounded (both are exact doubles); longer numbers and exponents go to Number().
 */
function numberReader(initial: "." | "," | null) {
  let decimal = initial;
  const read = (raw: string): number | string => {
    const n = raw.length;
    let i = raw.charCodeAt(0) === 45 || raw.charCodeAt(0) === 43 ? 1 : 0;
    let mantissa = 0;
    let digits = 0;
    let fractionDigits = 0;
    let separator = "";
    let exponent = false;
    for (; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (separator) fractionDigits++;
      } else if ((c === 46 || c === 44) && !separator) separator = raw[i]!;
      else if (c === 46 || c === 44) return `"${raw}" has both "," and ".": thousands separators are not accepted.`;
      else if ((c === 101 || c === 69) && digits > 0) {
        exponent = true;
        break;
      } else return `"${raw}" is not a number.`;
    }
    if (digits === 0) return `"${raw}" is not a number.`;
    if (separator && decimal && separator !== decimal) {
      return separator === "," ? `"${raw}" has a decimal comma, but this file uses decimal points.` : `"${raw}" has a decimal point, but this file uses decimal commas.`;
    }
    if (separator) decimal = separator as "." | ",";
    if (!exponent && digits <= 15) return (raw.charCodeAt(0) === 45 ? -mantissa : mantissa) / POWERS_OF_TEN[fractionDigits]!;
    const written = separator === "," ? raw.replace(",", ".") : raw;
    if (!NUMBER.test(written)) return `"${raw}" is not a number.`;
    const value = Number(written);
    return Number.isFinite(value) ? value : `"${raw}" is too large.`;
  };
  return { read, separator: () => decimal };
}

interface ColumnPlan {
  spec: Measured;
  index: number;
  /** Added to every value: the Eh reference electrode's offset to SHE, in the column's unit. */
  offset: number;
  sheOffsetMv: number | null;
  min: number;
  max: number;
  rangeMessage: string;
  v: Float64Array;
  flags: Uint8Array;
  limits: Float64Array | null;
}

/** Checks the mapping against the header: columns exist once, units are UCUM and fit the key, Eh has its reference. */
function planColumns(mapping: Mapping, names: string[], headerLine: number, capacity: number, errors: ParseError[]) {
  const indexOf = (column: string) => {
    const found = names.flatMap((name, i) => (name === column ? [i] : []));
    if (found.length === 0) errors.push({ line: headerLine, column, message: `The header has no column "${column}".` });
    if (found.length > 1) errors.push({ line: headerLine, column, message: `The header has ${found.length} columns named "${column}".` });
    return found.length === 1 ? found[0]! : -1;
  };
  const timeIndex = indexOf(mapping.time.column);
  if (mapping.time.format === "elapsed" && Number.isNaN(parseIsoInstant(mapping.time.start))) {
    errors.push({ line: null, column: mapping.time.column, message: `The start instant "${mapping.time.start}" is not an ISO 8601 date-time with a UTC offset.` });
  }
  if (mapping.time.format === "local") {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: mapping.time.timeZone });
    } catch {
      errors.push({ line: null, column: mapping.time.column, message: `"${mapping.time.timeZone}" is not an IANA time zone (like Europe/London).` });
    }
  }
  const plans: ColumnPlan[] = [];
  const keys = new Set<string>();
  for (const spec of mapping.columns) {
    const at = (message: string, suggestion?: string) => errors.push({ line: headerLine, column: spec.column, message, ...(suggestion ? { suggestion } : {}) });
    const index = indexOf(spec.column);
    if (index === timeIndex && index >= 0) at("The time column cannot also be a series.");
    if (keys.has(spec.key)) at(`Two columns are mapped to the series "${spec.key}".`);
    keys.add(spec.key);
    const unit = checkUcum(spec.unit);
    if (!unit.ok) {
      at(unit.message, unit.suggestion);
      continue;
    }
    const expected = Object.hasOwn(QUANTITY_OF_KEY, spec.key) ? QUANTITY_OF_KEY[spec.key] : undefined;
    if (expected ? unit.quantity !== expected : spec.kind === "OUTLET_CHEMISTRY" && !CONCENTRATIONS.includes(unit.quantity)) {
      at(`"${spec.unit}" is a ${unit.quantity.replace(/_/g, " ")} unit, not one for ${spec.key}.`);
      continue;
    }
    let offset = 0;
    let sheOffsetMv: number | null = null;
    if (spec.key === "Eh") {
      const electrode = spec.eh?.referenceElectrode;
      const known = electrode && Object.hasOwn(SHE_OFFSET_MV, electrode) ? SHE_OFFSET_MV[electrode] : undefined;
      sheOffsetMv = spec.eh?.valuesVsShe ? 0 : (spec.eh?.offsetToSheMv ?? known ?? null);
      if (!spec.eh) at("Eh needs its reference electrode, and whether the values are already against SHE.");
      else if (sheOffsetMv === null) at(`No offset to SHE is known for "${electrode}": give offsetToSheMv (known: ${Object.keys(SHE_OFFSET_MV).join(", ")}).`);
      else offset = convertUnit(sheOffsetMv, "mV", spec.unit)!;
    } else if (spec.eh) at("Only the Eh series takes a reference electrode.");
    if (spec.temperatureColumn !== undefined) {
      const temperature = mapping.columns.find((other) => other.column === spec.temperatureColumn);
      if (spec.key !== "pH") at("Only the pH series takes a temperature column.");
      else if (!temperature || quantityOf(temperature.unit) !== "temperature") at(`The pH temperature column "${spec.temperatureColumn}" must be mapped as a temperature series.`);
    }
    const range = valueRange(spec.key, unit.quantity, spec.unit);
    plans.push({ spec, index, offset, sheOffsetMv, ...range, v: new Float64Array(capacity), flags: new Uint8Array(capacity), limits: null });
  }
  return { timeIndex, plans };
}

function valueRange(key: string, quantity: Quantity, unit: string): { min: number; max: number; rangeMessage: string } {
  if (quantity === "pH") return { min: 0, max: 14, rangeMessage: "is outside the pH scale 0–14." };
  if (quantity === "temperature") return { min: convertUnit(0, "K", unit)!, max: Infinity, rangeMessage: "is below absolute zero." };
  if (CONCENTRATIONS.includes(quantity)) return { min: 0, max: Infinity, rangeMessage: `is a negative concentration: write it as below detection (like <0.01).` };
  return { min: -Infinity, max: Infinity, rangeMessage: "" };
}

// ------------------------------------------------------------------ parse

export function parseSeriesCsv(text: string, mappingInput: ColumnMapping, options: ParseOptions = {}): ParseResult {
  const maxErrors = options.maxErrors ?? 20;
  const checked = columnMappingSchema.safeParse(mappingInput);
  if (!checked.success) {
    const errors = checked.error.issues.map((issue) => ({ line: null, column: null, message: `${issue.path.join(".")}: ${issue.message}` }));
    return { ok: false, errors: errors.slice(0, maxErrors), truncated: errors.length > maxErrors };
  }
  const mapping = checked.data;
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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

/** Stores one cell in the plan's arrays at `row`; returns what is wrong with it, if anything. */
function readValue(raw: string, plan: ColumnPlan, row: number, readNumber: (raw: string) => number | string): string | null {
  plan.v[row] = NaN;
  const startsWithDigit = raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57; // most cells: skip the marker checks
  if (!startsWithDigit && (raw === "" || MISSING_WORD.test(raw))) {
    plan.flags[row] = POINT_FLAG.MISSING;
    return null;
  }
  const belowDetection = !startsWithDigit && (raw.startsWith("<") || BELOW_DETECTION_WORD.test(raw));
  if (belowDetection) {
    if (plan.spec.kind !== "OUTLET_CHEMISTRY") return `"${raw}": a detection limit only makes sense for outlet chemistry.`;
    const limit = BELOW_DETECTION_WORD.test(raw) ? NaN : readNumber(raw.slice(1).trim());
    if (typeof limit === "string") return limit;
    plan.flags[row] = POINT_FLAG.BELOW_DETECTION;
    if (!Number.isNaN(limit)) {
      plan.limits ??= new Float64Array(plan.v.length).fill(NaN);
      plan.limits[row] = limit;
    }
    return null;
  }
  if (raw.startsWith(">")) return `"${raw}" is above the instrument's range: only values and below-detection markers (<0.01, n.d.) are accepted.`;
  const value = readNumber(raw);
  if (typeof value === "string") return value;
  const stored = value + plan.offset;
  if (stored < plan.min || stored > plan.max) return `${raw} ${plan.rangeMessage}`;
  plan.v[row] = stored;
  plan.flags[row] = 0;
  return null;
}

// ------------------------------------------------------------------ suggested mapping

export type SuggestedTime =
  | { column: string; format: "iso8601" }
  | { column: string; format: "elapsed"; unit: "s" | "min" | "h"; start: null }
  | { column: string; format: "local"; timeZone: null; dateOrder: "YMD" | "DMY" | "MDY" };
export type SuggestedColumn = Omit<MeasuredColumn, "unit"> & { unit: string | null };
/** A first guess for the UI to pre-fill; notes say what the user must still decide. */
export interface MappingSuggestion {
  time: SuggestedTime | null;
  columns: SuggestedColumn[];
  unrecognised: string[];
  notes: string[];
}

const ELEMENTS = new Set(
  ("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe " +
    "Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U").split(" "),
);
const ION_NAMES: Readonly<Record<string, string>> = {
  fluoride: "F", chloride: "Cl", bromide: "Br", nitrite: "NO2", nitrate: "NO3", sulfate: "SO4", sulphate: "SO4",
  phosphate: "PO4", bicarbonate: "HCO3", carbonate: "CO3", ammonium: "NH4",
};
const ION = /^(F|Cl|Br|NO2|NO3|SO4|PO4|HCO3|CO3|NH4)\s*(\d?[+-]|[+-]\d?)?$/;
const OES_LINE = /^([A-Z][a-z]?)\s*(\d{2,3}\.\d{1,4})(\s*nm)?$/;
const MS_ISOTOPE = /^(?:(\d{1,3})\s*([A-Z][a-z]?)|([A-Z][a-z]?)\s*(\d{1,3}))$/;

/** Proposes a mapping from header names like "Elapsed (min)", "Li 670.784 (mg/L)", "Eh (mV)", "Flow rate [mL/min]", "T (°C)". */
export function suggestMapping(header: string | readonly string[], firstRow?: readonly string[]): MappingSuggestion {
  const names = typeof header === "string" ? splitHeaderLine(header) : header.map((name) => name.trim());
  const suggestion: MappingSuggestion = { time: null, columns: [], unrecognised: [], notes: [] };
  names.forEach((name, i) => {
    if (!name) return;
    const unitMatch = /^(.*?)\s*[([]([^()[\]]+)[)\]]\s*$/.exec(name);
    const label = (unitMatch?.[1] ?? name).trim();
    const unit = unitMatch ? headerUnit(unitMatch[2]!.trim(), name, suggestion.notes) : null;
    const time = suggestion.time ? null : suggestTime(name, label, unit, firstRow?.[i]?.trim(), suggestion.notes);
    if (time) suggestion.time = time;
    else {
      const column = suggestColumn(name, label, unit, suggestion.notes);
      if (column) suggestion.columns.push(column);
      else suggestion.unrecognised.push(name);
    }
  });
  const pH = suggestion.columns.find((column) => column.key === "pH");
  const temperatures = suggestion.columns.filter((column) => column.key === "temperature");
  if (pH && temperatures.length === 1) {
    pH.temperatureColumn = temperatures[0]!.column;
    suggestion.notes.push(`pH is taken as read at "${temperatures[0]!.column}": check it is the probe's temperature.`);
  }
  return suggestion;
}

function splitHeaderLine(line: string): string[] {
  const counts = (["\t", ";", ","] as const).map((delimiter) => [delimiter, line.split(delimiter).length] as const);
  const [delimiter] = counts.reduce((best, next) => (next[1] > best[1] ? next : best));
  const first = csvRows(line.replace(/^\uFEFF/, ""), delimiter).next();
  return !first.done && "fields" in first.value ? first.value.fields.map((field) => field.trim()) : [];
}

function headerUnit(written: string, name: string, notes: string[]): string | null {
  const check = checkUcum(written);
  if (check.ok) return check.code;
  if (check.suggestion) {
    notes.push(`"${name}": ${check.message}`);
    return check.suggestion;
  }
  return null;
}

function suggestTime(name: string, label: string, unit: string | null, sample: string | undefined, notes: string[]): SuggestedTime | null {
  if ((unit === "s" || unit === "min" || unit === "h") && /elapsed|time|^t$|duration|run ?time|zeit|dauer/i.test(label)) {
    notes.push(`"${name}": elapsed time; set the instant it counts from.`);
    return { column: name, format: "elapsed", unit, start: null };
  }
  if (!/^(date|time|date ?\/? ?time|date and time|datetime|time ?stamp|zeit|datum|datum ?\/? ?zeit)$/i.test(label)) return null;
  if (sample && !Number.isNaN(parseIsoInstant(sample))) return { column: name, format: "iso8601" };
  const order = !sample ? null : LOCAL_DATE_TIME.YMD.test(sample) ? "YMD" : LOCAL_DATE_TIME.DMY.test(sample) ? "DMY" : null;
  if (order) {
    notes.push(`"${name}": local time without a UTC offset; set the instrument clock's time zone.`);
    if (order === "DMY" && sample?.includes("/")) notes.push(`"${name}": read as day/month/year; choose month/day/year if the instrument is set up that way.`);
    return { column: name, format: "local", timeZone: null, dateOrder: order };
  }
  if (sample && NUMBER.test(sample.replace(",", "."))) {
    notes.push(`"${name}": numbers, read as elapsed seconds; set the unit and the instant they count from.`);
    return { column: name, format: "elapsed", unit: "s", start: null };
  }
  notes.push(`"${name}": check the time format.`);
  return { column: name, format: "iso8601" };
}

function suggestColumn(name: string, label: string, unit: string | null, notes: string[]): SuggestedColumn | null {
  const quantity = unit ? quantityOf(unit) : null;
  const base = { column: name, unit, method: "" };
  const environment = (key: string): SuggestedColumn => ({ ...base, key, kind: "ENVIRONMENT" });
  if (/^ph$/i.test(label)) return { ...base, key: "pH", kind: "OUTLET_CHEMISTRY", unit: unit ?? "[pH]", method: "probe" };
  if (/^(eh|orp|redox)\b/i.test(label)) {
    const vsShe = /\bshe\b/i.test(name);
    if (!vsShe) notes.push(`"${name}": set the reference electrode (Eh is stored against SHE).`);
    return { ...base, key: "Eh", kind: "OUTLET_CHEMISTRY", unit: unit ?? "mV", method: "probe", ...(vsShe ? { eh: { referenceElectrode: "SHE", valuesVsShe: true } } : {}) };
  }
  if (/conductiv|^ec$|^cond\.?$/i.test(label) || quantity === "conductivity") return { ...base, key: "conductivity", kind: "OUTLET_CHEMISTRY", method: "probe" };
  if (/flow/i.test(label) || quantity === "flow_rate") return environment("flow_rate");
  if (/confin|^pc$|cell pressure/i.test(label)) return environment("confining_pressure");
  if (/pore|^pp$|back ?pressure/i.test(label)) return environment("pore_pressure");
  if (/diff\w*\.? ?stress|deviator|^q$|Δσ/i.test(label)) return environment("differential_stress");
  if (/^(t|temp\.?|temperature)\b/i.test(label) || quantity === "temperature") return environment("temperature");
  if (quantity && !CONCENTRATIONS.includes(quantity)) return null;

  const chemistry = (key: string, method: string): SuggestedColumn => {
    if (!unit) notes.push(`"${name}": no unit in the header; set it.`);
    return { ...base, key, kind: "OUTLET_CHEMISTRY", method };
  };
  const ion = ION.exec(label)?.[1] ?? (Object.hasOwn(ION_NAMES, label.toLowerCase()) ? ION_NAMES[label.toLowerCase()] : undefined);
  if (ion) return chemistry(ion, "IC");
  const line = OES_LINE.exec(label);
  if (line && ELEMENTS.has(line[1]!)) return chemistry(line[1]!, "ICP-OES");
  const isotope = MS_ISOTOPE.exec(label);
  const isotopeElement = isotope?.[2] ?? isotope?.[3];
  if (isotopeElement && ELEMENTS.has(isotopeElement)) return chemistry(isotopeElement, "ICP-MS");
  if (ELEMENTS.has(label)) return chemistry(label, "");
  return null;
}

// ------------------------------------------------------------------ display

/**
 * At most maxPoints points for a chart: the series is cut into maxPoints / 2 runs
 * of consecutive points and each run keeps its minimum and maximum (in time
 * order), so spikes survive. NaN points (below detection, missing) are skipped.
 */
export function downsampleSeries(t: Float64Array, v: Float64Array, maxPoints: number): { t: Float64Array; v: Float64Array } {
  if (maxPoints < 2) throw new RangeError("maxPoints must be at least 2.");
  const n = t.length;
  if (n <= maxPoints) return { t, v };
  const buckets = Math.floor(maxPoints / 2);
  const outT = new Float64Array(buckets * 2);
  const outV = new Float64Array(buckets * 2);
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    const to = Math.floor(((b + 1) * n) / buckets);
    let low = -1;
    let high = -1;
    for (let i = Math.floor((b * n) / buckets); i < to; i++) {
      const value = v[i]!;
      if (Number.isNaN(value)) continue;
      if (low < 0 || value < v[low]!) low = i;
      if (high < 0 || value > v[high]!) high = i;
    }
    if (low < 0) continue;
    for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) {
      outT[count] = t[i]!;
      outV[count++] = v[i]!;
    }
  }
  return { t: outT.slice(0, count), v: outV.slice(0, count) };
}
