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
    expect(remainingShifts(cycle, 3, 0)).toBe(30);
    expect(remainingShifts(cycle, 3, 25)).toBe(5);
    expect(remainingShifts(cycle, 3, 40)).toBe(0);
  });
});
