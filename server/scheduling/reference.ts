import type { Tx } from "../db";
import { nextCounter, twoDigitYear } from "../references/next-counter";

/** Booking references, BK-27-00042: a sequence per year. */
export async function nextBookingReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  return `BK-${twoDigitYear(year)}-${String(await nextCounter(tx, `booking-${year}`)).padStart(5, "0")}`;
}
