import type { Tx } from "../db";

/**
 * The next number in a named sequence (e.g. "request-2026"). The upsert locks
 * the counter row, so concurrent callers get consecutive numbers with no gaps
 * and no duplicates, and a rolled-back transaction gives its number back.
 */
export async function nextCounter(tx: Tx, scope: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (scope, last) VALUES (${scope}, 1)
    ON CONFLICT (scope) DO UPDATE SET last = "ReferenceCounter".last + 1
    RETURNING last`;
  return row!.last;
}

/** "27" for 2027. */
export const twoDigitYear = (year: number) => String(year % 100).padStart(2, "0");
