import type { Tx } from "../db";

/** Booking references, BK-27-00042: a counter per year, taken with a locking upsert. */
export async function nextBookingReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" (scope, last) VALUES (${`booking-${year}`}, 1)
    ON CONFLICT (scope) DO UPDATE SET last = "ReferenceCounter".last + 1
    RETURNING last`;
  return `BK-${String(year % 100).padStart(2, "0")}-${String(row!.last).padStart(5, "0")}`;
}
