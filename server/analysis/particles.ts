// Particles: the connected components of all non-pore voxels, measured in one
// pass over the labels. Kept as parallel typed arrays (structure of arrays) so a
// volume with 10^5 particles costs a few MB and the liberation bootstrap can
// resample it without touching objects; `particleRecords` turns it into JSON.
import { labelComponents, type Connectivity3D } from "./components";
import type { LabelVolume, PhaseLookup } from "./volume";

export interface ParticleTable {
  count: number;
  connectivity: Connectivity3D;
  /** Voxels of particle p (0-based; its component label is p + 1). */
  voxels: Float64Array;
  /** TARGET voxels of every target mineral together. */
  targetVoxels: Float64Array;
  /** TARGET voxels per mineral, flat: [p * targetNames.length + t]. */
  targetVoxelsByMineral: Float64Array;
  targetNames: string[];
  /** Bounding box, flat: [6p..6p+5] = minX, minY, minZ, maxX, maxY, maxZ (inclusive voxel indices). */
  bounds: Int32Array;
  /** 1 when the particle touches a face of the volume, so it is probably truncated. */
  touchesEdge: Uint8Array;
}

export interface MeasureParticlesOptions {
  connectivity: Connectivity3D;
  /** A label array to reuse (see labelComponents). */
  labelBuffer?: Int32Array;
  onProgress?: (fraction: number) => void;
}

/** Share of the work the labelling takes versus the measuring pass, for progress reporting. */
const LABELLING_SHARE = 0.7;

/** Labels the particles and measures each one: size, bounds, target-mineral content, edge contact. */
export function measureParticles(volume: LabelVolume, lookup: PhaseLookup, options: MeasureParticlesOptions): ParticleTable {
  const { data, nx, ny, nz } = volume;
  const { onProgress } = options;
  const { labels, count, voxelCounts } = labelComponents(volume, {
    connectivity: options.connectivity,
    foreground: lookup.solid,
    output: options.labelBuffer,
    onProgress: onProgress && ((f) => onProgress(LABELLING_SHARE * f)),
  });
  const targetCount = lookup.targets.length;
  const targetIndex = lookup.targetIndex;
  const targetVoxels = new Float64Array(count);
  const targetVoxelsByMineral = new Float64Array(count * targetCount);
  const bounds = new Int32Array(6 * count);
  for (let p = 0; p < count; p++) bounds.set([nx, ny, nz, -1, -1, -1], 6 * p);

  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = nx * (y + ny * z);
      // Bounds are updated once per run of equal labels rather than per voxel.
      let runLabel = 0;
      let runStart = 0;
      for (let x = 0; x <= nx; x++) {
        const label = x < nx ? labels[row + x]! : 0;
        if (label !== runLabel) {
          if (runLabel !== 0) extendBounds(bounds, runLabel - 1, runStart, x - 1, y, z);
          runLabel = label;
          runStart = x;
        }
        if (label === 0) continue;
        const t = targetIndex[data[row + x]!]!;
        if (t >= 0) {
          targetVoxels[label - 1]!++;
          targetVoxelsByMineral[(label - 1) * targetCount + t]!++;
        }
      }
    }
    if (onProgress) onProgress(LABELLING_SHARE + ((1 - LABELLING_SHARE) * (z + 1)) / nz);
  }

  const touchesEdge = new Uint8Array(count);
  for (let p = 0; p < count; p++) {
    const b = 6 * p;
    const onFace = bounds[b] === 0 || bounds[b + 1] === 0 || bounds[b + 2] === 0 || bounds[b + 3] === nx - 1 || bounds[b + 4] === ny - 1 || bounds[b + 5] === nz - 1;
    touchesEdge[p] = onFace ? 1 : 0;
  }
  return {
    count,
    connectivity: options.connectivity,
    voxels: voxelCounts.slice(1),
    targetVoxels,
    targetVoxelsByMineral,
    targetNames: lookup.targets.map((t) => t.name),
    bounds,
    touchesEdge,
  };
}

function extendBounds(bounds: Int32Array, p: number, x0: number, x1: number, y: number, z: number): void {
  const b = 6 * p;
  if (x0 < bounds[b]!) bounds[b] = x0;
  if (y < bounds[b + 1]!) bounds[b + 1] = y;
  if (z < bounds[b + 2]!) bounds[b + 2] = z;
  if (x1 > bounds[b + 3]!) bounds[b + 3] = x1;
  if (y > bounds[b + 4]!) bounds[b + 4] = y;
  if (z > bounds[b + 5]!) bounds[b + 5] = z;
}

/** Diameter of the sphere with the same volume: (6V/pi)^(1/3), in voxel edge lengths. */
export function equivalentSphericalDiameter(voxels: number): number {
  return Math.cbrt((6 * voxels) / Math.PI);
}

export interface VoxelSize {
  /** Edge length of one (cubic) voxel. */
  value: number;
  /** e.g. "um", "mm". */
  unit: string;
}

/** One particle as plain JSON. */
export interface ParticleRecord {
  id: number;
  voxels: number;
  esdVoxels: number;
  /** Equivalent spherical diameter in physical units, when a voxel size was given. */
  esd: { value: number; unit: string } | null;
  bounds: { min: [number, number, number]; max: [number, number, number] };
  targetVoxels: number;
  targetFraction: number;
  targetByMineral: { name: string; voxels: number; fraction: number }[];
  touchesEdge: boolean;
}

export function particleRecord(table: ParticleTable, p: number, voxelSize?: VoxelSize): ParticleRecord {
  const voxels = table.voxels[p]!;
  const esdVoxels = equivalentSphericalDiameter(voxels);
  const b = table.bounds.subarray(6 * p, 6 * p + 6);
  const t = table.targetNames.length;
  return {
    id: p + 1,
    voxels,
    esdVoxels,
    esd: voxelSize ? { value: esdVoxels * voxelSize.value, unit: voxelSize.unit } : null,
    bounds: { min: [b[0]!, b[1]!, b[2]!], max: [b[3]!, b[4]!, b[5]!] },
    targetVoxels: table.targetVoxels[p]!,
    targetFraction: table.targetVoxels[p]! / voxels,
    targetByMineral: table.targetNames.map((name, m) => {
      const mineral = table.targetVoxelsByMineral[p * t + m]!;
      return { name, voxels: mineral, fraction: mineral / voxels };
    }),
    touchesEdge: table.touchesEdge[p] === 1,
  };
}

export function particleRecords(table: ParticleTable, voxelSize?: VoxelSize): ParticleRecord[] {
  return Array.from({ length: table.count }, (_, p) => particleRecord(table, p, voxelSize));
}
