import { shiftsBetween, type ShiftPattern } from "../scheduling/shifts";

/** Pure ranking for the panel chair: mean grade (1 best), ties broken by fewer shifts then earlier submission. */
export interface GradedRequest {
  id: string;
  grades: number[];
  shiftsRequested: number;
  submittedAt: Date;
}

export function meanGrade(grades: readonly number[]): number | null {
  return grades.length === 0 ? null : grades.reduce((a, b) => a + b, 0) / grades.length;
}

export function rankRequests<T extends GradedRequest>(requests: readonly T[]): (T & { mean: number | null; rank: number })[] {
  return requests
    .map((r) => ({ ...r, mean: meanGrade(r.grades) }))
    .sort((a, b) => {
      if (a.mean === null || b.mean === null) return a.mean === null ? (b.mean === null ? 0 : 1) : -1;
      return a.mean - b.mean || a.shiftsRequested - b.shiftsRequested || a.submittedAt.getTime() - b.submittedAt.getTime();
    })
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/**
 * Shifts an endstation can still give in a cycle: the shifts of its pattern
 * that start within the cycle, counted per local calendar day in the
 * facility's zone (so the spring day with its 23 hours is a whole day of
 * shifts), less what is already allocated.
 */
export function remainingShifts(cycle: { startsAt: Date; endsAt: Date }, pattern: ShiftPattern, alreadyAllocated: number): number {
  return Math.max(0, shiftsBetween(cycle.startsAt, cycle.endsAt, pattern) - alreadyAllocated);
}
