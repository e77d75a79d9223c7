// Down-sampling a label volume for the browser viewer. Labels are categories, so
// averaging would invent phases that are not there (the mean of pore 0 and
// wolframite 3 is not cassiterite 2); each output voxel takes the most frequent
// label of its factor^3 block instead (the mode, a majority vote).
import type { LabelVolume } from "./volume";

/**
 * Mode down-sampling by an integer factor. Output dimensions are ceil(n / factor);
 * blocks at the far faces are partial. Ties go to the smaller label, so the
 * result does not depend on scan order.
 */
export function downsampleMode(volume: LabelVolume, factor: number): LabelVolume {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`The down-sampling factor must be a positive integer, got ${factor}.`);
  const { data, nx, ny, nz } = volume;
  if (factor === 1) return { data: data.slice(), nx, ny, nz };
  const ox = Math.ceil(nx / factor);
  const oy = Math.ceil(ny / factor);
  const oz = Math.ceil(nz / factor);
  const out = new Uint8Array(ox * oy * oz);
  const counts = new Uint32Array(256);
  const present = new Uint8Array(256); // the labels seen in the current block, so only those counters are read and reset
  for (let bz = 0; bz < oz; bz++) {
    const z1 = Math.min(nz, (bz + 1) * factor);
    for (let by = 0; by < oy; by++) {
      const y1 = Math.min(ny, (by + 1) * factor);
      for (let bx = 0; bx < ox; bx++) {
        const x0 = bx * factor;
        const x1 = Math.min(nx, x0 + factor);
        let distinct = 0;
        for (let z = bz * factor; z < z1; z++) {
          for (let y = by * factor; y < y1; y++) {
            const row = nx * (y + ny * z);
            for (let i = row + x0; i < row + x1; i++) {
              const label = data[i]!;
              if (counts[label]!++ === 0) present[distinct++] = label;
            }
          }
        }
        let best = 0;
        let bestCount = 0;
        for (let d = 0; d < distinct; d++) {
          const label = present[d]!;
          const count = counts[label]!;
          if (count > bestCount || (count === bestCount && label < best)) {
            best = label;
            bestCount = count;
          }
          counts[label] = 0;
        }
        out[bx + ox * (by + oy * bz)] = best;
      }
    }
  }
  return { data: out, nx: ox, ny: oy, nz: oz };
}

/** The smallest integer factor that brings every dimension to at most `maxEdge` voxels (128 by default: 2 MB for the viewer). */
export function viewerFactor(volume: Pick<LabelVolume, "nx" | "ny" | "nz">, maxEdge = 128): number {
  if (!Number.isInteger(maxEdge) || maxEdge < 1) throw new Error(`maxEdge must be a positive integer, got ${maxEdge}.`);
  return Math.max(1, Math.ceil(Math.max(volume.nx, volume.ny, volume.nz) / maxEdge));
}

/** Down-samples so that no edge exceeds `maxEdge` voxels; returns the volume and the factor used. */
export function downsampleForViewer(volume: LabelVolume, maxEdge = 128): { volume: LabelVolume; factor: number } {
  const factor = viewerFactor(volume, maxEdge);
  return { volume: downsampleMode(volume, factor), factor };
}
