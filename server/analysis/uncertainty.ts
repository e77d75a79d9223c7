// Uncertainty of the reported figures, in the GUM's terms (JCGM 100:2008): a
// standard uncertainty u from a stated evaluation, and the expanded uncertainty
// U = k u with coverage factor k = 2 (about 95 % coverage for a normal
// distribution). Every estimate says in words how it was made, so a reader of a
// passport can judge it. All evaluations here are Type A (statistical, from the
// data); segmentation error, which is often larger, is not part of them.
import { sampleStandardDeviation } from "./statistics";

export const COVERAGE_FACTOR = 2;

export interface Uncertain {
  value: number;
  standardUncertainty: number;
  coverageFactor: typeof COVERAGE_FACTOR;
  expandedUncertainty: number;
  evaluation: "Type A";
  /** How the standard uncertainty was estimated, in words. */
  method: string;
}

export function uncertain(value: number, standardUncertainty: number, method: string): Uncertain {
  return { value, standardUncertainty, coverageFactor: COVERAGE_FACTOR, expandedUncertainty: COVERAGE_FACTOR * standardUncertainty, evaluation: "Type A", method };
}

const sig = (x: number) => (x === 0 ? "0" : x.toPrecision(2));

/** Standard uncertainty of a proportion p of n independent trials: sqrt(p (1 - p) / n). */
export function binomialUncertainty(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : 0;
}

/**
 * A volume fraction with its uncertainty from the spread between blocks
 * (sub-volumes): the standard error of the mean of the block fractions, or the
 * binomial counting figure when that is larger (it is the floor: blocks that
 * happen to agree do not make a fraction exact).
 */
export function blockFraction(value: number, blockValues: number[], voxels: number, what: string, note = ""): Uncertain {
  const counting = binomialUncertainty(value, voxels);
  const n = blockValues.length;
  if (n < 2) {
    return uncertain(
      value,
      counting,
      `Type A, binomial counting statistics: sqrt(p(1-p)/N) over N = ${voxels} voxels, taking voxels as independent. The volume is too small to split into sub-volumes, so the spatial correlation of ${what} is ignored and this understates the uncertainty.`,
    );
  }
  const blockError = sampleStandardDeviation(blockValues) / Math.sqrt(n);
  const usesBlocks = blockError >= counting;
  const blocks = n === 8 ? "8 octants (2 x 2 x 2 sub-volumes)" : `${n} sub-volumes (the non-empty octants of a 2 x 2 x 2 split)`;
  const coverage = T_COVERAGE_OF_2[n - 2]; // n - 1 degrees of freedom
  return uncertain(
    value,
    Math.max(blockError, counting),
    `Type A, variance between sub-volumes: the volume was split into ${blocks} and ${what} measured in each; ` +
      `u = standard deviation of the ${n} block values / sqrt(${n}) = ${sig(blockError)} (standard error of their mean, blocks taken as independent samples of the material), ` +
      `${usesBlocks ? "which exceeds" : "floored at"} the binomial counting figure sqrt(p(1-p)/N) = ${sig(counting)} for N = ${voxels} voxels.` +
      (usesBlocks && coverage ? ` With ${n - 1} degrees of freedom, k = 2 covers about ${coverage} % (Student t), not 95 %.` : "") +
      note,
  );
}

/** P(|T| < 2) in percent for Student's t with 1-7 degrees of freedom (index = degrees - 1): the coverage k = 2 gives with few blocks. */
const T_COVERAGE_OF_2 = [70.5, 81.6, 86.1, 88.4, 89.8, 90.8, 91.4];

export interface BootstrapSettings {
  replicates: number;
  seed: number;
}

/** 200 resamples put the Monte Carlo error of a bootstrap standard deviation near 5 % (Efron & Tibshirani 1993), ample for a k = 2 figure. */
export const DEFAULT_BOOTSTRAP: BootstrapSettings = { replicates: 200, seed: 20_270_101 };

/**
 * Bootstrap over particles for target-weighted class shares: resample the
 * target-bearing particles with replacement, recompute each class's share of the
 * target, and return the standard deviation of every class share over the
 * replicates (null when there is no target). Deterministic for a given seed.
 */
export function bootstrapClassShares(classOf: Int16Array, target: Float64Array, classCount: number, settings: BootstrapSettings): Float64Array | null {
  const bearing: number[] = [];
  for (let p = 0; p < classOf.length; p++) if (classOf[p]! >= 0) bearing.push(p);
  const m = bearing.length;
  if (m === 0) return null;
  const classes = Int16Array.from(bearing, (p) => classOf[p]!);
  const weights = Float64Array.from(bearing, (p) => target[p]!);
  const sums = new Float64Array(classCount);
  const mean = new Float64Array(classCount);
  const squares = new Float64Array(classCount);
  // mulberry32 (as in random.ts) inlined: this loop runs replicates x particles times, and a closure call
  // per draw would cost more than the draw itself.
  let state = settings.seed >>> 0;
  const scale = m / 4294967296;
  for (let r = 1; r <= settings.replicates; r++) {
    sums.fill(0);
    let total = 0;
    for (let draw = 0; draw < m; draw++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const j = Math.floor(((t ^ (t >>> 14)) >>> 0) * scale);
      const w = weights[j]!;
      sums[classes[j]!]! += w;
      total += w;
    }
    // Welford's running mean and sum of squared deviations, per class.
    for (let k = 0; k < classCount; k++) {
      const share = sums[k]! / total;
      const delta = share - mean[k]!;
      mean[k]! += delta / r;
      squares[k]! += delta * (share - mean[k]!);
    }
  }
  const deviations = new Float64Array(classCount);
  for (let k = 0; k < classCount; k++) deviations[k] = settings.replicates > 1 ? Math.sqrt(squares[k]! / (settings.replicates - 1)) : 0;
  return deviations;
}

export function bootstrapMethod(settings: BootstrapSettings, particles: number, kind: "3-D particles" | "section particles"): string {
  const caveat =
    kind === "section particles"
      ? " Sections a few voxels apart can cut the same 3-D particle, so section particles are not fully independent and this may understate the uncertainty."
      : " Edge truncation and segmentation errors are not included.";
  return (
    `Type A, bootstrap over particles: ${settings.replicates} resamples, with replacement, of the ${particles} target-bearing ${kind} (seeded RNG, seed ${settings.seed}); ` +
    `u = standard deviation of the class's target share across resamples.${caveat}`
  );
}
