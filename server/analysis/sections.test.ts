import { describe, expect, it } from "vitest";
import { liberationSpectrum } from "./liberation";
import { extractPlane, planeIndices, sectionParticles } from "./sections";
import { TEST_PHASES } from "./test-volumes";
import { compilePhases, type LabelVolume } from "./volume";

const lookup = compilePhases(TEST_PHASES);

/** A 4 x 4 x 4 particle in a 6^3 volume: quartz below z = 3, cassiterite from z = 3 up. 50 % target in 3-D. */
function halfAndHalf(): LabelVolume {
  const n = 6;
  const data = new Uint8Array(n ** 3);
  for (let z = 1; z <= 4; z++) for (let y = 1; y <= 4; y++) for (let x = 1; x <= 4; x++) data[x + n * (y + n * z)] = z >= 3 ? 2 : 1;
  return { data, nx: n, ny: n, nz: n };
}

describe("planes", () => {
  it("picks every step-th plane, centred, and at least one", () => {
    expect(planeIndices(10, 3)).toEqual([0, 3, 6, 9]);
    expect(planeIndices(10, 4)).toEqual([0, 4, 8]);
    expect(planeIndices(11, 4)).toEqual([1, 5, 9]);
    expect(planeIndices(4, 8)).toEqual([1]);
    expect(planeIndices(6, 1)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(planeIndices(0, 2)).toEqual([]);
    expect(planeIndices(512, 8)).toHaveLength(64);
    expect(() => planeIndices(10, 0)).toThrow(/positive integer/);
  });

  it("extracts x, y and z planes with the faster-varying axis first", () => {
    // value = x + 10 y + 100 z (fits a byte for 3 x 2 x 2)
    const volume: LabelVolume = { data: Uint8Array.from({ length: 12 }, (_, i) => (i % 3) + 10 * (Math.floor(i / 3) % 2) + 100 * Math.floor(i / 6)), nx: 3, ny: 2, nz: 2 };
    const buffer = new Uint8Array(16);
    expect(Array.from(extractPlane(volume, "z", 1, buffer))).toEqual([100, 101, 102, 110, 111, 112]);
    expect(Array.from(extractPlane(volume, "y", 1, buffer))).toEqual([10, 11, 12, 110, 111, 112]);
    expect(Array.from(extractPlane(volume, "x", 2, buffer))).toEqual([2, 12, 102, 112]);
  });
});

describe("sectionParticles", () => {
  it("sees a half-and-half particle as liberated in horizontal sections: the 2-D bias", () => {
    const volume = halfAndHalf();
    const z = sectionParticles(volume, lookup, { step: 1, axes: ["z"] });
    expect(z.count).toBe(4); // planes 1-4 each cut the particle once
    expect(Array.from(z.size)).toEqual([16, 16, 16, 16]);
    expect(Array.from(z.target)).toEqual([0, 0, 16, 16]);
    expect(liberationSpectrum(z).classes.map((c) => c.targetShare)).toEqual([0, 0, 1]);
  });

  it("sees the same particle as a middling in vertical sections, as 3-D does", () => {
    const x = sectionParticles(halfAndHalf(), lookup, { step: 1, axes: ["x"] });
    expect(Array.from(x.target)).toEqual([8, 8, 8, 8]);
    expect(liberationSpectrum(x).classes.map((c) => c.targetShare)).toEqual([0, 1, 0]);
    expect(x.planes).toEqual({ x: [0, 1, 2, 3, 4, 5], y: [], z: [] });
    expect(x.pixels).toBe(6 * 36);
  });

  it("labels with 4- or 8-connectivity in the plane, and flags particles on the section border", () => {
    const diagonal: LabelVolume = { data: Uint8Array.from([2, 0, 0, 0, 1, 0, 0, 0, 0]), nx: 3, ny: 3, nz: 1 };
    const eight = sectionParticles(diagonal, lookup, { step: 1, connectivity: 8 });
    expect([eight.count, eight.size[0], eight.target[0]]).toEqual([1, 2, 1]);
    expect(Array.from(eight.touchesEdge)).toEqual([1]);
    const four = sectionParticles(diagonal, lookup, { step: 1, connectivity: 4 });
    expect(Array.from(four.size)).toEqual([1, 1]);
    expect(Array.from(four.touchesEdge)).toEqual([1, 0]);
    expect(Array.from(four.targetByMineral)).toEqual([1, 0, 0, 0]);
  });

  it("collects particles over many planes and axes", () => {
    const all = sectionParticles(halfAndHalf(), lookup, { step: 2, axes: ["x", "y", "z"] });
    expect(all.planes).toEqual({ x: [0, 2, 4], y: [0, 2, 4], z: [0, 2, 4] });
    expect(all.count).toBe(6); // planes 2 and 4 on each axis cut it
    expect(() => sectionParticles(halfAndHalf(), lookup, { connectivity: 6 as 4 })).toThrow(/4 or 8/);
  });
});
