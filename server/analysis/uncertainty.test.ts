import { describe, expect, it } from "vitest";
import { binomialUncertainty, blockFraction, bootstrapClassShares, bootstrapMethod, uncertain } from "./uncertainty";

describe("GUM figures", () => {
  it("expands the standard uncertainty with k = 2", () => {
    expect(uncertain(0.3, 0.01, "by eye")).toEqual({ value: 0.3, standardUncertainty: 0.01, coverageFactor: 2, expandedUncertainty: 0.02, evaluation: "Type A", method: "by eye" });
  });

  it("gives the binomial counting uncertainty", () => {
    expect(binomialUncertainty(0.25, 100)).toBeCloseTo(0.0433013, 6);
    expect(binomialUncertainty(0.5, 0)).toBe(0);
  });
});

describe("blockFraction", () => {
  it("uses the standard error of the octant values when they vary more than counting statistics", () => {
    const figure = blockFraction(0.25, [0.1, 0.2, 0.3, 0.4, 0.1, 0.2, 0.3, 0.4], 1000, "the pore fraction");
    expect(figure.standardUncertainty).toBeCloseTo(0.0422577, 6); // sd 0.1195229 / sqrt(8)
    expect(figure.expandedUncertainty).toBeCloseTo(0.0845154, 6);
    expect(figure.method).toMatch(/8 octants/);
    expect(figure.method).toMatch(/which exceeds the binomial counting figure/);
    expect(figure.method).toMatch(/With 7 degrees of freedom, k = 2 covers about 91.4 % \(Student t\)/);
  });

  it("never goes below the counting figure, even when the octants agree exactly", () => {
    const figure = blockFraction(0.25, Array(8).fill(0.25), 1000, "the pore fraction");
    expect(figure.standardUncertainty).toBeCloseTo(Math.sqrt(0.1875 / 1000), 12);
    expect(figure.method).toMatch(/floored at/);
    expect(figure.method).not.toMatch(/degrees of freedom/);
  });

  it("says how many sub-volumes it used when some octants are empty", () => {
    expect(blockFraction(0.5, [0.4, 0.6, 0.5, 0.5], 1000, "the pore fraction").method).toMatch(/4 sub-volumes \(the non-empty octants/);
  });

  it("falls back to counting statistics, and says so, when the volume cannot be split", () => {
    const figure = blockFraction(0.5, [0.5], 4, "the pore fraction");
    expect(figure.standardUncertainty).toBe(0.25);
    expect(figure.method).toMatch(/too small to split/);
  });
});

describe("bootstrapClassShares", () => {
  // 400 particles of equal target, half in class 0 and half in class 2.
  const classOf = Int16Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0 : 2));
  const target = new Float64Array(400).fill(1);

  it("matches the binomial standard error of a share for equal particles", () => {
    const deviations = bootstrapClassShares(classOf, target, 3, { replicates: 2000, seed: 1 })!;
    const expected = Math.sqrt(0.25 / 400); // 0.025
    expect(deviations[0]).toBeGreaterThan(0.9 * expected);
    expect(deviations[0]).toBeLessThan(1.1 * expected);
    expect(deviations[1]).toBe(0);
    expect(deviations[2]).toBeCloseTo(deviations[0]!, 12); // the two shares sum to 1
  });

  it("is deterministic for a seed and changes with it", () => {
    const settings = { replicates: 100, seed: 42 };
    expect(Array.from(bootstrapClassShares(classOf, target, 3, settings)!)).toEqual(Array.from(bootstrapClassShares(classOf, target, 3, settings)!));
    expect(bootstrapClassShares(classOf, target, 3, { replicates: 100, seed: 43 })![0]).not.toBe(bootstrapClassShares(classOf, target, 3, settings)![0]);
  });

  it("weights by target: one large particle dominates its class share", () => {
    const weights = Float64Array.from([100, 1, 1, 1]);
    const classes = Int16Array.from([0, 1, 1, 1]);
    const deviations = bootstrapClassShares(classes, weights, 2, { replicates: 500, seed: 3 })!;
    expect(deviations[0]).toBeGreaterThan(0.01);
    expect(deviations[0]).toBeCloseTo(deviations[1]!, 12);
  });

  it("ignores particles without a class and gives nothing when no particle has one", () => {
    expect(bootstrapClassShares(Int16Array.from([-1, -1]), Float64Array.from([0, 0]), 3, { replicates: 10, seed: 1 })).toBeNull();
    expect(Array.from(bootstrapClassShares(Int16Array.from([-1, 1, 1]), Float64Array.from([0, 2, 3]), 3, { replicates: 10, seed: 1 })!)).toEqual([0, 0, 0]);
  });

  it("states the method, the number of resamples and the seed", () => {
    expect(bootstrapMethod({ replicates: 500, seed: 7 }, 120, "3-D particles")).toMatch(/bootstrap over particles: 500 resamples.*120 target-bearing 3-D particles.*seed 7/);
    expect(bootstrapMethod({ replicates: 500, seed: 7 }, 120, "section particles")).toMatch(/not fully independent/);
  });
});
