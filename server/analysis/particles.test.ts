import { describe, expect, it } from "vitest";
import { equivalentSphericalDiameter, measureParticles, particleRecord, particleRecords } from "./particles";
import { FOUR_PARTICLES, TEST_PHASES, uniformVolume, volumeFromSlices } from "./test-volumes";
import { compilePhases } from "./volume";

const lookup = compilePhases(TEST_PHASES);

describe("measureParticles", () => {
  const table = measureParticles(FOUR_PARTICLES, lookup, { connectivity: 26 });

  it("finds each particle with its voxels and target content, per mineral and in total", () => {
    expect(table.count).toBe(4);
    expect(Array.from(table.voxels)).toEqual([4, 2, 2, 1]);
    expect(Array.from(table.targetVoxels)).toEqual([4, 1, 0, 1]);
    expect(table.targetNames).toEqual(["Cassiterite", "Wolframite"]);
    expect(Array.from(table.targetVoxelsByMineral)).toEqual([4, 0, 0, 1, 0, 0, 1, 0]);
  });

  it("gives bounding boxes and flags particles on a face of the volume", () => {
    expect(Array.from(table.bounds.subarray(0, 6))).toEqual([1, 1, 1, 2, 2, 1]);
    expect(Array.from(table.bounds.subarray(18, 24))).toEqual([6, 4, 1, 6, 4, 1]);
    expect(Array.from(table.touchesEdge)).toEqual([0, 0, 1, 1]);
  });

  it("reports each particle as JSON, with the equivalent spherical diameter in voxels and in units", () => {
    expect(particleRecord(table, 1, { value: 2.5, unit: "um" })).toEqual({
      id: 2,
      voxels: 2,
      esdVoxels: Math.cbrt(12 / Math.PI),
      esd: { value: 2.5 * Math.cbrt(12 / Math.PI), unit: "um" },
      bounds: { min: [5, 1, 1], max: [5, 2, 1] },
      targetVoxels: 1,
      targetFraction: 0.5,
      targetByMineral: [
        { name: "Cassiterite", voxels: 0, fraction: 0 },
        { name: "Wolframite", voxels: 1, fraction: 0.5 },
      ],
      touchesEdge: false,
    });
    expect(particleRecords(table).map((p) => [p.id, p.targetFraction, p.esd])).toEqual([
      [1, 1, null],
      [2, 0.5, null],
      [3, 0, null],
      [4, 1, null],
    ]);
  });

  it("depends on connectivity: particles touching at a corner are one in 26, two in 6", () => {
    const corner = volumeFromSlices([["000", "020", "000"], ["000", "000", "001"], ["000", "000", "000"]]);
    expect(measureParticles(corner, lookup, { connectivity: 26 }).count).toBe(1);
    const apart = measureParticles(corner, lookup, { connectivity: 6 });
    expect(apart.count).toBe(2);
    expect(Array.from(apart.targetVoxels)).toEqual([1, 0]);
  });

  it("finds no particles in an all-pore volume and one in a volume without pores", () => {
    expect(measureParticles(uniformVolume(4, 4, 4, 0), lookup, { connectivity: 26 }).count).toBe(0);
    const full = measureParticles(uniformVolume(3, 3, 3, 2), lookup, { connectivity: 6 });
    expect([full.count, full.voxels[0], full.targetVoxels[0], full.touchesEdge[0]]).toEqual([1, 27, 27, 1]);
  });

  it("computes the equivalent spherical diameter from the volume", () => {
    expect(equivalentSphericalDiameter((4 / 3) * Math.PI * 8)).toBeCloseTo(4, 12);
    expect(equivalentSphericalDiameter(27)).toBeCloseTo(3.7221, 4);
  });
});
