import { describe, expect, it } from "vitest";
import { StagedProgress } from "./progress";
import { quantileOfSorted, quantiles, sampleStandardDeviation, scaleQuantiles } from "./statistics";

describe("statistics", () => {
  it("interpolates quantiles between order statistics, as R and NumPy do by default", () => {
    expect([0, 0.25, 0.5, 0.9, 1].map((q) => quantileOfSorted([1, 2, 3, 4], q))).toEqual([1, 1.75, 2.5, 3.7, 4]);
    expect(quantiles([4, 1, 3, 2])).toMatchObject({ min: 1, p25: 1.75, p50: 2.5, max: 4, mean: 2.5 });
    expect(quantiles([])).toBeNull();
    expect(scaleQuantiles(quantiles([1, 3])!, 2)).toMatchObject({ min: 2, p50: 4, max: 6, mean: 4 });
  });

  it("gives the sample standard deviation", () => {
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.13809, 5);
    expect(sampleStandardDeviation([3])).toBe(0);
  });
});

describe("StagedProgress", () => {
  it("weights stages, thins reports to 1 % steps, never goes back and ends at 1", () => {
    const seen: number[] = [];
    const progress = new StagedProgress((f) => seen.push(f), [1, 3]);
    const first = progress.stage(0);
    for (let i = 1; i <= 1000; i++) first(i / 1000);
    progress.stage(1)(0.5);
    first(0.2); // late and lower: ignored
    progress.finish();
    expect(seen[0]).toBeCloseTo(0.01, 12);
    expect(seen.filter((f) => f <= 0.25)).toHaveLength(25);
    expect(seen.slice(-2)).toEqual([0.625, 1]);
    expect(seen.every((f, i) => i === 0 || f > seen[i - 1]!)).toBe(true);
  });

  it("does nothing without a callback", () => {
    expect(() => new StagedProgress(undefined, [1]).stage(0)(0.5)).not.toThrow();
  });
});
