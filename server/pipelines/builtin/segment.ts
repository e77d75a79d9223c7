import type { LabelVolume } from "../../analysis/volume";

/**
 * Greyscale to labels by thresholds: a voxel below thresholds[0] gets
 * labels[0], below thresholds[1] labels[1], …, the rest the last label. A
 * 256-entry lookup table makes it one pass over the volume.
 */
export function segmentByThresholds(grey: LabelVolume, thresholds: readonly number[], labels: readonly number[], onProgress?: (fraction: number) => void): LabelVolume {
  if (labels.length !== thresholds.length + 1) throw new Error(`Give one label more than thresholds (got ${thresholds.length} thresholds and ${labels.length} labels).`);
  const table = new Uint8Array(256);
  for (let value = 0, band = 0; value < 256; value++) {
    while (band < thresholds.length && value >= thresholds[band]!) band++;
    table[value] = labels[band]!;
  }
  const out = new Uint8Array(grey.data.length);
  const slab = grey.nx * grey.ny;
  for (let z = 0; z < grey.nz; z++) {
    const from = z * slab;
    for (let i = from; i < from + slab; i++) out[i] = table[grey.data[i]!]!;
    if (onProgress && (z & 7) === 7) onProgress((z + 1) / grey.nz);
  }
  onProgress?.(1);
  return { data: out, nx: grey.nx, ny: grey.ny, nz: grey.nz };
}
