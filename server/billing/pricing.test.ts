import { describe, expect, it } from "vitest";
import { formatMinor, mulDivFloor, mulDivRound, percentOf } from "./money";
import { inRequestOrder, splitShifts } from "./split-shifts";
import { price, priceBeamTimes, type PriceInput, type RateTerms } from "./pricing";

// S07 micro-tomography: £3,200 a shift of 8 h, £2,800 from the 11th shift.
const s07: RateTerms = { currency: "GBP", unit: "SHIFT", unitHours: 8, priceMinor: 320_000, slidingFromUnit: 11, slidingPriceMinor: 280_000 };
const base: PriceInput = { rates: s07, units: 6, addOns: [], subsidy: null, freeAtPointOfUse: false, vatBasisPoints: 0 };

describe("integer money arithmetic", () => {
  it("rounds half away from zero and floors without floating-point drift", () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(4, 1, 3)).toBe(1);
    expect(percentOf(1_005, 2_000)).toBe(201); // 20 % of £10.05 = £2.01
    expect(percentOf(1_002, 2_000)).toBe(200); // £2.004 → £2.00
    expect(percentOf(1_003, 2_000)).toBe(201); // £2.006 → £2.01
    expect(mulDivFloor(1_999, 7_500, 10_000)).toBe(1_499); // 75 % of £19.99 = £14.9925 → £14.99
    // 0.1 + 0.2 style drift cannot happen: 33 % of £0.30 in integers is 9.9 → 10 pence.
    expect(percentOf(30, 3_300)).toBe(10);
    expect(mulDivRound(9_007_199_254_740_991, 1, 1)).toBe(9_007_199_254_740_991);
    expect(() => mulDivRound(0.5, 1, 1)).toThrow(/whole number of minor units/);
  });

  it("formats minor units with the currency", () => {
    expect(formatMinor(123_450, "GBP")).toBe("£1,234.50");
    expect(formatMinor(-1_200, "EUR")).toBe("-€12.00");
    expect(formatMinor(5n, "GBP")).toBe("£0.05");
  });
});

describe("pricing a quote or invoice (hand-worked examples)", () => {
  it("6 shifts at £3,200, no subsidy, no VAT: £19,200", () => {
    const q = price(base);
    expect(q.lines).toEqual([{ label: "Beam time (shifts)", quantity: 6, unitPriceMinor: 320_000, amountMinor: 1_920_000 }]);
    expect(q).toMatchObject({ fullCostMinor: 1_920_000, subsidyMinor: 0, netMinor: 1_920_000, vatMinor: 0, totalMinor: 1_920_000 });
  });

  it("the sliding scale: 12 shifts = 10 × £3,200 + 2 × £2,800 = £37,600", () => {
    const q = price({ ...base, units: 12 });
    expect(q.lines.map((l) => [l.quantity, l.amountMinor])).toEqual([[10, 3_200_000], [2, 560_000]]);
    expect(q.fullCostMinor).toBe(3_760_000);
    // Exactly 10 shifts stays on the standard price; 11 crosses it.
    expect(price({ ...base, units: 10 }).lines).toHaveLength(1);
    expect(price({ ...base, units: 11 }).fullCostMinor).toBe(3_480_000);
  });

  it("SME subsidy 75 % of £19,200 + £450 preparation = £14,737.50; pays £4,912.50 + 20 % VAT £982.50 = £5,895.00", () => {
    const q = price({ ...base, addOns: [{ label: "Sample preparation", quantity: 3, unitPriceMinor: 15_000 }], subsidy: { percentBasisPoints: 7_500, capRemainingMinor: 5_000_000, budgetRemainingMinor: 50_000_000 }, vatBasisPoints: 2_000 });
    expect(q).toMatchObject({ fullCostMinor: 1_965_000, subsidyMinor: 1_473_750, subsidyLimitedBy: "percentage", netMinor: 491_250, vatMinor: 98_250, totalMinor: 589_500 });
  });

  it("the subsidy stops at the organisation's cap, then at the programme's budget, and never goes below zero", () => {
    const subsidised = (cap: number, budget: number) => price({ ...base, subsidy: { percentBasisPoints: 7_500, capRemainingMinor: cap, budgetRemainingMinor: budget } });
    expect(subsidised(1_000_000, 50_000_000)).toMatchObject({ subsidyMinor: 1_000_000, subsidyLimitedBy: "cap", netMinor: 920_000 });
    expect(subsidised(5_000_000, 250_000)).toMatchObject({ subsidyMinor: 250_000, subsidyLimitedBy: "budget", netMinor: 1_670_000 });
    expect(subsidised(-10, 50_000_000)).toMatchObject({ subsidyMinor: 0, subsidyLimitedBy: "cap", netMinor: 1_920_000 });
  });

  it("a subsidy percentage that does not divide evenly rounds down: 33.33 % of £100.01 = £33.33", () => {
    const q = price({ ...base, rates: { ...s07, priceMinor: 10_001, slidingFromUnit: null, slidingPriceMinor: null }, units: 1, subsidy: { percentBasisPoints: 3_333, capRemainingMinor: 1e9, budgetRemainingMinor: 1e9 } });
    expect(q.subsidyMinor).toBe(3_333);
    expect(q.netMinor).toBe(6_668);
  });

  it("downtime the facility caused is credited per hour at the marginal rate: 2.5 h of an 8 h £3,200 shift = £1,000", () => {
    const q = price({ ...base, downtimeCreditHundredthHours: 250 });
    expect(q.lines.at(-1)).toMatchObject({ quantity: 2.5, unitPriceMinor: -40_000, amountMinor: -100_000 });
    expect(q.fullCostMinor).toBe(1_820_000);
    // Past the sliding threshold the credit uses the sliding price: 4 h of £2,800 = £1,400.
    expect(price({ ...base, units: 12, downtimeCreditHundredthHours: 400 }).lines.at(-1)!.amountMinor).toBe(-140_000);
    // A credit never makes the bill negative.
    expect(price({ ...base, units: 1, downtimeCreditHundredthHours: 2_000 }).fullCostMinor).toBe(0);
  });

  it("an hourly instrument: 10 h at €180 with a compute add-on, in euros", () => {
    const q = price({ ...base, rates: { currency: "EUR", unit: "HOUR", unitHours: 1, priceMinor: 18_000, slidingFromUnit: null, slidingPriceMinor: null }, units: 10, addOns: [{ label: "Data processing (compute hours)", quantity: 40, unitPriceMinor: 250 }], vatBasisPoints: 1_900 });
    expect(q).toMatchObject({ currency: "EUR", fullCostMinor: 190_000, vatMinor: 36_100, totalMinor: 226_100 });
  });

  it("non-proprietary access costs the user nothing but records its full cost as value granted", () => {
    const q = price({ ...base, freeAtPointOfUse: true, subsidy: { percentBasisPoints: 7_500, capRemainingMinor: 1e9, budgetRemainingMinor: 1e9 }, vatBasisPoints: 2_000 });
    expect(q).toMatchObject({ fullCostMinor: 1_920_000, waivedMinor: 1_920_000, subsidyMinor: 0, netMinor: 0, vatMinor: 0, totalMinor: 0 });
  });

  it("refuses fractional or negative quantities", () => {
    expect(() => price({ ...base, units: 1.5 })).toThrow(/whole number/);
    expect(() => price({ ...base, addOns: [{ label: "Shipping", quantity: -1, unitPriceMinor: 100 }] })).toThrow(/Shipping/);
  });

  it("two endstations each slide on their own count, and the subsidy and VAT apply once to the total", () => {
    // S07 12 shifts: 10 × £3,200 + 2 × £2,800 = £37,600; a £1,500 instrument sliding to £1,000 from its 3rd shift, 3 shifts: £4,000.
    // Sliding over the combined 15 shifts would give a different figure. Full £41,600; 75 % £31,200; net £10,400; 20 % VAT £2,080.
    const other: RateTerms = { currency: "GBP", unit: "SHIFT", unitHours: 8, priceMinor: 150_000, slidingFromUnit: 3, slidingPriceMinor: 100_000 };
    const q = priceBeamTimes({ beamTimes: [{ endstation: "S07", rates: s07, units: 12 }, { endstation: "S09", rates: other, units: 3 }], addOns: [], subsidy: { percentBasisPoints: 7_500, capRemainingMinor: 1e9, budgetRemainingMinor: 1e9 }, freeAtPointOfUse: false, vatBasisPoints: 2_000 });
    expect(q.lines.map((l) => [l.label, l.amountMinor])).toEqual([["Beam time on S07 (shifts)", 3_200_000], ["Beam time on S07 from shift 11 (sliding scale)", 560_000], ["Beam time on S09 (shifts)", 300_000], ["Beam time on S09 from shift 3 (sliding scale)", 100_000]]);
    expect(q).toMatchObject({ fullCostMinor: 4_160_000, subsidyMinor: 3_120_000, netMinor: 1_040_000, vatMinor: 208_000, totalMinor: 1_248_000 });
    expect(() => priceBeamTimes({ beamTimes: [{ endstation: "S07", rates: s07, units: 1 }, { endstation: "E1", rates: { ...other, currency: "EUR" }, units: 1 }], addOns: [], subsidy: null, freeAtPointOfUse: false, vatBasisPoints: 0 })).toThrow(/one currency/);
  });
});

describe("sharing granted shifts among a request's endstations", () => {
  it("splits evenly in the request's order, the first taking the odd shifts", () => {
    expect(splitShifts(7, 2)).toEqual([4, 3]);
    expect(splitShifts(8, 3)).toEqual([3, 3, 2]);
    expect(splitShifts(1, 2)).toEqual([1, 0]);
    const order = inRequestOrder([{ id: "a", name: "A" }, { id: "b", name: "B" }, { id: "c", name: "C" }], { endstationIds: ["c", "a"] });
    expect(order.map((e) => e.id)).toEqual(["c", "a", "b"]);
  });
});
