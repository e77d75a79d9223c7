import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";

/** "14 May 2027" in the facility's zone. */
export function formatFacilityDate(at: Date, timeZone: string): string {
  return format(at, "d MMM yyyy", { in: tz(timeZone) });
}

/** "14 May 2027 08:00 Europe/London": times always name their zone. */
export function formatFacilityDateTime(at: Date, timeZone: string): string {
  return `${format(at, "d MMM yyyy HH:mm", { in: tz(timeZone) })} ${timeZone}`;
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant from a form: a Date or ISO 8601 string with its offset as it is,
 * or a local date and time without one ("2027-03-01T09:30", what a
 * datetime-local field sends) read in the facility's zone. Null when the text
 * is neither.
 */
export function instantIn(value: Date | string, timeZone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const local = localDateTime.exec(value);
  if (local) {
    const [y, mo, d, h, mi] = local.slice(1, 6).map(Number) as [number, number, number, number, number];
    const at = new TZDate(y, mo - 1, d, h, mi, local[6] ? Number(local[6]) : 0, timeZone);
    return Number.isNaN(at.getTime()) ? null : new Date(at.getTime());
  }
  const parsed = new Date(value);
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) ? parsed : null;
}

/** "2027-03-01T09:30": an instant as a datetime-local field shows it, in the facility's zone. */
export function localInputValue(at: Date, timeZone: string): string {
  return format(at, "yyyy-MM-dd'T'HH:mm", { in: tz(timeZone) });
}
