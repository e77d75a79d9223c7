import { describe, expect, it } from "vitest";
import { agreementStateFrom, documentHash, renderAgreement, unknownVariables, type AgreementValues } from "./render-agreement";

const values: AgreementValues = {
  parties: "Okement Lithium Exploration Ltd and Severn Light Source",
  applicant: "Okement Lithium Exploration Ltd",
  facility: "Severn Light Source",
  reference: "LDS-27-0042",
  title: "Spodumene liberation",
  endstations: "S07 Micro-tomography",
  shifts: "6 shifts (48 h)",
  embargoPeriod: "none (proprietary)",
  licence: "none (proprietary)",
  price: "£7,200.00 after SME subsidy",
  date: "27 November 2026",
};
const template = { title: "SME industrial access agreement", body: "Between {{parties}} for {{ reference }} ({{title}}): {{shifts}} on {{endstations}} at {{price}}.", custodyClause: "Samples of {{applicant}} stay in the custody of {{facility}}." };

describe("agreement text", () => {
  it("fills every variable and appends the custody clause", () => {
    const text = renderAgreement(template, values);
    expect(text).toBe(
      "SME industrial access agreement\n\nBetween Okement Lithium Exploration Ltd and Severn Light Source for LDS-27-0042 (Spodumene liberation): 6 shifts (48 h) on S07 Micro-tomography at £7,200.00 after SME subsidy.\n\nSample transfer and custody\n\nSamples of Okement Lithium Exploration Ltd stay in the custody of Severn Light Source.\n",
    );
  });

  it("refuses unknown variables, naming them", () => {
    expect(unknownVariables("{{parties}} {{signature}} {{ fee }}")).toEqual(["signature", "fee"]);
    expect(() => renderAgreement({ ...template, body: "{{fee}}" }, values)).toThrow("unknown variables: fee");
  });

  it("hashes the exact text: any change, even a line ending, is a different document", () => {
    const text = renderAgreement(template, values);
    expect(documentHash(text)).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash(text)).toBe(documentHash(renderAgreement(template, values)));
    expect(documentHash(text)).not.toBe(documentHash(renderAgreement(template, { ...values, shifts: "7 shifts (56 h)" })));
    expect(renderAgreement({ ...template, body: "a\r\nb" }, values)).toContain("a\nb");
  });

  it("is signed only when every party signed, and declined by any refusal", () => {
    expect(agreementStateFrom([])).toBe("AWAITING_SIGNATURES");
    expect(agreementStateFrom([{ state: "SIGNED" }, { state: "PENDING" }])).toBe("AWAITING_SIGNATURES");
    expect(agreementStateFrom([{ state: "SIGNED" }, { state: "SIGNED" }])).toBe("SIGNED");
    expect(agreementStateFrom([{ state: "SIGNED" }, { state: "DECLINED" }, { state: "PENDING" }])).toBe("DECLINED");
  });
});
