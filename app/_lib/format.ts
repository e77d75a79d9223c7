/** Whole euros with the currency named, from integer cents. */
export function formatEuroCents(cents: bigint | number): string {
  const value = Number(cents) / 100;
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(value);
}

export { formatMinor } from "@/server/billing/money";

export function formatShifts(shifts: number, shiftHours = 8): string {
  return `${shifts} shift${shifts === 1 ? "" : "s"} (${shifts * shiftHours} h)`;
}
