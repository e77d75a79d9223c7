// Sub-volumes (blocks) of a volume: the 2 x 2 x 2 octants by default. Fractions
// measured block by block show how much the material varies across the sample,
// which is what the uncertainty of a volume fraction is mostly made of: voxels
// are strongly correlated (a grain spans many), so counting statistics over
// voxels alone would understate it by orders of magnitude.
import type { LabelVolume } from "./volume";

/** A box of voxels [x0, x1) x [y0, y1) x [z0, z1). */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  z0: number;
  z1: number;
}

/** Start of each of `parts` near-equal intervals of 0..n-1, plus n at the end. */
function splits(n: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => Math.floor((i * n) / parts));
}

/** The blocks of a parts^3 split, x fastest; empty ones (a dimension smaller than `parts`) are left out. */
export function blockBoxes(volume: Pick<LabelVolume, "nx" | "ny" | "nz">, parts = 2): Box[] {
  const xs = splits(volume.nx, parts);
  const ys = splits(volume.ny, parts);
  const zs = splits(volume.nz, parts);
  const boxes: Box[] = [];
  for (let k = 0; k < parts; k++) {
    for (let j = 0; j < parts; j++) {
      for (let i = 0; i < parts; i++) {
        const box = { x0: xs[i]!, x1: xs[i + 1]!, y0: ys[j]!, y1: ys[j + 1]!, z0: zs[k]!, z1: zs[k + 1]! };
        if (box.x1 > box.x0 && box.y1 > box.y0 && box.z1 > box.z0) boxes.push(box);
      }
    }
  }
  return boxes;
}

export const boxVoxels = (box: Box) => (box.x1 - box.x0) * (box.y1 - box.y0) * (box.z1 - box.z0);

/**
 * Label histograms of every block in one pass over the volume: entry [b * 256 + label].
 * The whole-volume histogram is their sum, so this pass also serves modal mineralogy.
 */
export function blockHistograms(volume: LabelVolume, boxes: Box[], onProgress?: (fraction: number) => void): Float64Array {
  const { data, nx, ny } = volume;
  const histograms = new Float64Array(boxes.length * 256);
  const counts = new Uint32Array(256);
  boxes.forEach((box, b) => {
    for (let z = box.z0; z < box.z1; z++) {
      for (let y = box.y0; y < box.y1; y++) {
        const row = nx * (y + ny * z);
        for (let i = row + box.x0; i < row + box.x1; i++) counts[data[i]!]!++;
      }
      // Flushing per slice keeps the Uint32 counters far from overflow.
      for (let label = 0; label < 256; label++) histograms[b * 256 + label]! += counts[label]!;
      counts.fill(0);
      onProgress?.((b + (z + 1 - box.z0) / (box.z1 - box.z0)) / boxes.length);
    }
  });
  return histograms;
}

/** Sum of the block histograms: the histogram of the whole volume (when the blocks tile it). */
export function sumHistograms(histograms: Float64Array): Float64Array {
  const total = new Float64Array(256);
  for (let i = 0; i < histograms.length; i++) total[i % 256]! += histograms[i]!;
  return total;
}

/** Copies a block into `buffer` (reused between blocks) and returns it as a volume. */
export function extractBox(volume: LabelVolume, box: Box, buffer: Uint8Array): LabelVolume {
  const { data, nx, ny } = volume;
  const bx = box.x1 - box.x0;
  const by = box.y1 - box.y0;
  const bz = box.z1 - box.z0;
  const out = buffer.subarray(0, bx * by * bz);
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const from = box.x0 + nx * (box.y0 + y + ny * (box.z0 + z));
      out.set(data.subarray(from, from + bx), bx * (y + by * z));
    }
  }
  return { data: out, nx: bx, ny: by, nz: bz };
}
