import { describe, expect, it } from "vitest";
import { meanGrade, rankRequests, remainingShifts } from "./panel-ranking";

const at = (day: number) => new Date(Date.UTC(2027, 0, day));

describe("panel ranking", () => {
  it("averages grades and has no mean without grades", () => {
    expect(meanGrade([1, 2])).toBe(1.5);
    expect(meanGrade([])).toBeNull();
  });

  it("ranks by mean grade, then fewer shifts, then earlier submission; ungraded last", () => {
    const ranked = rankRequests([
      { id: "ungraded", grades: [], shiftsRequested: 1, submittedAt: at(1) },
      { id: "good-big", grades: [2, 2], shiftsRequested: 9, submittedAt: at(1) },
      { id: "best", grades: [1, 2], shiftsRequested: 6, submittedAt: at(3) },
      { id: "good-small", grades: [2, 2], shiftsRequested: 3, submittedAt: at(2) },
      { id: "good-small-later", grades: [2, 2], shiftsRequested: 3, submittedAt: at(4) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["best", "good-small", "good-small-later", "good-big", "ungraded"]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("counts the endstation's time in a cycle less what is allocated, never below zero", () => {
    const cycle = { startsAt: at(1), endsAt: at(11) };
    const utc8h = { timeZone: "UTC", shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "00:00" };
    expect(remainingShifts(cycle, utc8h, 0)).toBe(30);
    expect(remainingShifts(cycle, utc8h, 25)).toBe(5);
    expect(remainingShifts(cycle, utc8h, 40)).toBe(0);
  });

  it("gives the cycle holding the spring clock change its full days: no shift lost to the 23-hour day, none gained on the 25-hour one", () => {
    // 2027-1 and 2027-2 at Severn Light Source and Erzgebirge, from local midnight to local midnight.
    const spring = { startsAt: new Date("2027-01-01T00:00:00Z"), endsAt: new Date("2027-06-30T23:00:00Z") };
    const autumn = { startsAt: new Date("2027-06-30T23:00:00Z"), endsAt: new Date("2028-01-01T00:00:00Z") };
    const london8h = { timeZone: "Europe/London", shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "08:00" };
    expect(remainingShifts(spring, london8h, 0)).toBe(181 * 3);
    expect(remainingShifts(spring, london8h, 540)).toBe(3);
    expect(remainingShifts(autumn, london8h, 0)).toBe(184 * 3);
    const berlinSpring = { startsAt: new Date("2026-12-31T23:00:00Z"), endsAt: new Date("2027-06-30T22:00:00Z") };
    const berlinAutumn = { startsAt: new Date("2027-06-30T22:00:00Z"), endsAt: new Date("2027-12-31T23:00:00Z") };
    const berlin4h = { timeZone: "Europe/Berlin", shiftHours: 4, shiftsPerDay: 6, firstShiftStartsAt: "00:00" };
    expect(remainingShifts(berlinSpring, berlin4h, 0)).toBe(181 * 6);
    expect(remainingShifts(berlinAutumn, berlin4h, 0)).toBe(184 * 6);
  });
});
