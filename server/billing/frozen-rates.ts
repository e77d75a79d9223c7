import type { Prisma } from "../db";
import type { AddOnRateTerms } from "./current-rates";
import type { RateTerms } from "./pricing";

/** One endstation's rate card as its quote froze it, with the shifts the quote priced there. */
export interface FrozenBeamRates {
  /** Null in quotes made before quotes priced each endstation: their one card applies to every shift. */
  endstationId: string | null;
  name: string | null;
  beam: RateTerms;
  shiftHours: number;
  shifts: number | null;
}

export interface FrozenRates {
  endstations: FrozenBeamRates[];
  addOns: AddOnRateTerms[];
}

/** Reads a quote's frozen rates, in today's shape or the earlier single-card one ({ beam, shiftHours, addOns }). */
export function frozenRatesOf(json: Prisma.JsonValue): FrozenRates {
  const rates = json as unknown as Partial<FrozenRates> & { beam?: RateTerms; shiftHours?: number };
  if (rates.endstations) return { endstations: rates.endstations, addOns: rates.addOns ?? [] };
  return { endstations: [{ endstationId: null, name: null, beam: rates.beam!, shiftHours: rates.shiftHours!, shifts: null }], addOns: rates.addOns ?? [] };
}
