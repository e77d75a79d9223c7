/**
 * Reading the time column: ISO 8601 instants with a UTC offset, elapsed time
 * from a start instant, or the instrument clock's wall-clock time in an IANA
 * zone (the hour repeated when clocks go back is resolved forwards; a time
 * skipped when they go forward is refused). Everything ends as epoch ms.
 */
import type { Mapping } from "./series-mapping";

const HOUR_MS = 3_600_000;
export const LOCAL_DATE_TIME = {
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

/** Reads the mapping's time column: epoch ms, or what is wrong with the cell. `previous` resolves the repeated hour. */
export function timeReader(time: Mapping["time"], decimal: (raw: string) => number | string): (raw: string, previous: number) => number | string {
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
