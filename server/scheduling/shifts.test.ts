import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isOnShiftBoundary, localMidnight, shiftAt, shiftLabel, shiftsBetween, shiftStart, shiftTimes, slotFor, type ShiftPattern } from "./shifts";

const london: ShiftPattern = { timeZone: "Europe/London", shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "08:00" };
const berlin4h: ShiftPattern = { timeZone: "Europe/Berlin", shiftHours: 4, shiftsPerDay: 6, firstShiftStartsAt: "00:00" };

describe("shift arithmetic", () => {
  it("places shifts in the facility's zone, in winter and in summer", () => {
    expect(shiftStart("2027-01-14", 0, london).toISOString()).toBe("2027-01-14T08:00:00.000Z");
    expect(shiftStart("2027-05-14", 0, london).toISOString()).toBe("2027-05-14T07:00:00.000Z");
    expect(shiftStart("2027-05-14", 2, london).toISOString()).toBe("2027-05-14T23:00:00.000Z");
    expect(shiftStart("2027-05-14", 1, berlin4h).toISOString()).toBe("2027-05-14T02:00:00.000Z");
  });

  it("runs multi-shift slots across midnight and days", () => {
    const slot = slotFor("2027-05-14", 1, 4, london);
    expect(slot.startsAt.toISOString()).toBe("2027-05-14T15:00:00.000Z");
    expect(slot.endsAt.toISOString()).toBe("2027-05-15T23:00:00.000Z");
  });

  it("keeps the first shift at 08:00 local on the day the clocks change", () => {
    expect(shiftStart("2027-03-28", 0, london).toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(shiftStart("2027-03-27", 0, london).toISOString()).toBe("2027-03-27T08:00:00.000Z");
  });

  it("keeps shift boundaries on the local clock when the clocks change: one shift is shorter or longer, none overlap", () => {
    const midnight: ShiftPattern = { ...london, firstShiftStartsAt: "00:00" };
    const spring = [0, 1, 2].map((i) => slotFor("2027-03-28", i, 1, midnight));
    expect(spring.map((s) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000)).toEqual([7, 8, 8]);
    expect(spring[2]!.endsAt.getTime()).toBe(slotFor("2027-03-29", 0, 1, midnight).startsAt.getTime());
    const autumn = [0, 1, 2].map((i) => slotFor("2027-10-31", i, 1, midnight));
    expect(autumn.map((s) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000)).toEqual([9, 8, 8]);
    expect(slotFor("2027-10-30", 2, 1, midnight).endsAt.getTime()).toBe(autumn[0]!.startsAt.getTime());
  });

  it("refuses shifts that do not exist", () => {
    expect(() => slotFor("2027-05-14", 3, 1, london)).toThrow("Shift 4 does not exist");
    expect(() => slotFor("2027-05-14", 0, 0, london)).toThrow("at least one shift");
  });

  it("finds the shift an instant falls in, and shift boundaries", () => {
    expect(shiftAt(new Date("2027-05-15T01:00:00Z"), london)).toEqual({ date: "2027-05-14", index: 2 });
    expect(isOnShiftBoundary(new Date("2027-05-14T15:00:00Z"), london)).toBe(true);
    expect(isOnShiftBoundary(new Date("2027-05-14T15:30:00Z"), london)).toBe(false);
  });

  it("knows local midnight and the clock times of each shift", () => {
    expect(localMidnight("2027-05-14", "Europe/London").toISOString()).toBe("2027-05-13T23:00:00.000Z");
    expect([0, 1, 2].map((i) => shiftTimes(i, london))).toEqual(["08:00–16:00", "16:00–00:00", "00:00–08:00"]);
  });

  it("walks dates and labels shifts with the zone named", () => {
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(daysBetween("2027-02-27", "2027-03-02")).toEqual(["2027-02-27", "2027-02-28", "2027-03-01", "2027-03-02"]);
    expect(shiftLabel("2027-05-14", 0, london)).toBe("14 May 2027 08:00–16:00 Europe/London");
  });
});

describe("shifts in a period, counted per local calendar day", () => {
  const zones = ["Europe/London", "Europe/Berlin"] as const;
  const patterns = (timeZone: string): ShiftPattern[] => [
    { timeZone, shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "00:00" },
    { timeZone, shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "08:00" },
    { timeZone, shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "06:00" },
    { timeZone, shiftHours: 4, shiftsPerDay: 6, firstShiftStartsAt: "00:00" },
    { timeZone, shiftHours: 4, shiftsPerDay: 6, firstShiftStartsAt: "02:00" },
  ];
  const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;
  // The EU changes the clocks on the last Sundays of March and October.
  const clockChanges = { 2026: ["2026-03-29", "2026-10-25"], 2027: ["2027-03-28", "2027-10-31"], 2028: ["2028-03-26", "2028-10-29"], 2029: ["2029-03-25", "2029-10-28"], 2030: ["2030-03-31", "2030-10-27"] } as const;

  it("gives every local day its full number of shifts, the 23-hour spring day and the 25-hour autumn day included", () => {
    for (const zone of zones) {
      for (const [year, [spring, autumn]] of Object.entries(clockChanges)) {
        // Every day of March and October 2027; the weeks around both clock changes of the other years.
        const days = year === "2027" ? [...daysBetween("2027-03-01", "2027-03-31"), ...daysBetween("2027-10-01", "2027-10-31")] : [spring, autumn].flatMap((change) => daysBetween(addDays(change, -3), addDays(change, 3)));
        for (const day of days) {
          const from = localMidnight(day, zone);
          const to = localMidnight(addDays(day, 1), zone);
          expect(hours(from, to), `${zone} ${day}`).toBe(day === spring ? 23 : day === autumn ? 25 : 24);
          for (const pattern of patterns(zone)) {
            expect(shiftsBetween(from, to, pattern), `${zone} ${pattern.shiftHours} h from ${pattern.firstShiftStartsAt} on ${day}`).toBe(pattern.shiftsPerDay);
          }
        }
      }
    }
  });

  it("counts a cycle, a month or a year as its local days times the shifts per day, across either clock change", () => {
    for (const zone of zones) {
      for (const pattern of patterns(zone)) {
        for (const year of [2026, 2027, 2028, 2029, 2030]) {
          const firsts = [...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}-01`), `${year + 1}-01-01`];
          // Every month, both half-year cycles (one holds the spring change, the other the autumn one) and the year.
          const periods: [string, string][] = [...firsts.slice(0, 12).map((first, m): [string, string] => [first, firsts[m + 1]!]), [firsts[0]!, firsts[6]!], [firsts[6]!, firsts[12]!], [firsts[0]!, firsts[12]!]];
          for (const [start, end] of periods) {
            const localDays = daysBetween(start, end).length - 1;
            expect(shiftsBetween(localMidnight(start, zone), localMidnight(end, zone), pattern), `${zone} ${pattern.shiftHours} h from ${pattern.firstShiftStartsAt}, ${start} to ${end}`).toBe(localDays * pattern.shiftsPerDay);
          }
        }
      }
    }
  });

  it("counts the spring cycle of 2027 in London as 181 days of 3 shifts (dividing hours by 24 gave 180), and the autumn cycle as 184, not 185", () => {
    const from = localMidnight("2027-01-01", "Europe/London");
    const to = localMidnight("2027-07-01", "Europe/London");
    expect(Math.floor(hours(from, to) / 24)).toBe(180);
    expect(shiftsBetween(from, to, london)).toBe(543);
    const autumn = [localMidnight("2027-07-01", "Europe/London"), localMidnight("2028-01-01", "Europe/London")] as const;
    expect(hours(...autumn)).toBe(184 * 24 + 1);
    expect(shiftsBetween(...autumn, berlin4h)).toBe(184 * 6);
  });

  it("counts only shifts that start in the period: none for an empty or reversed one, one for a single shift", () => {
    const shift = slotFor("2027-03-28", 0, 1, { ...london, firstShiftStartsAt: "00:00" });
    expect(hours(shift.startsAt, shift.endsAt)).toBe(7);
    expect(shiftsBetween(shift.startsAt, shift.endsAt, { ...london, firstShiftStartsAt: "00:00" })).toBe(1);
    expect(shiftsBetween(shift.endsAt, shift.startsAt, london)).toBe(0);
    expect(shiftsBetween(shift.startsAt, shift.startsAt, london)).toBe(0);
  });
});
