import { describe, expect, it } from "vitest";
import { assessSme } from "./sme";

const m = (euros: number) => BigInt(euros) * 100n;

describe("assessSme", () => {
  it.each([
    { staff: 12, turnover: m(2_000_000), balance: m(1_000_000), qualifies: true },
    { staff: 249, turnover: m(50_000_000), balance: m(43_000_000), qualifies: true },
    { staff: 250, turnover: m(1_000_000), balance: m(1_000_000), qualifies: false },
    // Over turnover but within balance sheet: still an SME (either/or).
    { staff: 100, turnover: m(80_000_000), balance: m(43_000_000), qualifies: true },
    { staff: 100, turnover: m(50_000_000), balance: m(90_000_000), qualifies: true },
    { staff: 100, turnover: m(50_000_001), balance: m(43_000_001), qualifies: false },
  ])("staff $staff, turnover $turnover, balance $balance -> $qualifies", ({ staff, turnover, balance, qualifies }) => {
    expect(assessSme({ staffHeadcount: staff, annualTurnoverCents: turnover, balanceSheetTotalCents: balance }).qualifies).toBe(qualifies);
  });

  it("names every reason it fails", () => {
    const result = assessSme({ staffHeadcount: 400, annualTurnoverCents: m(60_000_000), balanceSheetTotalCents: m(50_000_000) });
    expect(result.reasons).toHaveLength(2);
    expect(result.reasons[0]).toContain("fewer than 250");
  });
});
