import { describe, expect, it } from "vitest";
import { DEFAULT_LIBERATION_CLASSES, evenLiberationClasses, gradeClass, liberationClasses, liberationSpectrum, mineralColumn, type GrainSet } from "./liberation";

/** Grains from [size, target, touchesEdge] triples. */
function grains(rows: [number, number, number?][]): GrainSet {
  return {
    count: rows.length,
    size: Float64Array.from(rows, (r) => r[0]),
    target: Float64Array.from(rows, (r) => r[1]),
    touchesEdge: Uint8Array.from(rows, (r) => r[2] ?? 0),
  };
}

describe("grade classes", () => {
  it("puts grades on an edge into the upper class: 90 % is liberated, 10 % a middling", () => {
    const classOf = (g: number) => DEFAULT_LIBERATION_CLASSES.names[gradeClass(g, DEFAULT_LIBERATION_CLASSES)];
    expect([0.01, 0.0999, 0.1, 0.5, 0.8999, 0.9, 9 / 10, 0.95, 1].map(classOf)).toEqual([
      "locked", "locked", "middlings", "middlings", "middlings", "liberated", "liberated", "liberated", "liberated",
    ]);
  });

  it("makes even classes with exact decimal edges and readable names", () => {
    const deciles = evenLiberationClasses(0.1);
    expect(deciles.edges).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(deciles.names[0]).toBe("0-10 %");
    expect(deciles.names[9]).toBe("90-100 %");
    expect([0.3, 3 / 10, 0.29999, 0.7, 1].map((g) => gradeClass(g, deciles))).toEqual([3, 3, 2, 7, 9]);
    expect(() => evenLiberationClasses(0.3)).toThrow(/divide 1 evenly/);
  });

  it("refuses edges that do not run strictly from 0 to 1, or names that do not match", () => {
    expect(() => liberationClasses([0.1, 1])).toThrow(/from 0 to 1/);
    expect(() => liberationClasses([0, 0.5, 0.5, 1])).toThrow(/increase strictly/);
    expect(() => liberationClasses([0, 0.5, 1], ["low"])).toThrow(/2 liberation classes need 2 names/);
    expect(liberationClasses([0, 0.25, 1]).names).toEqual(["0-25 %", "25-100 %"]);
  });
});

describe("liberationSpectrum", () => {
  // grades: 1 (4 target), 0.5 (1), 0 (none), 1 (1, on the edge), 0.05 (1 of 20)
  const set = grains([[4, 4], [2, 1], [2, 0], [1, 1, 1], [20, 1]]);

  it("weights classes by target volume and counts particles, leaving barren particles out", () => {
    const spectrum = liberationSpectrum(set);
    expect(spectrum.particles).toBe(4);
    expect(spectrum.targetVoxels).toBe(7);
    expect(spectrum.classes.map((c) => [c.name, c.targetVoxels, c.targetShare, c.particles, c.particleShare])).toEqual([
      ["locked", 1, 1 / 7, 1, 0.25],
      ["middlings", 1, 1 / 7, 1, 0.25],
      ["liberated", 5, 5 / 7, 2, 0.5],
    ]);
    expect(spectrum.classes[2]).toMatchObject({ minGrade: 0.9, maxGrade: 1 });
  });

  it("can leave out particles that touch the edge", () => {
    const spectrum = liberationSpectrum(set, DEFAULT_LIBERATION_CLASSES, true);
    expect(spectrum.classes.map((c) => c.targetShare)).toEqual([1 / 6, 1 / 6, 4 / 6]);
  });

  it("has no shares, rather than made-up ones, when nothing carries target", () => {
    const spectrum = liberationSpectrum(grains([[5, 0], [3, 0]]));
    expect(spectrum.particles).toBe(0);
    expect(spectrum.classes.every((c) => c.targetShare === null && c.particleShare === null && c.particles === 0)).toBe(true);
  });

  it("classifies into finer bins", () => {
    const spectrum = liberationSpectrum(set, evenLiberationClasses(0.1));
    expect(spectrum.classes.map((c) => c.targetVoxels)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 5]);
  });

  it("takes one mineral's column from a per-mineral table", () => {
    expect(Array.from(mineralColumn(Float64Array.from([4, 0, 0, 1, 0, 0, 1, 0]), 2, 1))).toEqual([0, 1, 0, 0]);
    expect(mineralColumn(new Float64Array(0), 0, 0).length).toBe(0);
  });
});
