import { mulDivFloor, mulDivRound, percentOf, type Currency } from "./money";

/** The rates a quote or invoice is priced with (frozen into the quote when it is made). */
export interface RateTerms {
  currency: Currency;
  /** SHIFT for beamlines booked by the shift; HOUR for instruments booked by the hour. */
  unit: "SHIFT" | "HOUR";
  /** Hours per unit: the endstation's shift length, or 1 for hourly rates. Downtime credits are per hour. */
  unitHours: number;
  priceMinor: number;
  /** From this unit on (e.g. the 11th shift), the lower sliding price applies. */
  slidingFromUnit: number | null;
  slidingPriceMinor: number | null;
}

export interface AddOn {
  label: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface SubsidyTerms {
  /** Share of the full cost the programme pays, in basis points (7500 = 75 %). */
  percentBasisPoints: number;
  /** What is left of the organisation's cap in the programme. */
  capRemainingMinor: number;
  /** What is left of the programme's budget (including what this request already holds). */
  budgetRemainingMinor: number;
}

/** The beam time of one endstation: its own rates (and sliding scale), units and downtime. */
export interface BeamTime {
  /** The endstation's name, shown on its lines; null when a bill has one unnamed beam time. */
  endstation: string | null;
  rates: RateTerms;
  /** Units used (or, for a quote, granted): shifts for SHIFT rates, hours for HOUR rates. */
  units: number;
  /** Hours of beam lost through the facility's fault, in hundredths of an hour (2.5 h = 250). */
  downtimeCreditHundredthHours?: number;
}

interface Terms {
  addOns: AddOn[];
  subsidy: SubsidyTerms | null;
  /** Non-proprietary access: free to the user, its full cost recorded as value granted. */
  freeAtPointOfUse: boolean;
  vatBasisPoints: number;
}

/** One beam time (the single-endstation form). */
export interface PriceInput extends Terms {
  rates: RateTerms;
  units: number;
  downtimeCreditHundredthHours?: number;
}

/** Several endstations' beam time on one bill: subsidy and VAT apply to the total. */
export interface PriceBeamTimesInput extends Terms {
  beamTimes: BeamTime[];
}

export interface PriceLine {
  label: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

export interface Priced {
  currency: Currency;
  lines: PriceLine[];
  fullCostMinor: number;
  subsidyMinor: number;
  /** What stops the subsidy at its level: its percentage, the organisation's cap or the programme's budget. */
  subsidyLimitedBy: "percentage" | "cap" | "budget" | null;
  /** The full cost waived for non-proprietary access. */
  waivedMinor: number;
  netMinor: number;
  vatMinor: number;
  totalMinor: number;
}

function assertCount(value: number, what: string) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${what} must be a whole number of at least 0, got ${value}`);
}

/** Beam time lines: the standard price up to the sliding threshold, the sliding price after it. */
function beamLines({ endstation, rates, units }: BeamTime): PriceLine[] {
  const unitName = rates.unit === "SHIFT" ? "shift" : "hour";
  const on = endstation ? ` on ${endstation}` : "";
  const slidingFrom = rates.slidingFromUnit !== null && rates.slidingPriceMinor !== null ? rates.slidingFromUnit : null;
  const atStandard = slidingFrom === null ? units : Math.min(units, slidingFrom - 1);
  const atSliding = units - atStandard;
  const lines: PriceLine[] = [];
  if (atStandard > 0 || atSliding === 0) lines.push({ label: `Beam time${on} (${unitName}s)`, quantity: atStandard, unitPriceMinor: rates.priceMinor, amountMinor: atStandard * rates.priceMinor });
  if (atSliding > 0) lines.push({ label: `Beam time${on} from ${unitName} ${slidingFrom} (sliding scale)`, quantity: atSliding, unitPriceMinor: rates.slidingPriceMinor!, amountMinor: atSliding * rates.slidingPriceMinor! });
  return lines;
}

/** An endstation's beam lines and its downtime credit, which never takes the endstation's own lines below zero. */
function beamTimeLines(beam: BeamTime): PriceLine[] {
  const { rates, units } = beam;
  assertCount(units, "Units");
  assertCount(rates.priceMinor, "The price");
  const lines = beamLines(beam);
  const credit = beam.downtimeCreditHundredthHours ?? 0;
  assertCount(credit, "Downtime");
  if (credit > 0) {
    // Credited at the rate of the last unit used, per hour of that unit.
    const marginal = rates.slidingFromUnit !== null && rates.slidingPriceMinor !== null && units >= rates.slidingFromUnit ? rates.slidingPriceMinor : rates.priceMinor;
    const perHour = mulDivRound(marginal, 1, rates.unitHours);
    const amount = -Math.min(mulDivRound(marginal, credit, rates.unitHours * 100), lines.reduce((n, l) => n + l.amountMinor, 0));
    lines.push({ label: `Downtime credit${beam.endstation ? ` on ${beam.endstation}` : ""} (${(credit / 100).toFixed(2)} h lost through the facility)`, quantity: credit / 100, unitPriceMinor: -perHour, amountMinor: amount });
  }
  return lines;
}

/** Prices beam time and add-ons, credits facility downtime, applies the subsidy and VAT. */
export function price(input: PriceInput): Priced {
  const { rates, units, downtimeCreditHundredthHours, ...terms } = input;
  return priceBeamTimes({ ...terms, beamTimes: [{ endstation: null, rates, units, downtimeCreditHundredthHours }] });
}

/**
 * Prices each endstation's beam time with its own rates (each with its own
 * sliding scale and downtime credit), then the add-ons; the subsidy, its
 * limits and VAT apply once, to the total.
 */
export function priceBeamTimes(input: PriceBeamTimesInput): Priced {
  const first = input.beamTimes[0];
  if (!first) throw new Error("A price needs the beam time of at least one endstation");
  const currency = first.rates.currency;
  const other = input.beamTimes.find((b) => b.rates.currency !== currency);
  if (other) throw new Error(`One bill has one currency: ${other.endstation ?? "an endstation"} is priced in ${other.rates.currency}, not ${currency}`);
  const lines = input.beamTimes.flatMap(beamTimeLines);
  for (const addOn of input.addOns) {
    assertCount(addOn.quantity, `The quantity of ${addOn.label}`);
    lines.push({ label: addOn.label, quantity: addOn.quantity, unitPriceMinor: addOn.unitPriceMinor, amountMinor: addOn.quantity * addOn.unitPriceMinor });
  }
  const fullCostMinor = lines.reduce((n, l) => n + l.amountMinor, 0);

  if (input.freeAtPointOfUse) {
    return { currency, lines, fullCostMinor, subsidyMinor: 0, subsidyLimitedBy: null, waivedMinor: fullCostMinor, netMinor: 0, vatMinor: 0, totalMinor: 0 };
  }
  let subsidyMinor = 0;
  let subsidyLimitedBy: Priced["subsidyLimitedBy"] = null;
  if (input.subsidy) {
    // Rounded down: a subsidy never exceeds its percentage.
    const byPercentage = mulDivFloor(fullCostMinor, input.subsidy.percentBasisPoints, 10_000);
    const limits: [number, NonNullable<Priced["subsidyLimitedBy"]>][] = [[byPercentage, "percentage"], [Math.max(0, input.subsidy.capRemainingMinor), "cap"], [Math.max(0, input.subsidy.budgetRemainingMinor), "budget"]];
    [subsidyMinor, subsidyLimitedBy] = limits.reduce((low, next) => (next[0] < low[0] ? next : low));
  }
  const netMinor = fullCostMinor - subsidyMinor;
  const vatMinor = percentOf(netMinor, input.vatBasisPoints);
  return { currency, lines, fullCostMinor, subsidyMinor, subsidyLimitedBy, waivedMinor: 0, netMinor, vatMinor, totalMinor: netMinor + vatMinor };
}
