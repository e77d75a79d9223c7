/**
 * Reading the cells of the series columns: decimal numbers with "." or ","
 * (one per file), below-detection markers with their limit, missing values,
 * and the checks a value must pass for its series (pH 0–14, no negative
 * concentration, nothing below absolute zero). Also checks the mapping's
 * series columns against the header before any row is read.
 */
import { checkUcum, convertUnit, quantityOf, type Quantity } from "./units";
import { SHE_OFFSET_MV, type Mapping, type Measured } from "./series-mapping";
import { parseIsoInstant } from "./series-time";

/** Bits of a point's flag. A flagged value is NaN. */
export const POINT_FLAG = { BELOW_DETECTION: 1, MISSING: 2 } as const;

/** line: 1-based line in the file (null: about the mapping); column: the header name. */
export type ParseError = { line: number | null; column: string | null; message: string; suggestion?: string };

export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BELOW_DETECTION_WORD = /^(n\.?\s?d\.?|b\.?d\.?l\.?|<\s*(lod|loq|dl|ld|bdl|nwg))$/i;
const MISSING_WORD = /^(n\.?\s?a\.?|-+|—|nan)$/i;
export const CONCENTRATIONS: readonly Quantity[] = ["mass_concentration", "amount_concentration", "equivalent_concentration", "mass_fraction"];
/** What each well-known key measures; other outlet-chemistry keys (Li, SO4, alkalinity…) are concentrations. */
const QUANTITY_OF_KEY: Readonly<Record<string, Quantity>> = {
  pH: "pH",
  Eh: "electric_potential",
  temperature: "temperature",
  flow_rate: "flow_rate",
  confining_pressure: "pressure",
  pore_pressure: "pressure",
  differential_stress: "pressure",
  conductivity: "conductivity",
};

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Reads decimal numbers with "." or ",", whichever the file uses: the first one
 * seen decides, and a number with the other is refused. Scanned by hand because
 * it runs for every cell: up to 15 digits, mantissa / 10^k is exact and correctly
 * rounded (both are exact doubles); longer numbers and exponents go to Number().
 */
export function numberReader(initial: "." | "," | null) {
  let decimal = initial;
  const read = (raw: string): number | string => {
    const n = raw.length;
    let i = raw.charCodeAt(0) === 45 || raw.charCodeAt(0) === 43 ? 1 : 0;
    let mantissa = 0;
    let digits = 0;
    let fractionDigits = 0;
    let separator = "";
    let exponent = false;
    for (; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (separator) fractionDigits++;
      } else if ((c === 46 || c === 44) && !separator) separator = raw[i]!;
      else if (c === 46 || c === 44) return `"${raw}" has both "," and ".": thousands separators are not accepted.`;
      else if ((c === 101 || c === 69) && digits > 0) {
        exponent = true;
        break;
      } else return `"${raw}" is not a number.`;
    }
    if (digits === 0) return `"${raw}" is not a number.`;
    if (separator && decimal && separator !== decimal) {
      return separator === "," ? `"${raw}" has a decimal comma, but this file uses decimal points.` : `"${raw}" has a decimal point, but this file uses decimal commas.`;
    }
    if (separator) decimal = separator as "." | ",";
    if (!exponent && digits <= 15) return (raw.charCodeAt(0) === 45 ? -mantissa : mantissa) / POWERS_OF_TEN[fractionDigits]!;
    const written = separator === "," ? raw.replace(",", ".") : raw;
    if (!NUMBER.test(written)) return `"${raw}" is not a number.`;
    const value = Number(written);
    return Number.isFinite(value) ? value : `"${raw}" is too large.`;
  };
  return { read, separator: () => decimal };
}

export interface ColumnPlan {
  spec: Measured;
  index: number;
  /** Added to every value: the Eh reference electrode's offset to SHE, in the column's unit. */
  offset: number;
  sheOffsetMv: number | null;
  min: number;
  max: number;
  rangeMessage: string;
  v: Float64Array;
  flags: Uint8Array;
  limits: Float64Array | null;
}

/** Checks the mapping against the header: columns exist once, units are UCUM and fit the key, Eh has its reference. */
export function planColumns(mapping: Mapping, names: string[], headerLine: number, capacity: number, errors: ParseError[]) {
  const indexOf = (column: string) => {
    const found = names.flatMap((name, i) => (name === column ? [i] : []));
    if (found.length === 0) errors.push({ line: headerLine, column, message: `The header has no column "${column}".` });
    if (found.length > 1) errors.push({ line: headerLine, column, message: `The header has ${found.length} columns named "${column}".` });
    return found.length === 1 ? found[0]! : -1;
  };
  const timeIndex = indexOf(mapping.time.column);
  if (mapping.time.format === "elapsed" && Number.isNaN(parseIsoInstant(mapping.time.start))) {
    errors.push({ line: null, column: mapping.time.column, message: `The start instant "${mapping.time.start}" is not an ISO 8601 date-time with a UTC offset.` });
  }
  if (mapping.time.format === "local") {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: mapping.time.timeZone });
    } catch {
      errors.push({ line: null, column: mapping.time.column, message: `"${mapping.time.timeZone}" is not an IANA time zone (like Europe/London).` });
    }
  }
  const plans: ColumnPlan[] = [];
  const keys = new Set<string>();
  for (const spec of mapping.columns) {
    const at = (message: string, suggestion?: string) => errors.push({ line: headerLine, column: spec.column, message, ...(suggestion ? { suggestion } : {}) });
    const index = indexOf(spec.column);
    if (index === timeIndex && index >= 0) at("The time column cannot also be a series.");
    if (keys.has(spec.key)) at(`Two columns are mapped to the series "${spec.key}".`);
    keys.add(spec.key);
    const unit = checkUcum(spec.unit);
    if (!unit.ok) {
      at(unit.message, unit.suggestion);
      continue;
    }
    const expected = Object.hasOwn(QUANTITY_OF_KEY, spec.key) ? QUANTITY_OF_KEY[spec.key] : undefined;
    if (expected ? unit.quantity !== expected : spec.kind === "OUTLET_CHEMISTRY" && !CONCENTRATIONS.includes(unit.quantity)) {
      at(`"${spec.unit}" is a ${unit.quantity.replace(/_/g, " ")} unit, not one for ${spec.key}.`);
      continue;
    }
    let offset = 0;
    let sheOffsetMv: number | null = null;
    if (spec.key === "Eh") {
      const electrode = spec.eh?.referenceElectrode;
      const known = electrode && Object.hasOwn(SHE_OFFSET_MV, electrode) ? SHE_OFFSET_MV[electrode] : undefined;
      sheOffsetMv = spec.eh?.valuesVsShe ? 0 : (spec.eh?.offsetToSheMv ?? known ?? null);
      if (!spec.eh) at("Eh needs its reference electrode, and whether the values are already against SHE.");
      else if (sheOffsetMv === null) at(`No offset to SHE is known for "${electrode}": give offsetToSheMv (known: ${Object.keys(SHE_OFFSET_MV).join(", ")}).`);
      else offset = convertUnit(sheOffsetMv, "mV", spec.unit)!;
    } else if (spec.eh) at("Only the Eh series takes a reference electrode.");
    if (spec.temperatureColumn !== undefined) {
      const temperature = mapping.columns.find((other) => other.column === spec.temperatureColumn);
      if (spec.key !== "pH") at("Only the pH series takes a temperature column.");
      else if (!temperature || quantityOf(temperature.unit) !== "temperature") at(`The pH temperature column "${spec.temperatureColumn}" must be mapped as a temperature series.`);
    }
    const range = valueRange(spec.key, unit.quantity, spec.unit);
    plans.push({ spec, index, offset, sheOffsetMv, ...range, v: new Float64Array(capacity), flags: new Uint8Array(capacity), limits: null });
  }
  return { timeIndex, plans };
}

function valueRange(key: string, quantity: Quantity, unit: string): { min: number; max: number; rangeMessage: string } {
  if (quantity === "pH") return { min: 0, max: 14, rangeMessage: "is outside the pH scale 0–14." };
  if (quantity === "temperature") return { min: convertUnit(0, "K", unit)!, max: Infinity, rangeMessage: "is below absolute zero." };
  if (CONCENTRATIONS.includes(quantity)) return { min: 0, max: Infinity, rangeMessage: `is a negative concentration: write it as below detection (like <0.01).` };
  return { min: -Infinity, max: Infinity, rangeMessage: "" };
}

/** Stores one cell in the plan's arrays at `row`; returns what is wrong with it, if anything. */
export function readValue(raw: string, plan: ColumnPlan, row: number, readNumber: (raw: string) => number | string): string | null {
  plan.v[row] = NaN;
  const startsWithDigit = raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57; // most cells: skip the marker checks
  if (!startsWithDigit && (raw === "" || MISSING_WORD.test(raw))) {
    plan.flags[row] = POINT_FLAG.MISSING;
    return null;
  }
  const belowDetection = !startsWithDigit && (raw.startsWith("<") || BELOW_DETECTION_WORD.test(raw));
  if (belowDetection) {
    if (plan.spec.kind !== "OUTLET_CHEMISTRY") return `"${raw}": a detection limit only makes sense for outlet chemistry.`;
    const limit = BELOW_DETECTION_WORD.test(raw) ? NaN : readNumber(raw.slice(1).trim());
    if (typeof limit === "string") return limit;
    plan.flags[row] = POINT_FLAG.BELOW_DETECTION;
    if (!Number.isNaN(limit)) {
      plan.limits ??= new Float64Array(plan.v.length).fill(NaN);
      plan.limits[row] = limit;
    }
    return null;
  }
  if (raw.startsWith(">")) return `"${raw}" is above the instrument's range: only values and below-detection markers (<0.01, n.d.) are accepted.`;
  const value = readNumber(raw);
  if (typeof value === "string") return value;
  const stored = value + plan.offset;
  if (stored < plan.min || stored > plan.max) return `${raw} ${plan.rangeMessage}`;
  plan.v[row] = stored;
  plan.flags[row] = 0;
  return null;
}
