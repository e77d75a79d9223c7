/**
 * EU SME definition (Commission Recommendation 2003/361/EC), as used by
 * CALIPSOplus and the SME access route: fewer than 250 staff, and either
 * turnover up to EUR 50m or balance sheet total up to EUR 43m.
 */
export const smeThresholds = {
  maxStaffExclusive: 250,
  maxTurnoverCents: 50_000_000_00n,
  maxBalanceSheetCents: 43_000_000_00n,
} as const;

export interface SmeFigures {
  staffHeadcount: number;
  annualTurnoverCents: bigint;
  balanceSheetTotalCents: bigint;
}

export interface SmeAssessment {
  qualifies: boolean;
  /** Why it does not qualify, in words for the applicant; empty when it does. */
  reasons: string[];
}

export function assessSme(f: SmeFigures): SmeAssessment {
  const reasons: string[] = [];
  if (f.staffHeadcount >= smeThresholds.maxStaffExclusive) {
    reasons.push(`Staff head-count is ${f.staffHeadcount}; an SME has fewer than 250.`);
  }
  const turnoverOk = f.annualTurnoverCents <= smeThresholds.maxTurnoverCents;
  const balanceOk = f.balanceSheetTotalCents <= smeThresholds.maxBalanceSheetCents;
  if (!turnoverOk && !balanceOk) {
    reasons.push("Both turnover (over EUR 50m) and balance sheet total (over EUR 43m) exceed the limits; an SME must be within at least one.");
  }
  return { qualifies: reasons.length === 0, reasons };
}

/** Forms take whole euros; the database keeps cents. */
export function smeFiguresFromEuros(input: { staffHeadcount: number; annualTurnoverEuros: number; balanceSheetTotalEuros: number }): SmeFigures {
  return {
    staffHeadcount: input.staffHeadcount,
    annualTurnoverCents: BigInt(input.annualTurnoverEuros) * 100n,
    balanceSheetTotalCents: BigInt(input.balanceSheetTotalEuros) * 100n,
  };
}
