/**
 * How an instrument's CSV export maps to series: which column holds the time
 * and how to read it, and which columns are series (key, kind, UCUM unit,
 * method, Eh reference electrode, pH temperature). The caller remembers a
 * mapping per instrument (InstrumentMapping) as JSON.
 */
import { z } from "zod";

export const SERIES_KINDS = ["ENVIRONMENT", "OUTLET_CHEMISTRY"] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/**
 * mV to add to a potential read against the electrode to express it against the
 * standard hydrogen electrode, at 25 °C. The offsets drift by about 1 mV/K: a
 * mapping can give its own offsetToSheMv (e.g. corrected to the probe temperature).
 */
export const SHE_OFFSET_MV: Readonly<Record<string, number>> = {
  SHE: 0,
  "Ag/AgCl (3 M KCl)": 210,
  "Ag/AgCl (3.5 M KCl)": 205,
  "Ag/AgCl (sat. KCl)": 197,
  "SCE (sat. KCl)": 241,
};

const columnName = z.string().trim().min(1);
const timeColumnSchema = z.discriminatedUnion("format", [
  /** Timestamps with a UTC offset, "2026-11-27T10:15:00+01:00". */
  z.object({ format: z.literal("iso8601"), column: columnName }),
  /** Numbers counting from a start instant (ISO 8601 with offset). */
  z.object({ format: z.literal("elapsed"), column: columnName, unit: z.enum(["s", "min", "h"]), start: z.string() }),
  /** Wall-clock date-times of the instrument's clock, in an IANA time zone. */
  z.object({ format: z.literal("local"), column: columnName, timeZone: z.string(), dateOrder: z.enum(["YMD", "DMY", "MDY"]).default("YMD") }),
]);
const measuredColumnSchema = z.object({
  column: columnName,
  /** "Li", "SO4", "pH", "Eh", "flow_rate", "temperature", "confining_pressure"… */
  key: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_+\-/.]{0,39}$/, "A series key is a short name like Li, SO4, pH, Eh or flow_rate."),
  kind: z.enum(SERIES_KINDS),
  /** UCUM code, checked with units.ts. */
  unit: z.string(),
  /** ICP-OES, ICP-MS, IC, probe… */
  method: z.string().trim().default(""),
  /** Eh only: what the potential was measured against. */
  eh: z.object({ referenceElectrode: z.string().trim().min(1), valuesVsShe: z.boolean(), offsetToSheMv: z.number().finite().optional() }).optional(),
  /** pH only: the column holding the temperature the pH was read at (mapped as a temperature series). */
  temperatureColumn: columnName.optional(),
});
export const columnMappingSchema = z.object({ time: timeColumnSchema, columns: z.array(measuredColumnSchema).min(1) });
/** How one instrument's export maps to series; JSON, remembered per instrument by the caller. */
export type ColumnMapping = z.input<typeof columnMappingSchema>;
export type MeasuredColumn = z.input<typeof measuredColumnSchema>;
/** A checked mapping, defaults filled in. */
export type Mapping = z.output<typeof columnMappingSchema>;
export type Measured = z.output<typeof measuredColumnSchema>;
