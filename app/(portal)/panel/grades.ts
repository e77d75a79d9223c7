/** The panel's grading scale, in words: 1 is best. Shared by the page and the grade form. */
export const gradeLabels: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: "outstanding",
  2: "excellent",
  3: "good",
  4: "fair",
  5: "not recommended",
};

export const gradeValues = [1, 2, 3, 4, 5] as const;

/** "2 — excellent"; a grade outside the scale is shown as the bare number. */
export function gradeText(grade: number): string {
  const label = gradeLabels[grade as keyof typeof gradeLabels];
  return label ? `${grade} — ${label}` : String(grade);
}
