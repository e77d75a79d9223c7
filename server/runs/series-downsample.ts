/** Down-sampling a series for a chart, keeping its peaks. */

/**
 * At most maxPoints points for a chart: the series is cut into maxPoints / 2 runs
 * of consecutive points and each run keeps its minimum and maximum (in time
 * order), so spikes survive. NaN points (below detection, missing) are skipped.
 */
export function downsampleSeries(t: Float64Array, v: Float64Array, maxPoints: number): { t: Float64Array; v: Float64Array } {
  if (maxPoints < 2) throw new RangeError("maxPoints must be at least 2.");
  const n = t.length;
  if (n <= maxPoints) return { t, v };
  const buckets = Math.floor(maxPoints / 2);
  const outT = new Float64Array(buckets * 2);
  const outV = new Float64Array(buckets * 2);
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    const to = Math.floor(((b + 1) * n) / buckets);
    let low = -1;
    let high = -1;
    for (let i = Math.floor((b * n) / buckets); i < to; i++) {
      const value = v[i]!;
      if (Number.isNaN(value)) continue;
      if (low < 0 || value < v[low]!) low = i;
      if (high < 0 || value > v[high]!) high = i;
    }
    if (low < 0) continue;
    for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) {
      outT[count] = t[i]!;
      outV[count++] = v[i]!;
    }
  }
  return { t: outT.slice(0, count), v: outV.slice(0, count) };
}
