import { describe, expect, it } from "vitest";
import { TEST_PHASES, volumeFromSlices } from "./test-volumes";
import { assertLabelsKnown, assertVolume, compilePhases, labelHistogram, type Phase } from "./volume";

describe("compilePhases", () => {
  it("builds per-label tables: pore, solid and the index of each target mineral", () => {
    const lookup = compilePhases(TEST_PHASES);
    expect([0, 1, 2, 3, 4, 5].map((l) => lookup.pore[l])).toEqual([1, 0, 0, 0, 0, 0]);
    expect([0, 1, 2, 3, 4, 5].map((l) => lookup.solid[l])).toEqual([0, 1, 1, 1, 1, 0]);
    expect([0, 1, 2, 3, 4, 5].map((l) => lookup.targetIndex[l])).toEqual([-1, -1, 0, 1, -1, -1]);
    expect(lookup.targets.map((t) => t.name)).toEqual(["Cassiterite", "Wolframite"]);
  });

  it.each<[string, Phase[], RegExp]>([
    ["an empty table", [], /empty/],
    ["a label above 255", [{ label: 256, name: "Big", role: "MATRIX" }], /0 to 255/],
    ["a fractional label", [{ label: 1.5, name: "Half", role: "MATRIX" }], /integers/],
    ["a duplicate label", [{ label: 1, name: "A", role: "MATRIX" }, { label: 1, name: "B", role: "TARGET" }], /Label 1 appears twice/],
    ["a duplicate name", [{ label: 1, name: "A", role: "MATRIX" }, { label: 2, name: "A", role: "TARGET" }], /names must be unique/],
    ["an unknown role", [{ label: 1, name: "A", role: "ORE" as Phase["role"] }], /role "ORE"; expected one of PORE, MATRIX, TARGET, OTHER/],
    ["a blank name", [{ label: 1, name: " ", role: "MATRIX" }], /label 1 has no name/],
  ])("refuses %s", (_, phases, message) => {
    expect(() => compilePhases(phases)).toThrow(message);
  });
});

describe("labels and volumes", () => {
  it("counts voxels per label", () => {
    const histogram = labelHistogram(volumeFromSlices([["0112", "2220"]]).data);
    expect(Array.from(histogram.slice(0, 4))).toEqual([2, 2, 4, 0]);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it("names every label missing from the phase table, with its voxel count", () => {
    const lookup = compilePhases(TEST_PHASES);
    const histogram = labelHistogram(volumeFromSlices([["0179", "7700"]]).data);
    expect(() => assertLabelsKnown(histogram, lookup)).toThrow(
      "Labels 7 (3 voxels), 9 (1 voxels) not in the phase table (0 = Pore, 1 = Quartz, 2 = Cassiterite, 3 = Wolframite, 4 = Tourmaline). Add them to the table or relabel the volume.",
    );
    expect(() => assertLabelsKnown(labelHistogram(new Uint8Array([0, 1, 4])), lookup)).not.toThrow();
  });

  it("checks dimensions against the data", () => {
    expect(() => assertVolume({ data: new Uint8Array(6), nx: 1, ny: 2, nz: 3 })).not.toThrow();
    expect(() => assertVolume({ data: new Uint8Array(5), nx: 1, ny: 2, nz: 3 })).toThrow("Volume data holds 5 voxels but 1 x 2 x 3 needs 6.");
    expect(() => assertVolume({ data: new Uint8Array(0), nx: -1, ny: 2, nz: 3 })).toThrow(/non-negative integers/);
  });
});
