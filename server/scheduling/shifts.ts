import { TZDate } from "@date-fns/tz";

/** How an endstation's day is cut into shifts, in the facility's time zone. */
export interface ShiftPattern {
  timeZone: string;
  shiftHours: number;
  shiftsPerDay: number;
  /** "HH:MM" local time of the first shift. */
  firstShiftStartsAt: string;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

function parseDate(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not a date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The instant at a local wall-clock time `minutes` after midnight of `date`
 * (may run past 24 h into the next days), in the zone.
 */
function wallClock(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  const dayOffset = Math.floor(minutes / 1440);
  const minuteOfDay = minutes - dayOffset * 1440;
  return new Date(new TZDate(y, m - 1, d + dayOffset, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime());
}

const firstShiftMinutes = (pattern: ShiftPattern) => {
  const [hh, mm] = pattern.firstShiftStartsAt.split(":").map(Number) as [number, number];
  return hh * 60 + mm;
};

/**
 * The instant shift `index` (0-based) of local day `date` starts. Shift
 * boundaries are local wall-clock times (08:00, 16:00, 00:00), as facilities
 * run them: on the days the clocks change one shift is an hour shorter or
 * longer, and shifts never overlap or leave gaps.
 */
export function shiftStart(date: string, index: number, pattern: ShiftPattern): Date {
  return wallClock(date, firstShiftMinutes(pattern) + index * pattern.shiftHours * 60, pattern.timeZone);
}

/** The instant shift `index` of `date` ends (the wall-clock time one shift later). */
export function shiftEnd(date: string, index: number, pattern: ShiftPattern): Date {
  return wallClock(date, firstShiftMinutes(pattern) + (index + 1) * pattern.shiftHours * 60, pattern.timeZone);
}

/** `count` consecutive shifts from shift `index` of `date`; they may run into the next days. */
export function slotFor(date: string, index: number, count: number, pattern: ShiftPattern): Slot {
  if (!Number.isInteger(index) || index < 0 || index >= pattern.shiftsPerDay) throw new RangeError(`Shift ${index + 1} does not exist; the day has ${pattern.shiftsPerDay}.`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError("Book at least one shift.");
  const last = index + count - 1;
  return { startsAt: shiftStart(date, index, pattern), endsAt: shiftEnd(addDays(date, Math.floor(last / pattern.shiftsPerDay)), last % pattern.shiftsPerDay, pattern) };
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** Local dates from `from` to `to` inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The local calendar date (YYYY-MM-DD) an instant falls on in the zone. */
export function localDateOf(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
}

/**
 * How many shifts start in [from, to): counted shift by shift on each local
 * calendar day, never by dividing elapsed hours by 24. The spring day has
 * 23 hours but all its shifts (one an hour short); the autumn day has 25
 * hours and no extra shift.
 */
export function shiftsBetween(from: Date, to: Date, pattern: ShiftPattern): number {
  if (to <= from) return 0;
  // A date's shifts start between its midnight and the next day's end (a day's shifts fit in 24 h), so
  // every date from two after `from`'s to two before `to`'s is whole; only the dates at either end are
  // checked shift by shift (from the day before `from`'s: its late shift may start after `from`).
  const first = addDays(localDateOf(from, pattern.timeZone), -1);
  const last = localDateOf(to, pattern.timeZone);
  const days = daysBetween(first, last);
  const edges = days.length <= 6 ? days : [...days.slice(0, 3), ...days.slice(-3)];
  let count = (days.length - edges.length) * pattern.shiftsPerDay;
  for (const day of edges) {
    for (let index = 0; index < pattern.shiftsPerDay; index++) {
      const start = shiftStart(day, index, pattern);
      if (start >= from && start < to) count++;
    }
  }
  return count;
}

/** The local date and shift index an instant falls in, or null if between shifts (a pattern with gaps). */
export function shiftAt(at: Date, pattern: ShiftPattern): { date: string; index: number } | null {
  const date = localDateOf(at, pattern.timeZone);
  for (const day of [addDays(date, -1), date]) {
    for (let index = 0; index < pattern.shiftsPerDay; index++) {
      if (at >= shiftStart(day, index, pattern) && at < shiftEnd(day, index, pattern)) return { date: day, index };
    }
  }
  return null;
}

/** Shift boundaries only: a booking must start and end where shifts do. */
export function isOnShiftBoundary(at: Date, pattern: ShiftPattern): boolean {
  const found = shiftAt(at, pattern);
  return found !== null && shiftStart(found.date, found.index, pattern).getTime() === at.getTime();
}

/** "14 May 2027 08:00–16:00 Europe/London" style label of a shift. */
export function shiftLabel(date: string, index: number, pattern: ShiftPattern): string {
  const { startsAt, endsAt } = slotFor(date, index, 1, pattern);
  const fmt = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: pattern.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: pattern.timeZone, day: "numeric", month: "short", year: "numeric" }).format(startsAt);
  return `${day} ${fmt(startsAt)}–${fmt(endsAt)} ${pattern.timeZone}`;
}

/** Local midnight at the start of `date` in the zone. */
export function localMidnight(date: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  return new Date(new TZDate(y, m - 1, d, 0, 0, timeZone).getTime());
}

/** "08:00–16:00": the local clock times of shift `index` on an ordinary day. */
export function shiftTimes(index: number, pattern: ShiftPattern): string {
  const [hh, mm] = pattern.firstShiftStartsAt.split(":").map(Number) as [number, number];
  const minutes = (v: number) => `${String(Math.floor(v / 60) % 24).padStart(2, "0")}:${String(v % 60).padStart(2, "0")}`;
  const start = hh * 60 + mm + index * pattern.shiftHours * 60;
  return `${minutes(start)}–${minutes(start + pattern.shiftHours * 60)}`;
}
