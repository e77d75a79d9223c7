/**
 * Money is an integer number of minor units (pence, cents) with its currency.
 * Every rounding rule lives here, so quotes, invoices and the ledger agree.
 */
export const currencies = ["GBP", "EUR"] as const;
export type Currency = (typeof currencies)[number];

export interface Money {
  minor: number;
  currency: Currency;
}

function assertMinor(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be a whole number of minor units, got ${value}`);
  return value;
}

/** a × numerator / denominator, rounded half away from zero, in integers only (no floating-point drift). */
export function mulDivRound(a: number, numerator: number, denominator: number): number {
  assertMinor(a, "The amount");
  const product = BigInt(a) * BigInt(numerator);
  const d = BigInt(denominator);
  const half = d / 2n;
  const rounded = product >= 0n ? (product + half) / d : -((-product + half) / d);
  return Number(rounded);
}

/** a × numerator / denominator, rounded down (towards zero): for a subsidy, which must never exceed its percentage. */
export function mulDivFloor(a: number, numerator: number, denominator: number): number {
  assertMinor(a, "The amount");
  return Number((BigInt(a) * BigInt(numerator)) / BigInt(denominator));
}

/** Percentages and VAT rates are basis points: 2000 = 20 %, 7500 = 75 %. */
export const percentOf = (minor: number, basisPoints: number) => mulDivRound(minor, basisPoints, 10_000);

/** "£1,234.50" in the portal's locale; display only (the sums are done in integers). */
export function formatMinor(amountMinor: bigint | number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(Number(amountMinor) / 100);
}

export function sameCurrency(...amounts: Money[]): Currency {
  const currency = amounts[0]?.currency;
  if (!currency || amounts.some((m) => m.currency !== currency)) throw new Error(`Amounts in different currencies cannot be added: ${amounts.map((m) => m.currency).join(", ")}`);
  return currency;
}
