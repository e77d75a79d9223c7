// Small descriptive statistics shared by the particle summary and the uncertainty estimates.

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values. */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - m) ** 2;
  return Math.sqrt(squares / (n - 1));
}

/** Quantile of ascending `sorted` by linear interpolation between order statistics (Hyndman & Fan type 7, as R and NumPy default). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error("Quantile of an empty list.");
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface Quantiles {
  min: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  max: number;
  mean: number;
}

/** Number-weighted quantiles; null for an empty list (nothing to describe). */
export function quantiles(values: ArrayLike<number>): Quantiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return {
    min: sorted[0]!,
    p10: quantileOfSorted(sorted, 0.1),
    p25: quantileOfSorted(sorted, 0.25),
    p50: quantileOfSorted(sorted, 0.5),
    p75: quantileOfSorted(sorted, 0.75),
    p90: quantileOfSorted(sorted, 0.9),
    max: sorted[sorted.length - 1]!,
    mean: mean(sorted),
  };
}

/** The same quantiles in other units (every figure times `factor`). */
export function scaleQuantiles(q: Quantiles, factor: number): Quantiles {
  return { min: q.min * factor, p10: q.p10 * factor, p25: q.p25 * factor, p50: q.p50 * factor, p75: q.p75 * factor, p90: q.p90 * factor, max: q.max * factor, mean: q.mean * factor };
}
