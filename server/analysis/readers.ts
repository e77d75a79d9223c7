// Readers for the three forms a segmented CT volume usually arrives in: a raw
// byte dump (dimensions known from the metadata), a multi-page TIFF stack (one
// page per z-slice, as ImageJ/Fiji, Avizo and Dragonfly export), and a dataset
// in an HDF5 / NeXus file (shape [nz, ny, nx], C order, so x varies fastest as
// in LabelVolume). All produce 8-bit labels; anything else is refused with a
// message saying what was found.
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import h5wasm from "h5wasm/node";
import UTIF, { type IFD } from "utif";
import type { LabelVolume } from "./volume";

export interface Dimensions {
  nx: number;
  ny: number;
  nz: number;
}

function assertDimensions({ nx, ny, nz }: Dimensions): void {
  for (const [name, n] of [["nx", nx], ["ny", ny], ["nz", nz]] as const) {
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${n}.`);
  }
}

/** Raw uint8 labels, x fastest. Returns a view on `bytes` (no copy). */
export function readRawVolume(bytes: Uint8Array, dimensions: Dimensions): LabelVolume {
  assertDimensions(dimensions);
  const { nx, ny, nz } = dimensions;
  const expected = nx * ny * nz;
  if (bytes.length !== expected) {
    const hint = bytes.length === 2 * expected ? " It is twice as long: 16-bit data? Only 8-bit labels are read." : "";
    throw new Error(`Raw volume holds ${bytes.length} bytes but ${nx} x ${ny} x ${nz} uint8 voxels need ${expected}.${hint}`);
  }
  return { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), nx, ny, nz };
}

const tag = (ifd: IFD, id: number): number | undefined => {
  const value = ifd[`t${id}`];
  return value && typeof value[0] === "number" ? value[0] : undefined;
};

const PHOTOMETRIC_BLACK_IS_ZERO = 1;
const PHOTOMETRIC_PALETTE = 3;

/** A multi-page TIFF with one 8-bit single-channel page per z-slice, all the same size. */
export function readTiffStack(bytes: Uint8Array): LabelVolume {
  // utif views an ArrayBuffer but copies a Uint8Array on every call: hand it an exact ArrayBuffer once.
  const buffer: ArrayBuffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes.buffer : bytes.slice().buffer;
  let ifds: IFD[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (error) {
    throw new Error(`Not a readable TIFF file: ${error instanceof Error ? error.message : String(error)}`);
  }
  // NewSubfileType bit 0 marks reduced-resolution copies (thumbnails): they are not slices.
  const pages = ifds.filter((ifd) => ((tag(ifd, 254) ?? 0) & 1) === 0 && tag(ifd, 256) !== undefined);
  if (pages.length === 0) throw new Error("The TIFF file has no image pages.");
  const nx = tag(pages[0]!, 256)!;
  const ny = tag(pages[0]!, 257) ?? 0;
  const nz = pages.length;
  const data = new Uint8Array(nx * ny * nz);
  pages.forEach((page, z) => {
    const where = `TIFF page ${z + 1} of ${nz}`;
    const width = tag(page, 256);
    const height = tag(page, 257);
    if (width !== nx || height !== ny) throw new Error(`${where} is ${width} x ${height}; the first page is ${nx} x ${ny}. All slices must be the same size.`);
    const bits = page.t258 ?? [1];
    const samples = tag(page, 277) ?? 1;
    if (samples !== 1) throw new Error(`${where} has ${samples} samples per pixel (colour); label slices must be single-channel greyscale.`);
    if (bits[0] !== 8) throw new Error(`${where} has ${String(bits[0])} bits per sample; only 8-bit label slices are read.`);
    const photometric = tag(page, 262) ?? PHOTOMETRIC_BLACK_IS_ZERO;
    if (photometric !== PHOTOMETRIC_BLACK_IS_ZERO && photometric !== PHOTOMETRIC_PALETTE) {
      throw new Error(`${where} has photometric interpretation ${photometric}; labels must be stored as BlackIsZero greyscale (1) or palette indices (3).`);
    }
    UTIF.decodeImage(buffer, page, ifds);
    const pixels = page.data;
    if (!pixels || pixels.length < nx * ny) throw new Error(`${where} could not be decoded (compression ${tag(page, 259) ?? 1}).`);
    data.set(pixels.subarray(0, nx * ny), z * nx * ny);
  });
  return { data, nx, ny, nz };
}

const H5T_INTEGER = 0;
const HDF5_SLAB_VOXELS = 1 << 24;

export interface Hdf5ReadOptions {
  /** Voxels read per call (whole z-slices, at least one); bounds the wasm heap, which never shrinks. Default 2^24. */
  slabVoxels?: number;
}

/** An HDF5 file on disk: the 3-D uint8 dataset at `datasetPath`, shape [nz, ny, nx]. */
export async function readHdf5VolumeFile(filePath: string, datasetPath: string, options: Hdf5ReadOptions = {}): Promise<LabelVolume> {
  await h5wasm.ready;
  const file = new h5wasm.File(filePath, "r");
  try {
    const entity = file.get(datasetPath);
    if (!(entity instanceof h5wasm.Dataset)) {
      const found = entity === null ? "nothing" : `a ${entity.constructor.name}`;
      throw new Error(`No dataset at "${datasetPath}" in the HDF5 file (found ${found}; the file holds ${file.paths().join(", ") || "no objects"}).`);
    }
    const { shape, type, size, signed } = entity.metadata;
    if (!shape || shape.length !== 3) throw new Error(`HDF5 dataset "${datasetPath}" has shape [${shape?.join(", ") ?? ""}]; a 3-D volume [nz, ny, nx] is needed.`);
    if (type !== H5T_INTEGER || size !== 1 || signed) {
      throw new Error(`HDF5 dataset "${datasetPath}" has type ${entity.dtype}; 8-bit unsigned labels (uint8) are needed.`);
    }
    const [nz, ny, nx] = shape as [number, number, number];
    // Read in z-slabs: each read passes through the wasm heap, which never shrinks, so slabs keep it small.
    const data = new Uint8Array(nx * ny * nz);
    const slab = Math.max(1, Math.floor((options.slabVoxels ?? HDF5_SLAB_VOXELS) / Math.max(1, nx * ny)));
    for (let z0 = 0; z0 < nz; z0 += slab) {
      const z1 = Math.min(nz, z0 + slab);
      const part = entity.slice([[z0, z1], [], []]);
      if (!(part instanceof Uint8Array) || part.length !== (z1 - z0) * nx * ny) throw new Error(`HDF5 dataset "${datasetPath}" slices ${z0}-${z1} did not read as uint8.`);
      data.set(part, z0 * nx * ny);
    }
    return { data, nx, ny, nz };
  } finally {
    file.close();
  }
}

/**
 * An HDF5 file held in memory. h5wasm's Node build reaches the disk through its
 * file system (NODERAWFS), so the bytes are written to a private temporary file
 * with that file system, read, and the file removed.
 */
export async function readHdf5Volume(bytes: Uint8Array, datasetPath: string, options: Hdf5ReadOptions = {}): Promise<LabelVolume> {
  const { FS } = await h5wasm.ready;
  if (!FS) throw new Error("h5wasm has no file system in this build.");
  const temporary = path.join(os.tmpdir(), `lodestone-volume-${randomUUID()}.h5`);
  FS.writeFile(temporary, bytes);
  try {
    return await readHdf5VolumeFile(temporary, datasetPath, options);
  } finally {
    FS.unlink(temporary);
  }
}
