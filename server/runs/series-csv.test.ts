import { describe, expect, it } from "vitest";
import {
  POINT_FLAG,
  downsampleSeries,
  parseIsoInstant,
  parseSeriesCsv,
  suggestMapping,
  type ColumnMapping,
  type MeasuredColumn,
  type ParseResult,
} from "./series-csv";

const ms = (iso: string) => new Date(iso).getTime();
const ok = (result: ParseResult) => {
  if (!result.ok) throw new Error(`expected the file to parse: ${JSON.stringify(result.errors)}`);
  return result;
};
const seriesOf = (result: ParseResult, key: string) => {
  const found = ok(result).series.find((series) => series.key === key);
  if (!found) throw new Error(`no series ${key}`);
  return found;
};
const icp = (column: string, key: string): MeasuredColumn => ({ column, key, kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "ICP-OES" });

describe("parseSeriesCsv: an ICP-OES export (semicolons, decimal commas, below-detection values)", () => {
  const exported = [
    "Agilent ICP Expert export;;;;;",
    "Worksheet: OKE flow-through 2026-11;;;;;",
    ";;;;;",
    "Solution Label;Date Time;Li 670.784 (mg/L);Ca 317.933 (mg/L);Fe 238.204 (mg/L);Al 396.152 (mg/L)",
    "Outlet 01;27.11.2026 10:00:00;12,5;48,2;<0,01;0,153",
    "Outlet 02;27.11.2026 10:30:00;11,9;47,9;0,012;n.d.",
    'Outlet 03;27.11.2026 11:00:00;"11,2";46,1;< 0,01;0,149',
    ";;;;;",
    "",
  ].join("\r\n");
  const mapping: ColumnMapping = {
    time: { column: "Date Time", format: "local", timeZone: "Europe/Berlin", dateOrder: "DMY" },
    columns: [icp("Li 670.784 (mg/L)", "Li"), icp("Ca 317.933 (mg/L)", "Ca"), icp("Fe 238.204 (mg/L)", "Fe"), icp("Al 396.152 (mg/L)", "Al")],
  };

  it("reads every value, in UTC, with below-detection values as NaN plus their limit", () => {
    const result = ok(parseSeriesCsv(exported, mapping));
    expect(result).toMatchObject({ rowCount: 3, headerLine: 4, delimiter: ";", decimalSeparator: "," });
    const li = seriesOf(result, "Li");
    expect(li).toMatchObject({ key: "Li", kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "ICP-OES", column: "Li 670.784 (mg/L)", referenceElectrode: null, sheOffsetMv: null });
    expect([...li.points.t]).toEqual([ms("2026-11-27T09:00:00Z"), ms("2026-11-27T09:30:00Z"), ms("2026-11-27T10:00:00Z")]);
    expect([...li.points.v]).toEqual([12.5, 11.9, 11.2]);
    expect([...li.points.flags]).toEqual([0, 0, 0]);
    expect(li.points.detectionLimit).toBeNull();

    const fe = seriesOf(result, "Fe");
    expect([...fe.points.v]).toEqual([NaN, 0.012, NaN]);
    expect([...fe.points.flags]).toEqual([POINT_FLAG.BELOW_DETECTION, 0, POINT_FLAG.BELOW_DETECTION]);
    expect([...fe.points.detectionLimit!]).toEqual([0.01, NaN, 0.01]);

    const al = seriesOf(result, "Al");
    expect([...al.points.v]).toEqual([0.153, NaN, 0.149]);
    expect([...al.points.flags]).toEqual([0, POINT_FLAG.BELOW_DETECTION, 0]);
    expect(al.points.detectionLimit).toBeNull();
  });

  it("stores typed arrays, one time array shared by the series of a file", () => {
    const [li, ca] = ok(parseSeriesCsv(exported, mapping)).series;
    expect(li!.points.t).toBeInstanceOf(Float64Array);
    expect(li!.points.v).toBeInstanceOf(Float64Array);
    expect(li!.points.flags).toBeInstanceOf(Uint8Array);
    expect(ca!.points.t).toBe(li!.points.t);
  });

  it("refuses a decimal point among decimal commas", () => {
    const result = parseSeriesCsv(exported.replace("47,9", "47.9"), mapping);
    expect(result).toEqual({ ok: false, truncated: false, errors: [{ line: 6, column: "Ca 317.933 (mg/L)", message: '"47.9" has a decimal point, but this file uses decimal commas.' }] });
  });

  it("refuses a negative concentration and a value above the range", () => {
    const result = parseSeriesCsv(exported.replace("48,2", "-0,002").replace("0,149", ">50"), mapping);
    expect(result.ok || result.errors).toEqual([
      { line: 5, column: "Ca 317.933 (mg/L)", message: "-0,002 is a negative concentration: write it as below detection (like <0.01)." },
      { line: 7, column: "Al 396.152 (mg/L)", message: '">50" is above the instrument\'s range: only values and below-detection markers (<0.01, n.d.) are accepted.' },
    ]);
  });
});

describe("parseSeriesCsv: a sample-environment log (tabs, elapsed minutes)", () => {
  const log = [
    "Elapsed (min)\tFlow rate [mL/min]\tT (°C)\tPc (MPa)\tPp (MPa)\tDiff. stress (MPa)",
    "0\t0.100\t80.0\t20.0\t10.0\t0.0",
    "0.5\t0.100\t80.1\t20.0\t10.0\t12.5",
    "1\t0.098\t80.1\t20.1\t10.0\t25.0",
    "90\t0.101\t79.9\t\t10.1\t31.2",
  ].join("\n");
  const environment = (column: string, key: string, unit: string): MeasuredColumn => ({ column, key, kind: "ENVIRONMENT", unit, method: "" });
  const mapping: ColumnMapping = {
    time: { column: "Elapsed (min)", format: "elapsed", unit: "min", start: "2026-11-27T09:00:00+00:00" },
    columns: [
      environment("Flow rate [mL/min]", "flow_rate", "mL/min"),
      environment("T (°C)", "temperature", "Cel"),
      environment("Pc (MPa)", "confining_pressure", "MPa"),
      environment("Pp (MPa)", "pore_pressure", "MPa"),
      environment("Diff. stress (MPa)", "differential_stress", "MPa"),
    ],
  };

  it("counts elapsed minutes from the start instant", () => {
    const result = ok(parseSeriesCsv(log, mapping));
    expect(result).toMatchObject({ rowCount: 4, headerLine: 1, delimiter: "\t", decimalSeparator: "." });
    const flow = seriesOf(result, "flow_rate");
    expect([...flow.points.t]).toEqual([ms("2026-11-27T09:00:00Z"), ms("2026-11-27T09:00:30Z"), ms("2026-11-27T09:01:00Z"), ms("2026-11-27T10:30:00Z")]);
    expect([...flow.points.v]).toEqual([0.1, 0.1, 0.098, 0.101]);
    expect([...seriesOf(result, "differential_stress").points.v]).toEqual([0, 12.5, 25, 31.2]);
  });

  it("keeps an empty cell as missing, not 0", () => {
    const confining = seriesOf(parseSeriesCsv(log, mapping), "confining_pressure");
    expect([...confining.points.v]).toEqual([20, 20, 20.1, NaN]);
    expect([...confining.points.flags]).toEqual([0, 0, 0, POINT_FLAG.MISSING]);
  });

  it("refuses a below-detection marker in the sample environment", () => {
    const result = parseSeriesCsv(log.replace("0.098", "<0.01"), mapping);
    expect(result.ok || result.errors).toEqual([{ line: 4, column: "Flow rate [mL/min]", message: '"<0.01": a detection limit only makes sense for outlet chemistry.' }]);
  });

  it("refuses a temperature below absolute zero", () => {
    const result = parseSeriesCsv(log.replace("79.9", "-300"), mapping);
    expect(result.ok || result.errors).toEqual([{ line: 5, column: "T (°C)", message: "-300 is below absolute zero." }]);
  });
});

const chemistryCsv = (rows: string[]) => ["Time,Li (mg/L),pH,T (°C)", ...rows].join("\n");
const chemistryMapping: ColumnMapping = {
  time: { column: "Time", format: "iso8601" },
  columns: [
    icp("Li (mg/L)", "Li"),
    { column: "pH", key: "pH", kind: "OUTLET_CHEMISTRY", unit: "[pH]", method: "probe", temperatureColumn: "T (°C)" },
    { column: "T (°C)", key: "temperature", kind: "OUTLET_CHEMISTRY", unit: "Cel", method: "probe" },
  ],
};
const goodRows = Array.from({ length: 9 }, (_, i) => `2026-11-27T${String(10 + i).padStart(2, "0")}:00:00+01:00,${(12 - i / 10).toFixed(2)},7.${i},25.0`);

describe("parseSeriesCsv refuses a bad file whole", () => {
  it("reads the good file, with the pH's temperature series", () => {
    const result = ok(parseSeriesCsv(chemistryCsv(goodRows), chemistryMapping));
    expect(result.rowCount).toBe(9);
    expect(seriesOf(result, "pH").temperatureKey).toBe("temperature");
    expect(seriesOf(result, "Li").points.t[0]).toBe(ms("2026-11-27T09:00:00Z"));
  });

  it("names the exact line and column of one bad row in the middle, and returns nothing else", () => {
    const rows = [...goodRows];
    rows[4] = rows[4]!.replace(/,11\.60,/, ",1l.60,");
    const result = parseSeriesCsv(chemistryCsv(rows), chemistryMapping);
    expect(result).toEqual({ ok: false, truncated: false, errors: [{ line: 6, column: "Li (mg/L)", message: '"1l.60" is not a number.' }] });
    expect(result).not.toHaveProperty("series");
  });

  it("refuses a row with the wrong number of fields", () => {
    const rows = [...goodRows];
    rows[2] = `${rows[2]},extra`;
    rows[6] = "2026-11-27T16:00:00+01:00,11.4";
    expect(parseSeriesCsv(chemistryCsv(rows), chemistryMapping)).toEqual({
      ok: false,
      truncated: false,
      errors: [
        { line: 4, column: null, message: "5 fields where the header has 4." },
        { line: 8, column: null, message: "2 fields where the header has 4." },
      ],
    });
  });

  it("refuses pH 15", () => {
    const rows = [...goodRows];
    rows[3] = rows[3]!.replace(",7.3,", ",15,");
    expect(parseSeriesCsv(chemistryCsv(rows), chemistryMapping)).toMatchObject({ ok: false, errors: [{ line: 5, column: "pH", message: "15 is outside the pH scale 0–14." }] });
  });

  it("refuses time going backwards", () => {
    const rows = [...goodRows];
    rows[5] = rows[5]!.replace("T15:00", "T13:30");
    expect(parseSeriesCsv(chemistryCsv(rows), chemistryMapping)).toMatchObject({
      ok: false,
      errors: [{ line: 7, column: "Time", message: "Time goes backwards: 2026-11-27T12:30:00.000Z comes after 2026-11-27T13:00:00.000Z." }],
    });
  });

  it("refuses a timestamp without a UTC offset, pointing at local time", () => {
    const rows = [...goodRows];
    rows[0] = rows[0]!.replace("+01:00", "");
    expect(parseSeriesCsv(chemistryCsv(rows), chemistryMapping)).toMatchObject({
      ok: false,
      errors: [{ line: 2, column: "Time", message: '"2026-11-27T10:00:00" has no UTC offset: map the column as local time in the instrument\'s time zone.' }],
    });
  });

  it("refuses a blank line inside the data but not blank lines at the end", () => {
    const rows = [...goodRows];
    rows.splice(3, 0, "");
    expect(parseSeriesCsv(chemistryCsv(rows), chemistryMapping)).toMatchObject({ ok: false, errors: [{ line: 5, column: null }] });
    expect(parseSeriesCsv(`${chemistryCsv(goodRows)}\n\n,,,\n\n`, chemistryMapping).ok).toBe(true);
  });

  it("lists at most 20 errors and says there were more", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2026-11-27T10:${String(i).padStart(2, "0")}:00Z,x,7,25`);
    const result = parseSeriesCsv(chemistryCsv(rows), chemistryMapping);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(20);
    expect(result.truncated).toBe(true);
    expect(result.errors[19]).toEqual({ line: 21, column: "Li (mg/L)", message: '"x" is not a number.' });
  });

  it("refuses a header without data", () => {
    expect(parseSeriesCsv(chemistryCsv([]), chemistryMapping)).toEqual({ ok: false, truncated: false, errors: [{ line: 1, column: null, message: "The file has a header but no data rows." }] });
  });
});

describe("parseSeriesCsv checks the mapping against the file", () => {
  const withColumn = (column: Partial<MeasuredColumn>): ColumnMapping => ({ ...chemistryMapping, columns: [{ ...icp("Li (mg/L)", "Li"), ...column }] });

  it("refuses a wrong unit with a suggestion", () => {
    expect(parseSeriesCsv(chemistryCsv(goodRows), withColumn({ unit: "mg/l" }))).toEqual({
      ok: false,
      truncated: false,
      errors: [{ line: 1, column: "Li (mg/L)", suggestion: "mg/L", message: '"mg/l": write litre as "L" ("mg/L"); UCUM also allows "l", but one spelling keeps series comparable.' }],
    });
    expect(parseSeriesCsv(chemistryCsv(goodRows), withColumn({ unit: "ppm" }))).toMatchObject({ ok: false, errors: [{ suggestion: "[ppm]" }] });
  });

  it("refuses a unit that does not fit the series", () => {
    expect(parseSeriesCsv(chemistryCsv(goodRows), withColumn({ unit: "MPa" }))).toMatchObject({ ok: false, errors: [{ message: '"MPa" is a pressure unit, not one for Li.' }] });
    expect(parseSeriesCsv(chemistryCsv(goodRows), withColumn({ column: "pH", key: "pH", unit: "mg/L" }))).toMatchObject({ ok: false, errors: [{ message: '"mg/L" is a mass concentration unit, not one for pH.' }] });
  });

  it("refuses columns the header does not have, or has twice", () => {
    const twice = "Time,Li (mg/L),Li (mg/L)\n2026-11-27T10:00:00Z,1,2";
    expect(parseSeriesCsv(chemistryCsv(goodRows), withColumn({ column: "Na (mg/L)", key: "Na" }))).toMatchObject({ ok: false, errors: [{ line: 1, column: "Na (mg/L)", message: 'The header has no column "Na (mg/L)".' }] });
    expect(parseSeriesCsv(twice, withColumn({}))).toMatchObject({ ok: false, errors: [{ message: 'The header has 2 columns named "Li (mg/L)".' }] });
  });

  it("refuses a file whose header does not name the time column", () => {
    const result = parseSeriesCsv(chemistryCsv(goodRows), { ...chemistryMapping, time: { column: "Timestamp", format: "iso8601" } });
    expect(result).toMatchObject({ ok: false, errors: [{ line: null, column: "Timestamp" }] });
  });

  it("refuses a pH temperature column that is not a mapped temperature series", () => {
    const result = parseSeriesCsv(chemistryCsv(goodRows), { ...chemistryMapping, columns: chemistryMapping.columns.slice(0, 2) });
    expect(result).toMatchObject({ ok: false, errors: [{ column: "pH", message: 'The pH temperature column "T (°C)" must be mapped as a temperature series.' }] });
  });

  it("refuses a mapping that is not one (checked with its schema)", () => {
    const result = parseSeriesCsv(chemistryCsv(goodRows), { time: { column: "Time", format: "iso8601" }, columns: [] });
    expect(result).toMatchObject({ ok: false, errors: [{ line: null, column: null }] });
    const badZone = parseSeriesCsv(chemistryCsv(goodRows), { ...chemistryMapping, time: { column: "Time", format: "local", timeZone: "Europe/Atlantis" } });
    expect(badZone).toMatchObject({ ok: false, errors: [{ message: '"Europe/Atlantis" is not an IANA time zone (like Europe/London).' }] });
    const badStart = parseSeriesCsv(chemistryCsv(goodRows), { ...chemistryMapping, time: { column: "Time", format: "elapsed", unit: "s", start: "2026-11-27 09:00" } });
    expect(badStart).toMatchObject({ ok: false, errors: [{ message: 'The start instant "2026-11-27 09:00" is not an ISO 8601 date-time with a UTC offset.' }] });
  });
});

describe("parseSeriesCsv: Eh against SHE", () => {
  const csv = "Time;Eh (mV)\n2026-11-27T10:00:00Z;100\n2026-11-27T10:05:00Z;-45,5\n";
  const eh = (settings: Partial<MeasuredColumn> = {}): ColumnMapping => ({
    time: { column: "Time", format: "iso8601" },
    columns: [{ column: "Eh (mV)", key: "Eh", kind: "OUTLET_CHEMISTRY", unit: "mV", method: "probe", ...settings }],
  });

  it("adds +210 mV to readings against Ag/AgCl (3 M KCl) and records it", () => {
    const series = seriesOf(parseSeriesCsv(csv, eh({ eh: { referenceElectrode: "Ag/AgCl (3 M KCl)", valuesVsShe: false } })), "Eh");
    expect([...series.points.v]).toEqual([310, 164.5]);
    expect(series).toMatchObject({ referenceElectrode: "Ag/AgCl (3 M KCl)", sheOffsetMv: 210 });
  });

  it("takes the mapping's own offset, in the column's unit", () => {
    const own = seriesOf(parseSeriesCsv(csv, eh({ eh: { referenceElectrode: "Ag/AgCl (3 M KCl)", valuesVsShe: false, offsetToSheMv: 205 } })), "Eh");
    expect([...own.points.v]).toEqual([305, 159.5]);
    const volts = parseSeriesCsv("Time;Eh (V)\n2026-11-27T10:00:00Z;0,1\n", {
      time: { column: "Time", format: "iso8601" },
      columns: [{ column: "Eh (V)", key: "Eh", kind: "OUTLET_CHEMISTRY", unit: "V", eh: { referenceElectrode: "Ag/AgCl (3 M KCl)", valuesVsShe: false } }],
    });
    expect(seriesOf(volts, "Eh").points.v[0]).toBeCloseTo(0.31, 12);
  });

  it("keeps values already against SHE", () => {
    const series = seriesOf(parseSeriesCsv(csv, eh({ eh: { referenceElectrode: "Ag/AgCl (3 M KCl)", valuesVsShe: true } })), "Eh");
    expect([...series.points.v]).toEqual([100, -45.5]);
    expect(series.sheOffsetMv).toBe(0);
  });

  it("refuses Eh without its reference, or against an electrode of unknown offset", () => {
    expect(parseSeriesCsv(csv, eh())).toMatchObject({ ok: false, errors: [{ message: "Eh needs its reference electrode, and whether the values are already against SHE." }] });
    expect(parseSeriesCsv(csv, eh({ eh: { referenceElectrode: "Hg/HgSO4", valuesVsShe: false } }))).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('No offset to SHE is known for "Hg/HgSO4"') }] });
  });
});

describe("parseSeriesCsv: CSV details", () => {
  it("reads a BOM, quoted fields with delimiters, doubled quotes and line breaks, and counts lines across them", () => {
    const csv = [
      '\uFEFF"Time","Sample, note","Li (mg/L)"',
      '2026-11-27T10:00:00Z,"outlet, first ""clear"" drop",1.5',
      '2026-11-27T10:10:00Z,"two-line',
      'note",1.6',
      "2026-11-27T10:20:00Z,plain,oops",
    ].join("\n");
    const mapping: ColumnMapping = { time: { column: "Time", format: "iso8601" }, columns: [icp("Li (mg/L)", "Li")] };
    expect(parseSeriesCsv(csv, mapping)).toMatchObject({ ok: false, errors: [{ line: 5, column: "Li (mg/L)", message: '"oops" is not a number.' }] });
    const fixed = ok(parseSeriesCsv(csv.replace("oops", "1.7"), mapping));
    expect([...fixed.series[0]!.points.v]).toEqual([1.5, 1.6, 1.7]);
  });

  it("refuses a quote that is never closed", () => {
    const csv = 'Time,Li (mg/L)\n2026-11-27T10:00:00Z,"1.5\n2026-11-27T10:10:00Z,1.6\n';
    const result = parseSeriesCsv(csv, { time: { column: "Time", format: "iso8601" }, columns: [icp("Li (mg/L)", "Li")] });
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2, column: null, message: "A quoted field is not closed." }] });
  });

  it("resolves the hour repeated when clocks go back, and refuses a time skipped when they go forward", () => {
    const autumn = ["Zeit\tT (°C)", ...["00:30", "01:00", "01:30", "01:00", "01:30", "02:00"].map((time) => `2026-10-25 ${time}\t25`)].join("\n");
    const mapping: ColumnMapping = {
      time: { column: "Zeit", format: "local", timeZone: "Europe/London" },
      columns: [{ column: "T (°C)", key: "temperature", kind: "ENVIRONMENT", unit: "Cel" }],
    };
    const t = seriesOf(parseSeriesCsv(autumn, mapping), "temperature").points.t;
    expect([...t].map((value) => new Date(value).toISOString())).toEqual([
      "2026-10-24T23:30:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T01:30:00.000Z",
      "2026-10-25T02:00:00.000Z",
    ]);
    const spring = "Zeit\tT (°C)\n2026-03-29 00:30\t25\n2026-03-29 01:30\t25\n";
    expect(parseSeriesCsv(spring, mapping)).toMatchObject({ ok: false, errors: [{ line: 3, column: "Zeit", message: '"2026-03-29 01:30" does not exist in Europe/London (the clocks went forward).' }] });
  });

  it("parses ISO instants with any offset", () => {
    expect(parseIsoInstant("2026-11-27T10:15:00+01:00")).toBe(ms("2026-11-27T09:15:00Z"));
    expect(parseIsoInstant("2026-11-27 10:15:00.5-0330")).toBe(ms("2026-11-27T13:45:00.500Z"));
    expect(parseIsoInstant("2026-11-27T10:15Z")).toBe(ms("2026-11-27T10:15:00Z"));
    expect(parseIsoInstant("2026-11-27T10:15:00")).toBeNaN();
    expect(parseIsoInstant("2026-02-29T10:15:00Z")).toBeNaN();
    expect(parseIsoInstant("2028-02-29T10:15:00Z")).toBe(ms("2028-02-29T10:15:00Z"));
  });
});

describe("parseSeriesCsv on a long file", () => {
  it("parses in reasonable time into typed arrays", () => {
    const rows = 200_000;
    const start = ms("2026-11-27T00:00:00Z");
    const lines = ["Time,Flow rate [mL/min],T (°C),Li (mg/L)"];
    for (let i = 0; i < rows; i++) lines.push(`${new Date(start + i * 1000).toISOString()},${(0.1 + (i % 7) / 1000).toFixed(3)},${(80 + (i % 11) / 10).toFixed(1)},${i === 100_000 ? "<0.01" : (12 - i / 2e5).toFixed(4)}`);
    const text = lines.join("\n");
    const began = performance.now();
    const result = ok(
      parseSeriesCsv(text, {
        time: { column: "Time", format: "iso8601" },
        columns: [
          { column: "Flow rate [mL/min]", key: "flow_rate", kind: "ENVIRONMENT", unit: "mL/min" },
          { column: "T (°C)", key: "temperature", kind: "ENVIRONMENT", unit: "Cel" },
          icp("Li (mg/L)", "Li"),
        ],
      }),
    );
    const took = performance.now() - began;
    console.log(`parseSeriesCsv: ${rows.toLocaleString("en")} rows (${(text.length / 1e6).toFixed(1)} MB) in ${took.toFixed(0)} ms`);
    expect(result.rowCount).toBe(rows);
    const li = seriesOf(result, "Li");
    expect(li.points.t).toBeInstanceOf(Float64Array);
    expect(li.points.t).toHaveLength(rows);
    expect(li.points.t[rows - 1]).toBe(start + (rows - 1) * 1000);
    expect(li.points.v[rows - 1]).toBeCloseTo(11.0000, 4);
    expect(li.points.flags[100_000]).toBe(POINT_FLAG.BELOW_DETECTION);
    expect(li.points.detectionLimit![100_000]).toBe(0.01);
    expect(seriesOf(result, "temperature").points.v[10]).toBe(81);

    const shown = downsampleSeries(li.points.t, li.points.v, 2000);
    expect(shown.t.length).toBeLessThanOrEqual(2000);
    expect(shown.v[0]).toBe(12);
  });
});

describe("downsampleSeries", () => {
  const n = 1_000_000;
  const t = Float64Array.from({ length: n }, (_, i) => i * 1000);
  const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5000));
  v[123_457] = 1000;
  v[876_543] = -1000;
  v[400_000] = NaN;

  it("keeps at most maxPoints points, with the peaks in place", () => {
    const shown = downsampleSeries(t, v, 2000);
    expect(shown.t.length).toBeLessThanOrEqual(2000);
    expect(shown.t.length).toBeGreaterThan(1900);
    const peak = shown.v.indexOf(1000);
    const trough = shown.v.indexOf(-1000);
    expect(shown.t[peak]).toBe(123_457_000);
    expect(shown.t[trough]).toBe(876_543_000);
    expect(shown.v.some(Number.isNaN)).toBe(false);
    for (let i = 1; i < shown.t.length; i++) expect(shown.t[i]!).toBeGreaterThan(shown.t[i - 1]!);
  });

  it("returns a short series as it is and refuses fewer than 2 points", () => {
    const few = Float64Array.of(1, 2, 3);
    expect(downsampleSeries(few, few, 10)).toEqual({ t: few, v: few });
    expect(() => downsampleSeries(t, v, 1)).toThrow(RangeError);
  });

  it("skips runs that hold no value", () => {
    const gaps = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? NaN : i));
    const shown = downsampleSeries(Float64Array.from({ length: 100 }, (_, i) => i), gaps, 10);
    // 5 runs of 20 points: the first two are all NaN, the others keep their lowest and highest.
    expect([...shown.v]).toEqual([50, 59, 60, 79, 80, 99]);
    expect([...shown.t]).toEqual([50, 59, 60, 79, 80, 99]);
  });
});

describe("suggestMapping", () => {
  it("proposes series, methods and units from common header names", () => {
    const suggestion = suggestMapping(
      ["Time", "Elapsed (min)", "Li 670.784 (mg/L)", "7Li (ug/L)", "SO4 2- (mg/L)", "Chloride (mg/L)", "pH", "Eh (mV)", "Flow rate [mL/min]", "T (°C)", "Conductivity (µS/cm)", "Pc (MPa)", "Sample ID"],
      ["2026-11-27T10:00:00+01:00"],
    );
    expect(suggestion.time).toEqual({ column: "Time", format: "iso8601" });
    expect(suggestion.columns).toEqual([
      { column: "Li 670.784 (mg/L)", key: "Li", kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "ICP-OES" },
      { column: "7Li (ug/L)", key: "Li", kind: "OUTLET_CHEMISTRY", unit: "ug/L", method: "ICP-MS" },
      { column: "SO4 2- (mg/L)", key: "SO4", kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "IC" },
      { column: "Chloride (mg/L)", key: "Cl", kind: "OUTLET_CHEMISTRY", unit: "mg/L", method: "IC" },
      { column: "pH", key: "pH", kind: "OUTLET_CHEMISTRY", unit: "[pH]", method: "probe", temperatureColumn: "T (°C)" },
      { column: "Eh (mV)", key: "Eh", kind: "OUTLET_CHEMISTRY", unit: "mV", method: "probe" },
      { column: "Flow rate [mL/min]", key: "flow_rate", kind: "ENVIRONMENT", unit: "mL/min", method: "" },
      { column: "T (°C)", key: "temperature", kind: "ENVIRONMENT", unit: "Cel", method: "" },
      { column: "Conductivity (µS/cm)", key: "conductivity", kind: "OUTLET_CHEMISTRY", unit: "uS/cm", method: "probe" },
      { column: "Pc (MPa)", key: "confining_pressure", kind: "ENVIRONMENT", unit: "MPa", method: "" },
    ]);
    expect(suggestion.unrecognised).toEqual(["Elapsed (min)", "Sample ID"]);
    expect(suggestion.notes).toEqual(
      expect.arrayContaining([
        '"Eh (mV)": set the reference electrode (Eh is stored against SHE).',
        expect.stringContaining('"T (°C)": "°C" is not a UCUM code the logbook accepts: did you mean "Cel"?'),
        expect.stringContaining('pH is taken as read at "T (°C)"'),
      ]),
    );
  });

  it("reads elapsed time, local date-times and a header line", () => {
    expect(suggestMapping("Elapsed (min)\tFlow rate [mL/min]").time).toEqual({ column: "Elapsed (min)", format: "elapsed", unit: "min", start: null });
    const icpHeader = suggestMapping("Solution Label;Date Time;Li 670.784 (ppm);Eh vs SHE (mV)", ["Outlet 01", "27.11.2026 10:00:00"]);
    expect(icpHeader.time).toEqual({ column: "Date Time", format: "local", timeZone: null, dateOrder: "DMY" });
    expect(icpHeader.columns[0]).toMatchObject({ key: "Li", unit: "[ppm]" });
    expect(icpHeader.notes).toEqual(expect.arrayContaining([expect.stringContaining('use "mg/L"')]));
    expect(icpHeader.columns[1]).toMatchObject({ key: "Eh", eh: { referenceElectrode: "SHE", valuesVsShe: true } });
    expect(icpHeader.unrecognised).toEqual(["Solution Label"]);
  });

  it("gives a mapping that, once completed, parses the file", () => {
    const csv = "Time;Li 670.784 (mg/L);pH;Eh (mV);T (°C)\n2026-11-27T10:00:00+01:00;12,5;7,2;95;25,0\n2026-11-27T10:30:00+01:00;<0,01;7,3;90;25,1\n";
    const [headerLine, firstLine] = csv.split("\n");
    const suggestion = suggestMapping(headerLine!, firstLine!.split(";"));
    const columns = suggestion.columns.map((column) =>
      column.key === "Eh" ? { ...column, unit: column.unit!, eh: { referenceElectrode: "Ag/AgCl (3 M KCl)", valuesVsShe: false } } : { ...column, unit: column.unit! },
    );
    const result = ok(parseSeriesCsv(csv, { time: suggestion.time as ColumnMapping["time"], columns }));
    expect(result.series.map((series) => series.key)).toEqual(["Li", "pH", "Eh", "temperature"]);
    expect([...seriesOf(result, "Eh").points.v]).toEqual([305, 300]);
  });
});
