import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { readHdf5VolumeFile, readRawVolume, readTiffStack } from "../../analysis/readers";
import type { LabelVolume } from "../../analysis/volume";

/**
 * Reads an 8-bit volume from where the facility stores it. The built-in
 * executor reads local files (file:// URIs); other stores are for executors
 * that run where the data are (SLURM, external runners).
 */
export async function readVolumeAt(uri: string, size: { nx: number | null; ny: number | null; nz: number | null }, dataset = "/entry/data/data"): Promise<LabelVolume> {
  if (!uri.startsWith("file://")) throw new Error(`The built-in executor reads local files only; ${uri} needs an executor that runs where the data are (SLURM or an external runner).`);
  const filePath = fileURLToPath(uri);
  const lower = filePath.toLowerCase();
  if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".nxs")) return readHdf5VolumeFile(filePath, dataset);
  const bytes = new Uint8Array(await readFile(filePath));
  if (lower.endsWith(".tif") || lower.endsWith(".tiff")) return readTiffStack(bytes);
  if (size.nx === null || size.ny === null || size.nz === null) throw new Error(`${uri} is a raw volume: the scan needs its width, height and depth in voxels.`);
  return readRawVolume(bytes, { nx: size.nx, ny: size.ny, nz: size.nz });
}
