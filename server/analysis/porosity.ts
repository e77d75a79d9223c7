// Porosity: the total pore fraction, and the part of it that percolates, i.e.
// lies in a 6-connected pore cluster reaching both opposite faces of the volume
// along an axis (the pore space a fluid could cross in that direction). Face
// connectivity (6) is the conservative choice for flow: pores meeting only at an
// edge or corner of a voxel do not make a channel.
import { labelComponents, type ComponentLabels } from "./components";
import type { LabelVolume, PhaseLookup } from "./volume";

export type Axis = "x" | "y" | "z";
export const AXES: readonly Axis[] = ["x", "y", "z"];

export interface AxisPercolation {
  /** Percolating pore voxels over all voxels. */
  fraction: number;
  /** Percolating pore voxels over all pore voxels; null without pores. */
  fractionOfPores: number | null;
  voxels: number;
  /** How many distinct pore clusters span the axis. */
  clusters: number;
}

export type ConnectedPorosity = Record<Axis, AxisPercolation>;

/** Pore voxels over all voxels, from a label histogram. */
export function totalPorosity(histogram: Float64Array, lookup: PhaseLookup): { poreVoxels: number; voxels: number; fraction: number } {
  let poreVoxels = 0;
  let voxels = 0;
  for (let label = 0; label < 256; label++) {
    voxels += histogram[label]!;
    if (lookup.pore[label]) poreVoxels += histogram[label]!;
  }
  return { poreVoxels, voxels, fraction: voxels > 0 ? poreVoxels / voxels : 0 };
}

/** Labels the pore space (6-connected) and measures, per axis, the clusters touching both faces. */
export function connectedPorosity(
  volume: LabelVolume,
  lookup: PhaseLookup,
  options: { labelBuffer?: Int32Array; onProgress?: (fraction: number) => void } = {},
): ConnectedPorosity {
  const pores = labelComponents(volume, { connectivity: 6, foreground: lookup.pore, output: options.labelBuffer, onProgress: options.onProgress });
  const result = {} as ConnectedPorosity;
  for (const axis of AXES) result[axis] = percolationAlong(axis, volume, pores);
  return result;
}

const LOW_FACE = 1;
const HIGH_FACE = 2;

/** Pore clusters that touch both faces normal to `axis`. A volume one voxel thick along the axis has one face, touched twice. */
export function percolationAlong(axis: Axis, volume: Pick<LabelVolume, "nx" | "ny" | "nz">, pores: ComponentLabels): AxisPercolation {
  const { nx, ny, nz } = volume;
  const { labels, count, voxelCounts } = pores;
  const touched = new Uint8Array(count + 1);
  const mark = (index: number, face: number) => {
    touched[labels[index]!]! |= face;
  };
  if (nx > 0 && ny > 0 && nz > 0) {
    if (axis === "x") {
      for (let z = 0; z < nz; z++) {
        for (let y = 0; y < ny; y++) {
          const row = nx * (y + ny * z);
          mark(row, LOW_FACE);
          mark(row + nx - 1, HIGH_FACE);
        }
      }
    } else if (axis === "y") {
      for (let z = 0; z < nz; z++) {
        for (let x = 0; x < nx; x++) {
          mark(x + nx * ny * z, LOW_FACE);
          mark(x + nx * (ny - 1 + ny * z), HIGH_FACE);
        }
      }
    } else {
      const last = nx * ny * (nz - 1);
      for (let i = 0; i < nx * ny; i++) {
        mark(i, LOW_FACE);
        mark(last + i, HIGH_FACE);
      }
    }
  }
  let voxels = 0;
  let clusters = 0;
  for (let label = 1; label <= count; label++) {
    if (touched[label] === (LOW_FACE | HIGH_FACE)) {
      voxels += voxelCounts[label]!;
      clusters++;
    }
  }
  let poreVoxels = 0;
  for (let label = 1; label <= count; label++) poreVoxels += voxelCounts[label]!;
  const total = nx * ny * nz;
  return { fraction: total > 0 ? voxels / total : 0, fractionOfPores: poreVoxels > 0 ? voxels / poreVoxels : null, voxels, clusters };
}
