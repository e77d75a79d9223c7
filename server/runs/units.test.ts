import { describe, expect, it } from "vitest";
import { UCUM_UNITS, checkUcum, convertUnit, normaliseUnit, quantityOf } from "./units";

describe("checkUcum", () => {
  it.each([
    ["mg/L", "mass_concentration"],
    ["ug/L", "mass_concentration"],
    ["mmol/L", "amount_concentration"],
    ["umol/L", "amount_concentration"],
    ["[ppm]", "mass_fraction"],
    ["mL/min", "flow_rate"],
    ["uL/min", "flow_rate"],
    ["Cel", "temperature"],
    ["K", "temperature"],
    ["MPa", "pressure"],
    ["kPa", "pressure"],
    ["bar", "pressure"],
    ["mV", "electric_potential"],
    ["mS/cm", "conductivity"],
    ["uS/cm", "conductivity"],
    ["[pH]", "pH"],
    ["s", "time"],
    ["min", "time"],
    ["h", "time"],
    ["1", "dimensionless"],
    ["%", "dimensionless"],
    ["um", "length"],
  ])("accepts %s as %s", (code, quantity) => {
    expect(checkUcum(code)).toEqual({ ok: true, code, quantity });
  });

  it("accepts every code of its own table", () => {
    for (const [code, { quantity }] of Object.entries(UCUM_UNITS)) expect(checkUcum(code)).toEqual({ ok: true, code, quantity });
  });

  it.each([
    ["°C", "Cel"],
    ["degC", "Cel"],
    ["C", "Cel"],
    ["mL / min", "mL/min"],
    ["µS/cm", "uS/cm"], // micro sign U+00B5
    ["μS/cm", "uS/cm"], // Greek mu U+03BC
    ["µg/L", "ug/L"],
    ["ms/cm", "mS/cm"],
    ["MPA", "MPa"],
    ["mv", "mV"],
    ["pH", "[pH]"],
    ["mM", "mmol/L"],
    ["µM", "umol/L"],
    ["hrs", "h"],
    ["mL/hr", "mL/h"],
    ["psi", "[psi]"],
    ["micron", "um"],
    ["degrees", "deg"],
  ])("refuses %s and suggests %s", (code, suggestion) => {
    const check = checkUcum(code);
    expect(check).toMatchObject({ ok: false, suggestion });
    expect(check.ok || check.message).toContain(`did you mean "${suggestion}"?`);
  });

  it.each([
    ["mg/l", "mg/L"],
    ["ml/min", "mL/min"],
    ["µg/l", "ug/L"],
  ])("asks for a capital L in %s", (code, suggestion) => {
    expect(checkUcum(code)).toEqual({
      ok: false,
      suggestion,
      message: `"${code}": write litre as "L" ("${suggestion}"); UCUM also allows "l", but one spelling keeps series comparable.`,
    });
  });

  it("refuses ppm, pointing at [ppm] and at mg/L", () => {
    expect(checkUcum("ppm")).toEqual({
      ok: false,
      suggestion: "[ppm]",
      message: '"ppm" is not a UCUM code: UCUM writes it "[ppm]", a mass fraction. If the instrument reports mass per volume (usual for ICP on waters), use "mg/L".',
    });
    expect(checkUcum("ppb")).toMatchObject({ ok: false, suggestion: "[ppb]" });
  });

  it.each(["furlong", "", "constructor", "toString", "mg/L "])("refuses %j without a wrong guess", (code) => {
    const check = checkUcum(code);
    expect(check.ok).toBe(false);
    if (code === "mg/L ") expect(check).toMatchObject({ suggestion: "mg/L" });
    else expect(check).not.toHaveProperty("suggestion");
  });
});

describe("normaliseUnit and quantityOf", () => {
  it("reads loosely written units as UCUM", () => {
    expect(normaliseUnit("micron")).toBe("um");
    expect(normaliseUnit(" µm ")).toBe("um");
    expect(normaliseUnit("keV")).toBe("keV");
    expect(normaliseUnit("furlong")).toBeNull();
    expect(quantityOf("MPa")).toBe("pressure");
    expect(quantityOf("hasOwnProperty")).toBeNull();
  });
});

describe("convertUnit", () => {
  it("converts within a quantity", () => {
    expect(convertUnit(1500, "kPa", "MPa")).toBeCloseTo(1.5, 12);
    expect(convertUnit(25, "bar", "MPa")).toBeCloseTo(2.5, 12);
    expect(convertUnit(1413, "uS/cm", "mS/cm")).toBeCloseTo(1.413, 12);
    expect(convertUnit(25, "Cel", "K")).toBeCloseTo(298.15, 12);
    expect(convertUnit(273.15, "K", "Cel")).toBeCloseTo(0, 12);
    expect(convertUnit(30, "mL/h", "mL/min")).toBeCloseTo(0.5, 12);
    expect(convertUnit(Math.PI, "rad", "deg")).toBeCloseTo(180, 12);
    expect(convertUnit(3, "GeV", "keV")).toBe(3e6);
    expect(convertUnit(7, "mg/L", "mg/L")).toBe(7);
  });

  it("does not convert across quantities or unknown codes", () => {
    expect(convertUnit(1, "mg/L", "mmol/L")).toBeNull();
    expect(convertUnit(1, "[ppm]", "mg/L")).toBeNull();
    expect(convertUnit(1, "mg/l", "mg/L")).toBeNull();
  });
});
