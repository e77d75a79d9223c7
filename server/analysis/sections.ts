// The 2-D estimate: what a polished-section study (automated mineralogy on
// SEM-EDS, optical microscopy) would see. Planar sections are cut through the
// same volume, particles are labelled in each plane (4- or 8-connectivity) and
// classified by areal grade. A section through a locked or middling particle
// often misses its gangue or its target, so 2-D overstates liberation; putting
// the two spectra side by side shows how much for this material.
import { labelComponents } from "./components";
import type { GrainSet } from "./liberation";
import type { Axis } from "./porosity";
import type { LabelVolume, PhaseLookup } from "./volume";

export type Connectivity2D = 4 | 8;

export interface SectionOptions {
  /** Every `step`-th plane is cut (default 8). */
  step?: number;
  /** Axes normal to the planes (default ["z"]: horizontal sections). */
  axes?: Axis[];
  /** Pixel connectivity within a plane (default 8). */
  connectivity?: Connectivity2D;
  onProgress?: (fraction: number) => void;
}

/** The particles found in all sections: `size` and `target` are pixel counts. */
export interface SectionGrains extends GrainSet {
  /** Target pixels per mineral, flat: [p * targetNames.length + t]. */
  targetByMineral: Float64Array;
  targetNames: string[];
  /** Plane indices cut along each axis. */
  planes: Record<Axis, number[]>;
  /** Pixels examined in all planes. */
  pixels: number;
  connectivity: Connectivity2D;
}

/** Indices 0..n-1 every `step`, the comb centred so both ends keep similar margins; at least one plane when n > 0. */
export function planeIndices(n: number, step: number): number[] {
  if (!Number.isInteger(step) || step < 1) throw new Error(`The section step must be a positive integer, got ${step}.`);
  const indices: number[] = [];
  if (n < 1) return indices;
  for (let i = Math.floor(((n - 1) % step) / 2); i < n; i += step) indices.push(i);
  return indices;
}

/** Extent of a plane normal to `axis` (its width runs along the faster-varying remaining axis). */
function planeShape(axis: Axis, volume: LabelVolume): [number, number] {
  if (axis === "z") return [volume.nx, volume.ny];
  if (axis === "y") return [volume.nx, volume.nz];
  return [volume.ny, volume.nz];
}

/** The labels of plane `k` normal to `axis`; z-planes are views, x and y planes are copied into `buffer`. */
export function extractPlane(volume: LabelVolume, axis: Axis, k: number, buffer: Uint8Array): Uint8Array {
  const { data, nx, ny, nz } = volume;
  if (axis === "z") return data.subarray(k * nx * ny, (k + 1) * nx * ny);
  if (axis === "y") {
    for (let z = 0; z < nz; z++) {
      const from = nx * (k + ny * z);
      buffer.set(data.subarray(from, from + nx), nx * z);
    }
    return buffer.subarray(0, nx * nz);
  }
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) buffer[y + ny * z] = data[k + nx * (y + ny * z)]!;
  }
  return buffer.subarray(0, ny * nz);
}

/** The particles of one plane: pixel counts, target pixels (all, and per mineral flat), border contact. */
interface PlaneParticles {
  size: Float64Array;
  target: Float64Array;
  byMineral: Float64Array;
  touchesEdge: Uint8Array;
}

/** Labels one plane (a one-voxel-thick volume, where 6-connectivity is 4-connectivity and 26 is 8) and measures its particles. */
function measurePlane(data: Uint8Array, width: number, height: number, lookup: PhaseLookup, connectivity: Connectivity2D, labelBuffer: Int32Array): PlaneParticles {
  const { labels, count, voxelCounts } = labelComponents(
    { data, nx: width, ny: height, nz: 1 },
    { connectivity: connectivity === 4 ? 6 : 26, foreground: lookup.solid, output: labelBuffer },
  );
  const minerals = lookup.targets.length;
  const target = new Float64Array(count);
  const byMineral = new Float64Array(count * minerals);
  for (let i = 0; i < width * height; i++) {
    const label = labels[i]!;
    const t = lookup.targetIndex[data[i]!]!;
    if (label === 0 || t < 0) continue;
    target[label - 1]!++;
    byMineral[(label - 1) * minerals + t]!++;
  }
  return { size: voxelCounts.slice(1), target, byMineral, touchesEdge: borderLabels(labels, width, height, count).subarray(1) };
}

function concatenate<T extends Float64Array | Uint8Array>(parts: T[], make: (length: number) => T): T {
  const whole = make(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Cuts the sections and measures every 2-D particle in them. */
export function sectionParticles(volume: LabelVolume, lookup: PhaseLookup, options: SectionOptions = {}): SectionGrains {
  const { step = 8, axes = ["z"], connectivity = 8, onProgress } = options;
  if (connectivity !== 4 && connectivity !== 8) throw new Error(`Section connectivity must be 4 or 8, got ${String(connectivity)}.`);
  const uniqueAxes = [...new Set(axes)];
  const planes = { x: [], y: [], z: [] } as Record<Axis, number[]>;
  for (const axis of uniqueAxes) planes[axis] = planeIndices(axis === "x" ? volume.nx : axis === "y" ? volume.ny : volume.nz, step);
  const area = (axis: Axis) => planeShape(axis, volume)[0] * planeShape(axis, volume)[1];
  const largest = Math.max(0, ...uniqueAxes.map(area));
  const planeBuffer = new Uint8Array(largest); // x and y planes are copied here; z planes are views
  const labelBuffer = new Int32Array(largest);
  const measured: PlaneParticles[] = [];
  const totalPlanes = uniqueAxes.reduce((sum, axis) => sum + planes[axis].length, 0);
  let pixels = 0;
  for (const axis of uniqueAxes) {
    const [width, height] = planeShape(axis, volume);
    for (const k of planes[axis]) {
      measured.push(measurePlane(extractPlane(volume, axis, k, planeBuffer), width, height, lookup, connectivity, labelBuffer));
      pixels += width * height;
      onProgress?.(measured.length / totalPlanes);
    }
  }
  const size = concatenate(measured.map((m) => m.size), (n) => new Float64Array(n));
  return {
    count: size.length,
    size,
    target: concatenate(measured.map((m) => m.target), (n) => new Float64Array(n)),
    touchesEdge: concatenate(measured.map((m) => m.touchesEdge), (n) => new Uint8Array(n)),
    targetByMineral: concatenate(measured.map((m) => m.byMineral), (n) => new Float64Array(n)),
    targetNames: lookup.targets.map((t) => t.name),
    planes,
    pixels,
    connectivity,
  };
}

/** 1 for every label present on the border of a width x height plane. */
function borderLabels(labels: Int32Array, width: number, height: number, count: number): Uint8Array {
  const touches = new Uint8Array(count + 1);
  for (let x = 0; x < width; x++) {
    touches[labels[x]!] = 1;
    touches[labels[x + width * (height - 1)]!] = 1;
  }
  for (let y = 0; y < height; y++) {
    touches[labels[width * y]!] = 1;
    touches[labels[width * y + width - 1]!] = 1;
  }
  return touches;
}
