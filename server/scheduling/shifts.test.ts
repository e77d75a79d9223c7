import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isOnShiftBoundary, localMidnight, shiftAt, shiftLabel, shiftStart, shiftTimes, slotFor, type ShiftPattern } from "./shifts";

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
