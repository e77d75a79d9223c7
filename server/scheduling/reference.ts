import type { Tx } from "../db";
import { nextCounter, twoDigitYear } from "../references/next-counter";

/** Booking references, BK-27-00042: a sequence per year. */
export async function nextBookingReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  return `BK-${twoDigitYear(year)}-${String(await nextCounter(tx, `booking-${year}`)).padStart(5, "0")}`;
}

/** Run references, RUN-27-0042: a sequence per year (need not be gapless). */
export async function nextRunReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  return `RUN-${twoDigitYear(year)}-${String(await nextCounter(tx, `run-${year}`)).padStart(4, "0")}`;
}

/** Pipeline references, PIP-27-0007: a sequence per year. */
export async function nextPipelineReference(tx: Tx, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  return `PIP-${twoDigitYear(year)}-${String(await nextCounter(tx, `pipeline-${year}`)).padStart(4, "0")}`;
}
