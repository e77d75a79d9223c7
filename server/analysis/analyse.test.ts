import { describe, expect, it } from "vitest";
import { analyseVolume } from "./analyse";
import { evenLiberationClasses } from "./liberation";
import { syntheticVolume } from "./synthetic";
import { FOUR_PARTICLES, TEST_PHASES, uniformVolume } from "./test-volumes";

describe("analyseVolume on four hand-made particles", () => {
  const result = analyseVolume(FOUR_PARTICLES, TEST_PHASES);

  it("reports modal mineralogy and porosity", () => {
    expect(result.volume).toEqual({ nx: 7, ny: 5, nz: 3, voxels: 105, voxelSize: null });
    expect(result.modalMineralogy.map((p) => [p.name, p.voxels, p.fraction.value])).toEqual([
      ["Pore", 96, 96 / 105],
      ["Quartz", 3, 3 / 105],
      ["Cassiterite", 5, 5 / 105],
      ["Wolframite", 1, 1 / 105],
      ["Tourmaline", 0, 0],
    ]);
    expect(result.porosity.poreVoxels).toBe(96);
    expect(result.porosity.total.value).toBe(96 / 105);
    for (const axis of ["x", "y", "z"] as const) expect(result.porosity.connected[axis]).toMatchObject({ voxels: 96, clusters: 1, fractionOfPores: 1 });
  });

  it("gives every figure a GUM uncertainty with k = 2 and a method in words", () => {
    const figures = [result.porosity.total, result.porosity.connected.x.fraction, ...result.modalMineralogy.map((p) => p.fraction)];
    for (const figure of figures) {
      expect(figure.coverageFactor).toBe(2);
      expect(figure.expandedUncertainty).toBe(2 * figure.standardUncertainty);
      expect(figure.standardUncertainty).toBeGreaterThanOrEqual(Math.sqrt((figure.value * (1 - figure.value)) / 105) - 1e-15);
      expect(figure.method).toMatch(/^Type A/);
    }
    expect(result.porosity.connected.x.fraction.method).toMatch(/percolate through them more readily/);
  });

  it("summarises the particles", () => {
    expect(result.particles).toMatchObject({ count: 4, touchingEdge: 2, targetBearing: 3, esd: null });
    expect(result.particles.esdVoxels).toMatchObject({ min: Math.cbrt(6 / Math.PI), max: Math.cbrt(24 / Math.PI) });
    expect(result.particles.records).toBeUndefined();
  });

  it("puts the 3-D and 2-D spectra side by side, in total and per target mineral", () => {
    const { allTargets, byMineral } = result.liberation;
    expect(allTargets.threeD.classes.map((c) => c.targetShare?.value)).toEqual([0, 1 / 6, 5 / 6]);
    expect(allTargets.threeD.classes.map((c) => c.particles)).toEqual([0, 1, 2]);
    // The one default section (z = 1) holds every particle whole, so 2-D agrees with 3-D here.
    expect(allTargets.sideBySide).toEqual([
      { class: "locked", share3D: 0, share2D: 0, difference: 0 },
      { class: "middlings", share3D: 1 / 6, share2D: 1 / 6, difference: 0 },
      { class: "liberated", share3D: 5 / 6, share2D: 5 / 6, difference: 0 },
    ]);
    expect(byMineral.map((m) => [m.mineral, m.threeD.classes.map((c) => c.targetShare?.value)])).toEqual([
      ["Cassiterite", [0, 0, 1]],
      ["Wolframite", [0, 1, 0]],
    ]);
    expect(result.sections).toEqual({ planes: { x: 0, y: 0, z: 1 }, pixels: 35, particles: 4 });
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe("analyseVolume options and edge cases", () => {
  it("leaves out edge particles, lists particles and gives sizes in units when asked", () => {
    const result = analyseVolume(FOUR_PARTICLES, TEST_PHASES, { excludeEdgeParticles: true, includeParticles: true, voxelSize: { value: 0.5, unit: "um" } });
    expect(result.liberation.allTargets.threeD.classes.map((c) => c.targetShare?.value)).toEqual([0, 1 / 5, 4 / 5]);
    expect(result.particles.records?.map((p) => p.touchesEdge)).toEqual([false, false, true, true]);
    expect(result.particles.esd?.max).toBeCloseTo(0.5 * Math.cbrt(24 / Math.PI), 12);
    expect(result.particles.esd?.unit).toBe("um");
  });

  it("takes finer classes and 6-connectivity", () => {
    const result = analyseVolume(FOUR_PARTICLES, TEST_PHASES, { liberationClasses: evenLiberationClasses(0.1), connectivity: 6 });
    expect(result.liberation.allTargets.threeD.classes.map((c) => c.particles)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(result.settings.particleConnectivity).toBe(6);
  });

  it("names labels missing from the phase table", () => {
    const volume = uniformVolume(3, 3, 3, 1);
    volume.data[4] = 9;
    expect(() => analyseVolume(volume, TEST_PHASES)).toThrow(/Label 9 \(1 voxels\) not in the phase table/);
  });

  it("refuses bad options before doing any work", () => {
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { connectivity: 8 as 6 })).toThrow("Particle connectivity must be 6 or 26, got 8.");
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { sections: { step: 0 } })).toThrow(/section step must be a positive integer/);
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { sections: { axes: ["w" as "x"] } })).toThrow(/among x, y, z/);
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { bootstrap: { replicates: 1 } })).toThrow(/at least 2/);
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { voxelSize: { value: -1, unit: "um" } })).toThrow(/voxel size must be a positive number/);
    expect(() => analyseVolume(FOUR_PARTICLES, TEST_PHASES, { liberationClasses: { edges: [0, 2], names: ["all"] } })).toThrow(/from 0 to 1/);
  });

  it("refuses an empty volume", () => {
    expect(() => analyseVolume({ data: new Uint8Array(0), nx: 0, ny: 0, nz: 0 }, TEST_PHASES)).toThrow(/empty/);
  });

  it("reports an all-pore volume without inventing a spectrum", () => {
    const result = analyseVolume(uniformVolume(6, 6, 6, 0), TEST_PHASES);
    expect(result.porosity.total.value).toBe(1);
    expect(result.particles).toMatchObject({ count: 0, esdVoxels: null });
    expect(result.liberation.allTargets.threeD.classes.every((c) => c.targetShare === null)).toBe(true);
    expect(result.liberation.allTargets.sideBySide[2]).toEqual({ class: "liberated", share3D: null, share2D: null, difference: null });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe("analyseVolume on a synthetic bed", () => {
  const bed = syntheticVolume({ nx: 64, ny: 64, nz: 64, seed: 5, particleRadius: [3, 7] });

  it("reports progress at least every 10 %, rising to 1, and agrees with the generator", () => {
    const progress: number[] = [];
    const result = analyseVolume(bed.volume, bed.phases, { sections: { step: 4, axes: ["x", "y", "z"] }, onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => f > (progress[i - 1] ?? 0))).toBe(true);
    expect(Math.max(...progress.map((f, i) => f - (progress[i - 1] ?? 0)))).toBeLessThanOrEqual(0.1);
    expect(result.porosity.total.value).toBe(bed.porosity);
    expect(result.particles.count).toBe(bed.particlesPlaced);
    expect(result.modalMineralogy.reduce((sum, p) => sum + p.fraction.value, 0)).toBeCloseTo(1, 12);
    // Sections through binary particles often miss one side: 2-D overstates liberation.
    const liberated = result.liberation.allTargets.sideBySide.find((row) => row.class === "liberated")!;
    expect(liberated.difference).toBeGreaterThan(0.02);
    const share = result.liberation.allTargets.threeD.classes[2]!.targetShare!;
    expect(share.standardUncertainty).toBeGreaterThan(0.005);
    expect(share.standardUncertainty).toBeLessThan(0.2);
  });

  it("is deterministic, bootstrap included", () => {
    const again = () => analyseVolume(bed.volume, bed.phases, { bootstrap: { replicates: 50, seed: 9 } });
    expect(JSON.stringify(again())).toBe(JSON.stringify(again()));
  });
});
