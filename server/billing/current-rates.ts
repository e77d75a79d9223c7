import type { Db, Tx } from "../db";
import type { AddOn, RateTerms } from "./pricing";
import type { Currency } from "./money";

/** The rate card in force for an endstation at a time: the latest valid from on or before it. */
export async function rateCardAt(db: Db | Tx, endstationId: string, at: Date) {
  return db.rateCard.findFirst({ where: { endstationId, validFrom: { lte: at } }, orderBy: { validFrom: "desc" }, include: { endstation: { select: { shiftHours: true, name: true } } } });
}

export function rateTermsOf(card: NonNullable<Awaited<ReturnType<typeof rateCardAt>>>): RateTerms {
  return {
    currency: card.currency as Currency,
    unit: card.unit,
    unitHours: card.unit === "SHIFT" ? card.endstation.shiftHours : 1,
    priceMinor: card.priceMinor,
    slidingFromUnit: card.slidingFromUnit,
    slidingPriceMinor: card.slidingPriceMinor,
  };
}

/** Each add-on kind's rate in force at a time, in the facility's currency. */
export async function addOnRatesAt(db: Db | Tx, facilityId: string, at: Date) {
  // PostgreSQL's DISTINCT ON keeps the first row per kind: the newest price in force.
  return db.addOnRate.findMany({ where: { facilityId, validFrom: { lte: at } }, orderBy: [{ kind: "asc" }, { validFrom: "desc" }], distinct: ["kind"] });
}

/** An add-on's rate as a quote freezes it. */
export interface AddOnRateTerms {
  kind: string;
  label: string;
  unitLabel: string;
  priceMinor: number;
}

/** Quantities by add-on kind, priced with the given rates; zero quantities are left out. */
export function addOnLines(rates: AddOnRateTerms[], quantities: Partial<Record<string, number>>): AddOn[] {
  return rates.filter((r) => (quantities[r.kind] ?? 0) > 0).map((r) => ({ label: `${r.label} (per ${r.unitLabel})`, quantity: quantities[r.kind]!, unitPriceMinor: r.priceMinor }));
}
