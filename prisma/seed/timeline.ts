// The demo world is laid out relative to the day it is seeded, so a demo or a
// test run on any date finds an open call, an upcoming consortium block and
// approved requests waiting for their shifts.
//
// The seed's dates are written as the world was drawn: on Friday
// 27 November 2026, five weeks before its first cycle (2027-1) starts on
// 1 January 2027. A timeline moves them to the seeding day:
//   - what happens around the seeding day (submissions, reviews, signatures,
//     the open call's opening and closing) moves by whole weeks, so it keeps
//     its weekday and its distance from today, within six days;
//   - what is planned (cycles, their calls, date windows, the block's
//     placement, reporting dates, the programme) moves by whole half-years,
//     so cycles still start on 1 January and 1 July, and the first one is the
//     next to start after the seeding day.
import { addDays, addMonths, differenceInCalendarDays, format } from "date-fns";
import { TZDate } from "@date-fns/tz";
import { clock } from "../../server/clock";

/** The day the seed's dates were written for, and the first cycle's start then. */
const drawnOn = { year: 2026, month: 11, day: 27 };
const firstCycleThen = { year: 2027, month: 1 };

export interface DemoTimeline {
  /** Whole weeks what happens around the seeding day moves by. */
  readonly weeks: number;
  /** Whole half-years planned things move by. */
  readonly halfYears: number;
  /** A wall-clock time as drawn (default year 2026), in `timeZone`, moved with the seeding day. */
  aroundToday(timeZone: string, month: number, day: number, hours?: number, minutes?: number, year?: number): Date;
  /** A UTC instant as drawn, moved like `aroundToday`. */
  aroundTodayAt(iso: string): Date;
  /** Local midnight of a planned day as drawn, in `timeZone`. */
  planned(timeZone: string, year: number, month: number, day: number): Date;
  /** A planned "yyyy-mm-dd" as drawn, moved. */
  plannedDate(iso: string): string;
  /** A cycle's name as drawn ("2027-1"), as it is called after the move ("2028-2"). */
  cycle(drawnName: string): string;
  /** The calendar year the seeding day falls in. */
  readonly year: number;
}

function localMidnight(timeZone: string, year: number, month: number, day: number): Date {
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

/** The timeline for a world seeded at `now` (UTC calendar days; the demo's zones are within two hours of UTC). */
export function demoTimeline(now: Date = clock.now()): DemoTimeline {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const drawn = new Date(Date.UTC(drawnOn.year, drawnOn.month - 1, drawnOn.day));
  const weeks = Math.floor(differenceInCalendarDays(today, drawn) / 7);
  // The first cycle is the next one to start after today: 1 January or 1 July.
  const nextStartYear = today.getUTCMonth() < 6 ? today.getUTCFullYear() : today.getUTCFullYear() + 1;
  const nextStartMonth = today.getUTCMonth() < 6 ? 7 : 1;
  const halfYears = (nextStartYear - firstCycleThen.year) * 2 + (nextStartMonth - firstCycleThen.month) / 6;
  const months = halfYears * 6;

  const moveDay = (year: number, month: number, day: number) => addMonths(new Date(Date.UTC(year, month - 1, day)), months);

  return {
    weeks,
    halfYears,
    year: today.getUTCFullYear(),
    aroundToday(timeZone, month, day, hours = 0, minutes = 0, year = 2026) {
      const moved = addDays(new Date(Date.UTC(year, month - 1, day)), weeks * 7);
      const midnight = localMidnight(timeZone, moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
      // Wall-clock time on that local day (no demo event falls in a clock-change hour).
      return new Date(new TZDate(midnight.getTime(), timeZone).setHours(hours, minutes, 0, 0));
    },
    aroundTodayAt(iso) {
      return addDays(new Date(iso), weeks * 7);
    },
    planned(timeZone, year, month, day) {
      const moved = moveDay(year, month, day);
      return localMidnight(timeZone, moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
    },
    plannedDate(iso) {
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      const moved = moveDay(y, m, d);
      return format(new TZDate(moved.getTime(), "UTC"), "yyyy-MM-dd");
    },
    cycle(drawnName) {
      const match = /^(\d{4})-([12])$/.exec(drawnName);
      if (!match) throw new Error(`Demo world: not a cycle name: ${drawnName}`);
      const index = Number(match[1]) * 2 + Number(match[2]) - 1 + halfYears;
      return `${Math.floor(index / 2)}-${(index % 2) + 1}`;
    },
  };
}
