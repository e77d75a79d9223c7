// Connected-component labelling of a 3-D binary mask: the kernel every particle,
// pore-network and section analysis runs on, so it is written for speed.
//
// Two passes (Rosenfeld & Pfaltz) with a union-find over provisional labels:
//  1. Scan the volume in memory order, one run of foreground voxels along x at
//     a time, joining each run with the runs it touches among those already
//     scanned (the backward half of the neighbourhood: see run-scan.ts).
//  2. Flatten the union-find into consecutive final labels and relabel.
// Union is by minimum label, so the flatten step is one ascending sweep, in
// place; find halves paths.
//
// Memory: the Int32 label array (4 bytes a voxel; pass one in to reuse it), the
// union-find table (4 bytes per provisional label, i.e. per run that touched no
// earlier run; grown on demand), run tables for two slices (12 bytes per slice
// voxel) and 8 bytes per row. The mask is never materialised: `foreground` is a
// 256-entry table over the label values.
import { firstPass, secondPass, type RowScan } from "./run-scan";
import type { LabelVolume } from "./volume";

export type Connectivity3D = 6 | 26;

export interface ComponentLabels {
  /** Component of each voxel, 1..count; 0 for background. Same indexing as the volume. */
  labels: Int32Array;
  count: number;
  /** Voxels per component, indexed by label; entry 0 is the number of background voxels. */
  voxelCounts: Float64Array;
  /** Provisional labels the first pass handed out: the size the union-find table needed. */
  provisionalLabels: number;
}

export interface LabelOptions {
  /** 6 (faces) or 26 (faces, edges and corners). */
  connectivity: Connectivity3D;
  /** 256-entry table: label values v with foreground[v] !== 0 are foreground. Default: every non-zero value. */
  foreground?: Uint8Array;
  /** A label array of at least nx*ny*nz entries to reuse instead of allocating one (its contents are overwritten). */
  output?: Int32Array;
  /** Called with the fraction done (0-1) once per z-slice and pass. */
  onProgress?: (fraction: number) => void;
}

const NONZERO: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(1);
  table[0] = 0;
  return table;
})();

/** Labels the connected components of the foreground voxels. */
export function labelComponents(volume: LabelVolume, options: LabelOptions): ComponentLabels {
  const { data, nx, ny, nz } = volume;
  const { connectivity, foreground = NONZERO, onProgress } = options;
  if (connectivity !== 6 && connectivity !== 26) throw new Error(`Connectivity must be 6 or 26, got ${String(connectivity)}.`);
  if (foreground.length < 256) throw new Error("The foreground table must have 256 entries (one per label value).");
  const size = nx * ny * nz;
  if (data.length !== size) throw new Error(`Volume data holds ${data.length} voxels but ${nx} x ${ny} x ${nz} needs ${size}.`);
  if (options.output && options.output.length < size) throw new Error(`The output label array holds ${options.output.length} entries; ${size} are needed.`);
  const labels = options.output ? options.output.subarray(0, size) : new Int32Array(size);
  if (options.output) labels.fill(0);

  // Each pass is a function of its own: V8 compiles a hot loop from the type feedback gathered so far,
  // and one function holding every loop would be thrown out of optimised code at each loop not yet run.
  const spans = new Int32Array(2 * ny * nz);
  const scan: RowScan = {
    data,
    words: data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, Math.floor(data.length / 4)) : null,
    foreground: Uint8Array.from(foreground.subarray(0, 256), (v) => (v !== 0 ? 1 : 0)),
    labels,
    window: connectivity === 26 ? 1 : 0,
    nx,
    ny,
  };
  const { parent, provisionalLabels } = firstPass(scan, nz, spans, onProgress);
  const count = flatten(parent, provisionalLabels + 1);
  const voxelCounts = new Float64Array(count + 1);
  const foregroundVoxels = secondPass(scan, parent, voxelCounts, spans, nz, onProgress);
  voxelCounts[0] = size - foregroundVoxels;
  return { labels, count, voxelCounts, provisionalLabels };
}

/** Turns the union-find table into final labels 1..count in place; parent[l] <= l always, so one ascending sweep does it. */
function flatten(parent: Int32Array, next: number): number {
  let count = 0;
  for (let l = 1; l < next; l++) {
    const up = parent[l]!;
    parent[l] = up === l ? ++count : parent[up]!;
  }
  return count;
}
