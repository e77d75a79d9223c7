import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import h5wasm from "h5wasm/node";
import UTIF from "utif";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHdf5Volume, readHdf5VolumeFile, readRawVolume, readTiffStack } from "./readers";
import type { LabelVolume } from "./volume";

/** 5 x 4 x 3 with a distinct value per voxel, so any mix-up of axes shows. */
const volume: LabelVolume = { data: Uint8Array.from({ length: 60 }, (_, i) => (i * 7) % 251), nx: 5, ny: 4, nz: 3 };

/** A multi-page TIFF written by hand: utif encodes the directories, the pixel strips follow them. */
function tiffStack(pages: { width: number; height: number; bits?: number; samples?: number; pixels: Uint8Array }[]): Uint8Array {
  const directory = (offsets: number[]) =>
    pages.map((page, z) => ({
      t256: [page.width], t257: [page.height], t258: Array(page.samples ?? 1).fill(page.bits ?? 8), t259: [1], t262: [1],
      t273: [offsets[z]], t277: [page.samples ?? 1], t278: [page.height], t279: [page.pixels.length],
    }));
  const headerLength = UTIF.encode(directory(pages.map(() => 0))).byteLength; // offsets do not change the length
  const offsets: number[] = [];
  let at = headerLength;
  for (const page of pages) {
    offsets.push(at);
    at += page.pixels.length;
  }
  const file = new Uint8Array(at);
  file.set(new Uint8Array(UTIF.encode(directory(offsets))), 0);
  pages.forEach((page, z) => file.set(page.pixels, offsets[z]!));
  return file;
}

const slice = (z: number) => volume.data.subarray(z * 20, (z + 1) * 20);

describe("readRawVolume", () => {
  it("reads uint8 labels with x fastest, as a view on the bytes", () => {
    const bytes = Buffer.from(volume.data);
    const read = readRawVolume(bytes, { nx: 5, ny: 4, nz: 3 });
    expect(read).toMatchObject({ nx: 5, ny: 4, nz: 3 });
    expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    expect(read.data.buffer).toBe(bytes.buffer);
  });

  it("says what is wrong with the length", () => {
    expect(() => readRawVolume(new Uint8Array(59), { nx: 5, ny: 4, nz: 3 })).toThrow("Raw volume holds 59 bytes but 5 x 4 x 3 uint8 voxels need 60.");
    expect(() => readRawVolume(new Uint8Array(120), { nx: 5, ny: 4, nz: 3 })).toThrow(/16-bit data\?/);
    expect(() => readRawVolume(new Uint8Array(0), { nx: 0, ny: 4, nz: 3 })).toThrow(/nx must be a positive integer/);
  });
});

describe("readTiffStack", () => {
  it("reads one 8-bit page per z-slice", () => {
    const file = tiffStack([0, 1, 2].map((z) => ({ width: 5, height: 4, pixels: slice(z) })));
    const read = readTiffStack(file);
    expect(read).toMatchObject({ nx: 5, ny: 4, nz: 3 });
    expect(Array.from(read.data)).toEqual(Array.from(volume.data));
  });

  it("reads a file held at an offset inside a larger buffer", () => {
    const file = tiffStack([{ width: 5, height: 4, pixels: slice(1) }]);
    const padded = new Uint8Array(file.length + 10);
    padded.set(file, 10);
    expect(Array.from(readTiffStack(padded.subarray(10)).data)).toEqual(Array.from(slice(1)));
  });

  it("refuses pages of different sizes, 16-bit pages, colour pages and non-TIFF bytes", () => {
    expect(() => readTiffStack(tiffStack([{ width: 5, height: 4, pixels: slice(0) }, { width: 4, height: 5, pixels: slice(1) }]))).toThrow(
      "TIFF page 2 of 2 is 4 x 5; the first page is 5 x 4. All slices must be the same size.",
    );
    expect(() => readTiffStack(tiffStack([{ width: 2, height: 2, bits: 16, pixels: new Uint8Array(8) }]))).toThrow(/16 bits per sample; only 8-bit/);
    const rgba = new Uint8Array(UTIF.encodeImage(new Uint8Array(2 * 2 * 4), 2, 2));
    expect(() => readTiffStack(rgba)).toThrow(/4 samples per pixel/);
    expect(() => readTiffStack(new TextEncoder().encode("not a tiff at all"))).toThrow(/TIFF/);
  });
});

describe("readHdf5Volume", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lodestone-h5-test-"));
  const file = path.join(directory, "scan.h5");

  beforeAll(async () => {
    await h5wasm.ready;
    const h5 = new h5wasm.File(file, "w");
    const entry = h5.create_group("entry");
    entry.create_dataset({ name: "labels", data: volume.data, shape: [3, 4, 5], dtype: "<B" });
    entry.create_dataset({ name: "grey", data: new Uint16Array(60), shape: [3, 4, 5], dtype: "<H" });
    entry.create_dataset({ name: "flat", data: new Uint8Array(20), shape: [4, 5], dtype: "<B" });
    h5.close();
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("reads a [nz, ny, nx] uint8 dataset from bytes in memory, leaving no temporary file", async () => {
    const leftovers = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("lodestone-volume-")).length;
    const before = leftovers();
    const read = await readHdf5Volume(fs.readFileSync(file), "/entry/labels");
    expect(read).toMatchObject({ nx: 5, ny: 4, nz: 3 });
    expect(Array.from(read.data)).toEqual(Array.from(volume.data));
    expect(leftovers()).toBe(before);
  });

  it("reads slab by slab from a file on disk", async () => {
    const read = await readHdf5VolumeFile(file, "entry/labels", { slabVoxels: 20 });
    expect(Array.from(read.data)).toEqual(Array.from(volume.data));
  });

  it("names what it found instead of a uint8 volume", async () => {
    await expect(readHdf5VolumeFile(file, "/entry/missing")).rejects.toThrow(/No dataset at "\/entry\/missing" .*found nothing.*entry\/labels/);
    await expect(readHdf5VolumeFile(file, "/entry")).rejects.toThrow(/found a Group/);
    await expect(readHdf5VolumeFile(file, "/entry/grey")).rejects.toThrow(/has type <H; 8-bit unsigned labels \(uint8\) are needed/);
    await expect(readHdf5VolumeFile(file, "/entry/flat")).rejects.toThrow(/has shape \[4, 5\]; a 3-D volume/);
  });
});
