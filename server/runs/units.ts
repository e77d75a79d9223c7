/**
 * A small UCUM checker for the units the run logbook records: the time series
 * of a geo-reactive experiment (sample environment, outlet-fluid chemistry) and
 * the NeXus header of a scan. It is not a UCUM parser: it accepts a fixed list
 * of case-sensitive UCUM codes, so that every series of one quantity is written
 * the same way and can be compared and converted.
 *
 * Decisions:
 * - "ppm" is not UCUM. UCUM's `[ppm]` is a dimensionless fraction (here: a mass
 *   fraction, like `mg/kg`), which cannot be turned into mg/L without the
 *   solution's density. "ppm" is refused with the suggestion `[ppm]` (what the
 *   instrument literally said); the message points at `mg/L`, which is what
 *   ICP instruments calibrated with mg/L standards on waters really mean.
 * - Litre is spelled `L`. UCUM also accepts `l`, but one spelling per unit keeps
 *   series comparable, so `mg/l` is refused with the suggestion `mg/L`.
 * - Mass and amount concentrations are different quantities: mg/L and mmol/L
 *   only convert with a molar mass, which this module does not know.
 */

export type Quantity =
  | "mass_concentration"
  | "amount_concentration"
  | "equivalent_concentration"
  | "mass_fraction"
  | "flow_rate"
  | "temperature"
  | "pressure"
  | "electric_potential"
  | "conductivity"
  | "pH"
  | "time"
  | "dimensionless"
  | "length"
  | "energy"
  | "angle"
  | "electric_current";

/** value in the quantity's base unit = value × factor + offset (the offset is only for Cel → K). */
interface UnitDefinition {
  quantity: Quantity;
  factor: number;
  offset?: number;
}

/** Accepted UCUM codes. Base units: mg/L, mmol/L, meq/L, [ppm], mL/min, K, MPa, mV, mS/cm, [pH], s, 1, um, keV, deg, uA. */
export const UCUM_UNITS: Readonly<Record<string, UnitDefinition>> = {
  "g/L": { quantity: "mass_concentration", factor: 1e3 },
  "mg/L": { quantity: "mass_concentration", factor: 1 },
  "ug/L": { quantity: "mass_concentration", factor: 1e-3 },
  "ng/L": { quantity: "mass_concentration", factor: 1e-6 },
  "mol/L": { quantity: "amount_concentration", factor: 1e3 },
  "mmol/L": { quantity: "amount_concentration", factor: 1 },
  "umol/L": { quantity: "amount_concentration", factor: 1e-3 },
  "nmol/L": { quantity: "amount_concentration", factor: 1e-6 },
  "meq/L": { quantity: "equivalent_concentration", factor: 1 },
  "[ppm]": { quantity: "mass_fraction", factor: 1 },
  "[ppb]": { quantity: "mass_fraction", factor: 1e-3 },
  "mg/kg": { quantity: "mass_fraction", factor: 1 },
  "ug/kg": { quantity: "mass_fraction", factor: 1e-3 },
  "L/min": { quantity: "flow_rate", factor: 1e3 },
  "mL/min": { quantity: "flow_rate", factor: 1 },
  "uL/min": { quantity: "flow_rate", factor: 1e-3 },
  "mL/h": { quantity: "flow_rate", factor: 1 / 60 },
  Cel: { quantity: "temperature", factor: 1, offset: 273.15 },
  K: { quantity: "temperature", factor: 1 },
  MPa: { quantity: "pressure", factor: 1 },
  kPa: { quantity: "pressure", factor: 1e-3 },
  Pa: { quantity: "pressure", factor: 1e-6 },
  bar: { quantity: "pressure", factor: 0.1 },
  mbar: { quantity: "pressure", factor: 1e-4 },
  "[psi]": { quantity: "pressure", factor: 6.894757293168361e-3 },
  kV: { quantity: "electric_potential", factor: 1e6 },
  V: { quantity: "electric_potential", factor: 1e3 },
  mV: { quantity: "electric_potential", factor: 1 },
  "S/m": { quantity: "conductivity", factor: 10 },
  "mS/cm": { quantity: "conductivity", factor: 1 },
  "uS/cm": { quantity: "conductivity", factor: 1e-3 },
  "[pH]": { quantity: "pH", factor: 1 },
  ms: { quantity: "time", factor: 1e-3 },
  s: { quantity: "time", factor: 1 },
  min: { quantity: "time", factor: 60 },
  h: { quantity: "time", factor: 3600 },
  d: { quantity: "time", factor: 86400 },
  "1": { quantity: "dimensionless", factor: 1 },
  "%": { quantity: "dimensionless", factor: 1e-2 },
  m: { quantity: "length", factor: 1e6 },
  cm: { quantity: "length", factor: 1e4 },
  mm: { quantity: "length", factor: 1e3 },
  um: { quantity: "length", factor: 1 },
  nm: { quantity: "length", factor: 1e-3 },
  eV: { quantity: "energy", factor: 1e-3 },
  keV: { quantity: "energy", factor: 1 },
  MeV: { quantity: "energy", factor: 1e3 },
  GeV: { quantity: "energy", factor: 1e6 },
  deg: { quantity: "angle", factor: 1 },
  rad: { quantity: "angle", factor: 180 / Math.PI },
  mrad: { quantity: "angle", factor: 0.18 / Math.PI },
  A: { quantity: "electric_current", factor: 1e6 },
  mA: { quantity: "electric_current", factor: 1e3 },
  uA: { quantity: "electric_current", factor: 1 },
  nA: { quantity: "electric_current", factor: 1e-3 },
};

export type UcumCheck = { ok: true; code: string; quantity: Quantity } | { ok: false; message: string; suggestion?: string };

/** Whole-string mistakes, matched exactly (case matters: "mM" is millimolar, "mm" millimetre). */
const CASED_ALIASES: Readonly<Record<string, string>> = { mM: "mmol/L", uM: "umol/L", M: "mol/L", C: "Cel" };

/** Whole-string mistakes, matched after lower-casing, with µ/μ written u and spaces removed. */
const LOWER_ALIASES: Readonly<Record<string, string>> = {
  "°c": "Cel", "ºc": "Cel", "℃": "Cel", degc: "Cel", "deg.c": "Cel", celsius: "Cel", kelvin: "K",
  ppm: "[ppm]", ppb: "[ppb]", ph: "[pH]", psi: "[psi]", "°": "deg", degree: "deg", degrees: "deg", radian: "rad", radians: "rad",
  micron: "um", microns: "um", micrometre: "um", micrometer: "um", micrometres: "um", micrometers: "um",
  sec: "s", secs: "s", second: "s", seconds: "s", mins: "min", minute: "min", minutes: "min", hr: "h", hrs: "h", hour: "h", hours: "h",
};

/** Parts of a ratio ("ml" in "ml/min"), matched after lower-casing. */
const PART_ALIASES: Readonly<Record<string, string>> = {
  l: "L", ml: "mL", ul: "uL", hr: "h", hrs: "h", sec: "s", mins: "min", "°c": "Cel",
};

/** Lower-cased code → code, for codes that stay unique when lower-cased. */
const LOWERCASE_INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string | null>();
  for (const code of Object.keys(UCUM_UNITS)) {
    const lower = code.toLowerCase();
    index.set(lower, index.has(lower) ? null : code);
  }
  return new Map([...index].filter((entry): entry is [string, string] => entry[1] !== null));
})();

/** A table lookup that ignores Object.prototype ("constructor" is not a unit). */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Spaces removed, micro written "u" (UCUM's ASCII spelling). */
const compact = (raw: string) => raw.replace(/\s+/g, "").replace(/[µμ]/g, "u");

function suggestionFor(raw: string): string | undefined {
  const written = compact(raw);
  const alias = lookup(CASED_ALIASES, written) ?? lookup(LOWER_ALIASES, written.toLowerCase());
  if (alias) return alias;
  if (lookup(UCUM_UNITS, written)) return written;
  const byParts = written
    .split("/")
    .map((part) => lookup(PART_ALIASES, part.toLowerCase()) ?? part)
    .join("/");
  if (lookup(UCUM_UNITS, byParts)) return byParts;
  return LOWERCASE_INDEX.get(byParts.toLowerCase());
}

/** Is `code` a UCUM code the logbook accepts? If not, why, and what was probably meant. */
export function checkUcum(code: string): UcumCheck {
  const known = lookup(UCUM_UNITS, code);
  if (known) return { ok: true, code, quantity: known.quantity };
  const suggestion = suggestionFor(code);
  const shown = code === "" ? "An empty unit" : `"${code}"`;
  if (suggestion === "[ppm]" || suggestion === "[ppb]") {
    const perVolume = suggestion === "[ppm]" ? "mg/L" : "ug/L";
    return {
      ok: false,
      suggestion,
      message: `${shown} is not a UCUM code: UCUM writes it "${suggestion}", a mass fraction. If the instrument reports mass per volume (usual for ICP on waters), use "${perVolume}".`,
    };
  }
  const written = compact(code);
  const onlyLitreDiffers = written.includes("l") && written.replace(/l/g, "L") === suggestion;
  if (suggestion && onlyLitreDiffers) {
    return { ok: false, suggestion, message: `${shown}: write litre as "L" ("${suggestion}"); UCUM also allows "l", but one spelling keeps series comparable.` };
  }
  if (suggestion) return { ok: false, suggestion, message: `${shown} is not a UCUM code the logbook accepts: did you mean "${suggestion}"?` };
  return { ok: false, message: `${shown} is not a UCUM code the logbook accepts (for example mg/L, mmol/L, mL/min, Cel, MPa, mV, uS/cm, [pH]).` };
}

/** The UCUM code for a loosely written unit ("micron", "µm", "degrees"), or null if it is not recognised. */
export function normaliseUnit(raw: string): string | null {
  const check = checkUcum(raw.trim());
  if (check.ok) return check.code;
  return check.suggestion ?? null;
}

export function quantityOf(code: string): Quantity | null {
  return lookup(UCUM_UNITS, code)?.quantity ?? null;
}

/** Converts between two accepted codes of one quantity; null when they are not both accepted or measure different things. */
export function convertUnit(value: number, from: string, to: string): number | null {
  const source = lookup(UCUM_UNITS, from);
  const target = lookup(UCUM_UNITS, to);
  if (!source || !target || source.quantity !== target.quantity) return null;
  if (from === to) return value;
  const base = value * source.factor + (source.offset ?? 0);
  return (base - (target.offset ?? 0)) / target.factor;
}
