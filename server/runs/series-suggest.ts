/**
 * A first guess at an instrument's mapping from its header names ("Elapsed
 * (min)", "Li 670.784 (mg/L)", "SO4 2- (mg/L)", "Eh (mV)", "Flow rate
 * [mL/min]", "T (°C)"…) and, for the time column, a first data row.
 */
import { splitCsvLine } from "./csv-records";
import type { MeasuredColumn } from "./series-mapping";
import { LOCAL_DATE_TIME, parseIsoInstant } from "./series-time";
import { checkUcum, quantityOf } from "./units";
import { CONCENTRATIONS, NUMBER } from "./series-values";

export type SuggestedTime =
  | { column: string; format: "iso8601" }
  | { column: string; format: "elapsed"; unit: "s" | "min" | "h"; start: null }
  | { column: string; format: "local"; timeZone: null; dateOrder: "YMD" | "DMY" | "MDY" };
export type SuggestedColumn = Omit<MeasuredColumn, "unit"> & { unit: string | null };
/** A first guess for the UI to pre-fill; notes say what the user must still decide. */
export interface MappingSuggestion {
  time: SuggestedTime | null;
  columns: SuggestedColumn[];
  unrecognised: string[];
  notes: string[];
}

const ELEMENTS = new Set(
  ("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe " +
    "Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U").split(" "),
);
const ION_NAMES: Readonly<Record<string, string>> = {
  fluoride: "F", chloride: "Cl", bromide: "Br", nitrite: "NO2", nitrate: "NO3", sulfate: "SO4", sulphate: "SO4",
  phosphate: "PO4", bicarbonate: "HCO3", carbonate: "CO3", ammonium: "NH4",
};
const ION = /^(F|Cl|Br|NO2|NO3|SO4|PO4|HCO3|CO3|NH4)\s*(\d?[+-]|[+-]\d?)?$/;
const OES_LINE = /^([A-Z][a-z]?)\s*(\d{2,3}\.\d{1,4})(\s*nm)?$/;
const MS_ISOTOPE = /^(?:(\d{1,3})\s*([A-Z][a-z]?)|([A-Z][a-z]?)\s*(\d{1,3}))$/;

/** Proposes a mapping from header names like "Elapsed (min)", "Li 670.784 (mg/L)", "Eh (mV)", "Flow rate [mL/min]", "T (°C)". */
export function suggestMapping(header: string | readonly string[], firstRow?: readonly string[]): MappingSuggestion {
  const names = typeof header === "string" ? splitCsvLine(header) : header.map((name) => name.trim());
  const suggestion: MappingSuggestion = { time: null, columns: [], unrecognised: [], notes: [] };
  names.forEach((name, i) => {
    if (!name) return;
    const unitMatch = /^(.*?)\s*[([]([^()[\]]+)[)\]]\s*$/.exec(name);
    const label = (unitMatch?.[1] ?? name).trim();
    const unit = unitMatch ? headerUnit(unitMatch[2]!.trim(), name, suggestion.notes) : null;
    const time = suggestion.time ? null : suggestTime(name, label, unit, firstRow?.[i]?.trim(), suggestion.notes);
    if (time) suggestion.time = time;
    else {
      const column = suggestColumn(name, label, unit, suggestion.notes);
      if (column) suggestion.columns.push(column);
      else suggestion.unrecognised.push(name);
    }
  });
  const pH = suggestion.columns.find((column) => column.key === "pH");
  const temperatures = suggestion.columns.filter((column) => column.key === "temperature");
  if (pH && temperatures.length === 1) {
    pH.temperatureColumn = temperatures[0]!.column;
    suggestion.notes.push(`pH is taken as read at "${temperatures[0]!.column}": check it is the probe's temperature.`);
  }
  return suggestion;
}


function headerUnit(written: string, name: string, notes: string[]): string | null {
  const check = checkUcum(written);
  if (check.ok) return check.code;
  if (check.suggestion) {
    notes.push(`"${name}": ${check.message}`);
    return check.suggestion;
  }
  return null;
}

function suggestTime(name: string, label: string, unit: string | null, sample: string | undefined, notes: string[]): SuggestedTime | null {
  if ((unit === "s" || unit === "min" || unit === "h") && /elapsed|time|^t$|duration|run ?time|zeit|dauer/i.test(label)) {
    notes.push(`"${name}": elapsed time; set the instant it counts from.`);
    return { column: name, format: "elapsed", unit, start: null };
  }
  if (!/^(date|time|date ?\/? ?time|date and time|datetime|time ?stamp|zeit|datum|datum ?\/? ?zeit)$/i.test(label)) return null;
  if (sample && !Number.isNaN(parseIsoInstant(sample))) return { column: name, format: "iso8601" };
  const order = !sample ? null : LOCAL_DATE_TIME.YMD.test(sample) ? "YMD" : LOCAL_DATE_TIME.DMY.test(sample) ? "DMY" : null;
  if (order) {
    notes.push(`"${name}": local time without a UTC offset; set the instrument clock's time zone.`);
    if (order === "DMY" && sample?.includes("/")) notes.push(`"${name}": read as day/month/year; choose month/day/year if the instrument is set up that way.`);
    return { column: name, format: "local", timeZone: null, dateOrder: order };
  }
  if (sample && NUMBER.test(sample.replace(",", "."))) {
    notes.push(`"${name}": numbers, read as elapsed seconds; set the unit and the instant they count from.`);
    return { column: name, format: "elapsed", unit: "s", start: null };
  }
  notes.push(`"${name}": check the time format.`);
  return { column: name, format: "iso8601" };
}

function suggestColumn(name: string, label: string, unit: string | null, notes: string[]): SuggestedColumn | null {
  const quantity = unit ? quantityOf(unit) : null;
  const base = { column: name, unit, method: "" };
  const environment = (key: string): SuggestedColumn => ({ ...base, key, kind: "ENVIRONMENT" });
  if (/^ph$/i.test(label)) return { ...base, key: "pH", kind: "OUTLET_CHEMISTRY", unit: unit ?? "[pH]", method: "probe" };
  if (/^(eh|orp|redox)\b/i.test(label)) {
    const vsShe = /\bshe\b/i.test(name);
    if (!vsShe) notes.push(`"${name}": set the reference electrode (Eh is stored against SHE).`);
    return { ...base, key: "Eh", kind: "OUTLET_CHEMISTRY", unit: unit ?? "mV", method: "probe", ...(vsShe ? { eh: { referenceElectrode: "SHE", valuesVsShe: true } } : {}) };
  }
  if (/conductiv|^ec$|^cond\.?$/i.test(label) || quantity === "conductivity") return { ...base, key: "conductivity", kind: "OUTLET_CHEMISTRY", method: "probe" };
  if (/flow/i.test(label) || quantity === "flow_rate") return environment("flow_rate");
  if (/confin|^pc$|cell pressure/i.test(label)) return environment("confining_pressure");
  if (/pore|^pp$|back ?pressure/i.test(label)) return environment("pore_pressure");
  if (/diff\w*\.? ?stress|deviator|^q$|Δσ/i.test(label)) return environment("differential_stress");
  if (/^(t|temp\.?|temperature)\b/i.test(label) || quantity === "temperature") return environment("temperature");
  if (quantity && !CONCENTRATIONS.includes(quantity)) return null;

  const chemistry = (key: string, method: string): SuggestedColumn => {
    if (!unit) notes.push(`"${name}": no unit in the header; set it.`);
    return { ...base, key, kind: "OUTLET_CHEMISTRY", method };
  };
  const ion = ION.exec(label)?.[1] ?? (Object.hasOwn(ION_NAMES, label.toLowerCase()) ? ION_NAMES[label.toLowerCase()] : undefined);
  if (ion) return chemistry(ion, "IC");
  const line = OES_LINE.exec(label);
  if (line && ELEMENTS.has(line[1]!)) return chemistry(line[1]!, "ICP-OES");
  const isotope = MS_ISOTOPE.exec(label);
  const isotopeElement = isotope?.[2] ?? isotope?.[3];
  if (isotopeElement && ELEMENTS.has(isotopeElement)) return chemistry(isotopeElement, "ICP-MS");
  if (ELEMENTS.has(label)) return chemistry(label, "");
  return null;
}
