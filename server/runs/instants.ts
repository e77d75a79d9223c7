import { invalid } from "../errors";
import { instantIn } from "../time";

/** A form's date and time as an instant in the facility's zone, or a refusal beside its field. */
export function instantOf(value: Date | string, timeZone: string, field: string): Date {
  const at = instantIn(value, timeZone);
  if (!at) throw invalid("Give a date and time, e.g. 2027-03-01T09:30.", field);
  return at;
}

/** Start and (optional) end, the end after the start. */
export function spanOf(start: Date | string, end: Date | string | null, timeZone: string, fields: [string, string], what: string): { start: Date; end: Date | null } {
  const from = instantOf(start, timeZone, fields[0]);
  const to = end === null ? null : instantOf(end, timeZone, fields[1]);
  if (to && to <= from) throw invalid(`${what} ends after it starts.`, fields[1]);
  return { start: from, end: to };
}
