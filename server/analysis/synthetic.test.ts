import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { labelComponents } from "./components";
import { mulberry32 } from "./random";
import { SYNTHETIC_PHASES, syntheticVolume } from "./synthetic";
import { compilePhases, labelHistogram } from "./volume";

const digest = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("mulberry32", () => {
  it("repeats its sequence for a seed and stays in [0, 1)", () => {
    const a = mulberry32(12345);
    const b = mulberry32(12345);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
    expect(mulberry32(12346)()).not.toBe(mulberry32(12345)());
  });
});

describe("syntheticVolume", () => {
  const options = { nx: 48, ny: 40, nz: 32, seed: 2027, particleRadius: [3, 6] as [number, number] };

  it("gives the same bytes for the same seed and different ones for another", () => {
    const first = syntheticVolume(options);
    expect(digest(syntheticVolume(options).volume.data)).toBe(digest(first.volume.data));
    expect(digest(syntheticVolume({ ...options, seed: 2028 }).volume.data)).not.toBe(digest(first.volume.data));
  });

  it("reaches the requested porosity to within one particle", () => {
    for (const porosity of [0.9, 0.8, 0.75]) {
      const result = syntheticVolume({ ...options, porosity });
      const measured = labelHistogram(result.volume.data)[0]! / result.volume.data.length;
      expect(result.reachedPorosity).toBe(true);
      expect(measured).toBe(result.porosity);
      expect(measured).toBeLessThanOrEqual(porosity);
      expect(porosity - measured).toBeLessThan(((4 / 3) * Math.PI * 6 ** 3) / result.volume.data.length);
    }
  });

  it("says so when the particles jam before the porosity is reached", () => {
    const result = syntheticVolume({ ...options, porosity: 0.3, maxAttempts: 300 });
    expect(result.reachedPorosity).toBe(false);
    expect(result.porosity).toBeGreaterThan(0.6);
  });

  it("keeps placed particles apart: each one is its own 26-connected particle", () => {
    const result = syntheticVolume({ ...options, internalPoreProbability: 0 });
    const particles = labelComponents(result.volume, { connectivity: 26, foreground: compilePhases(result.phases).solid });
    expect(particles.count).toBe(result.particlesPlaced);
  });

  it("uses the phase table it returns, with two target minerals", () => {
    const result = syntheticVolume({ ...options, targetProbability: 1, accessoryProbability: 1 });
    const histogram = labelHistogram(result.volume.data);
    expect(result.phases).toEqual(SYNTHETIC_PHASES);
    for (const phase of result.phases) expect(histogram[phase.label], phase.name).toBeGreaterThan(0);
    expect(histogram.slice(5).every((c) => c === 0)).toBe(true);
  });

  it("stops at the particle count asked for and makes barren beds when asked", () => {
    expect(syntheticVolume({ ...options, particleCount: 5 }).particlesPlaced).toBe(5);
    const barren = labelHistogram(syntheticVolume({ ...options, targetProbability: 0 }).volume.data);
    expect(barren[2]! + barren[3]!).toBe(0);
  });

  it("refuses impossible options", () => {
    expect(() => syntheticVolume({ ...options, nx: 0 })).toThrow(/nx must be a positive integer/);
    expect(() => syntheticVolume({ ...options, porosity: 1.2 })).toThrow(/porosity must be a probability/);
    expect(() => syntheticVolume({ ...options, particleRadius: [5, 2] })).toThrow(/particleRadius/);
  });
});
