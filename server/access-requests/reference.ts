import type { Tx } from "../db";
import { nextCounter, twoDigitYear } from "../references/next-counter";

/** Facility-style reference numbers, LDS-27-0042: year of first submission and a sequence per year. */
export async function nextReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  return formatReference(year, await nextCounter(tx, `request-${year}`));
}

export function formatReference(year: number, sequence: number): string {
  return `LDS-${twoDigitYear(year)}-${String(sequence).padStart(4, "0")}`;
}
