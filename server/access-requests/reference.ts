import type { Tx } from "../db";

/**
 * Facility-style reference numbers, LDS-27-0042: year of first submission and
 * a sequence per year. The counter row is locked by the upsert, so concurrent
 * submissions get consecutive numbers with no gaps and no duplicates.
 */
export async function nextReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (scope, last) VALUES (${`request-${year}`}, 1)
    ON CONFLICT (scope) DO UPDATE SET last = "ReferenceCounter".last + 1
    RETURNING last`;
  return formatReference(year, row!.last);
}

export function formatReference(year: number, sequence: number): string {
  return `LDS-${String(year % 100).padStart(2, "0")}-${String(sequence).padStart(4, "0")}`;
}
