// The liberation spectrum: how the target mineral is distributed over particles
// of different grade (target share of the particle). Particles are put in grade
// classes; each class reports the share of all target-mineral volume it holds
// (the standard, target-weighted spectrum: a liberated particle counts by how
// much target it carries, not as one) and the number of particles. Particles
// with no target voxel do not enter the spectrum. The same code serves 3-D
// particles (voxels) and 2-D section particles (pixels).

/** Grade classes: class i holds grades in [edges[i], edges[i+1]); the last class also holds grade 1. */
export interface LiberationClasses {
  /** Strictly increasing grade fractions from 0 to 1. */
  edges: number[];
  /** One name per class (edges.length - 1). */
  names: string[];
}

/** The usual three classes: locked < 10 %, middlings 10-90 %, liberated >= 90 %. */
export const DEFAULT_LIBERATION_CLASSES: LiberationClasses = {
  edges: [0, 0.1, 0.9, 1],
  names: ["locked", "middlings", "liberated"],
};

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}`;

/** Validated classes from edges (fractions 0-1); names default to "0-10 %", "10-20 %", ... */
export function liberationClasses(edges: number[], names?: string[]): LiberationClasses {
  if (edges.length < 2) throw new Error("Liberation classes need at least two edges (0 and 1).");
  if (edges[0] !== 0 || edges[edges.length - 1] !== 1) throw new Error(`Liberation class edges must run from 0 to 1 (grade fractions), got ${edges.join(", ")}.`);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) throw new Error(`Liberation class edges must increase strictly, got ${edges.join(", ")}.`);
  }
  const classNames = names ?? edges.slice(1).map((upper, i) => `${percent(edges[i]!)}-${percent(upper)} %`);
  if (classNames.length !== edges.length - 1) throw new Error(`${edges.length - 1} liberation classes need ${edges.length - 1} names, got ${classNames.length}.`);
  return { edges: [...edges], names: [...classNames] };
}

/** Equal-width grade classes: evenLiberationClasses(0.1) gives 0-10 %, 10-20 %, ..., 90-100 %. */
export function evenLiberationClasses(width: number): LiberationClasses {
  const n = Math.round(1 / width);
  if (!(width > 0) || Math.abs(n * width - 1) > 1e-9) throw new Error(`The class width must divide 1 evenly, got ${width}.`);
  // i / n rather than i * width, so the edges are the correctly rounded decimals (3 / 10 === 0.3).
  return liberationClasses(Array.from({ length: n + 1 }, (_, i) => i / n));
}

/**
 * A grade sitting on an edge up to this tolerance goes to the upper class, so a
 * particle that is exactly 90 % target is liberated whatever the rounding of 0.9.
 */
const EDGE_TOLERANCE = 1e-9;

/** Class index of a grade in (0, 1]. */
export function gradeClass(grade: number, classes: LiberationClasses): number {
  const { edges } = classes;
  let k = 0;
  while (k < edges.length - 2 && grade >= edges[k + 1]! - EDGE_TOLERANCE) k++;
  return k;
}

/** Particles to classify: sizes and target contents in voxels (3-D) or pixels (2-D). */
export interface GrainSet {
  count: number;
  size: Float64Array;
  /** Target voxels (or pixels) of the mineral(s) the spectrum is about. */
  target: Float64Array;
  touchesEdge: Uint8Array;
}

/** Each grain's class, or -1 when it holds no target (or touches an edge and edges are excluded). */
export function classifyGrains(grains: GrainSet, classes: LiberationClasses, excludeEdge: boolean): Int16Array {
  const classOf = new Int16Array(grains.count);
  for (let p = 0; p < grains.count; p++) {
    const target = grains.target[p]!;
    classOf[p] = target <= 0 || (excludeEdge && grains.touchesEdge[p] === 1) ? -1 : gradeClass(target / grains.size[p]!, classes);
  }
  return classOf;
}

export interface SpectrumClass {
  name: string;
  minGrade: number;
  maxGrade: number;
  /** Target voxels (pixels in 2-D) in particles of this class. */
  targetVoxels: number;
  /** Share of all target voxels in this class (0-1); null when there is no target at all. */
  targetShare: number | null;
  particles: number;
  /** Share of the target-bearing particles in this class (0-1); null when there are none. */
  particleShare: number | null;
}

export interface LiberationSpectrum {
  /** Target-bearing particles counted. */
  particles: number;
  targetVoxels: number;
  classes: SpectrumClass[];
}

/** Target-weighted class shares from per-grain classes; the sums are what the bootstrap recomputes. */
export function spectrumFromClasses(classOf: Int16Array, target: Float64Array, classes: LiberationClasses): LiberationSpectrum {
  const n = classes.names.length;
  const targetSums = new Float64Array(n);
  const counts = new Float64Array(n);
  for (let p = 0; p < classOf.length; p++) {
    const k = classOf[p]!;
    if (k < 0) continue;
    targetSums[k]! += target[p]!;
    counts[k]!++;
  }
  const targetVoxels = targetSums.reduce((a, b) => a + b, 0);
  const particles = counts.reduce((a, b) => a + b, 0);
  return {
    particles,
    targetVoxels,
    classes: classes.names.map((name, k) => ({
      name,
      minGrade: classes.edges[k]!,
      maxGrade: classes.edges[k + 1]!,
      targetVoxels: targetSums[k]!,
      targetShare: targetVoxels > 0 ? targetSums[k]! / targetVoxels : null,
      particles: counts[k]!,
      particleShare: particles > 0 ? counts[k]! / particles : null,
    })),
  };
}

export function liberationSpectrum(grains: GrainSet, classes: LiberationClasses = DEFAULT_LIBERATION_CLASSES, excludeEdge = false): LiberationSpectrum {
  return spectrumFromClasses(classifyGrains(grains, classes, excludeEdge), grains.target, classes);
}

/** Column t of a flat per-grain, per-mineral table (grain-major, `minerals` columns). */
export function mineralColumn(flat: Float64Array, minerals: number, t: number): Float64Array {
  const count = minerals === 0 ? 0 : flat.length / minerals;
  const column = new Float64Array(count);
  for (let p = 0; p < count; p++) column[p] = flat[p * minerals + t]!;
  return column;
}
