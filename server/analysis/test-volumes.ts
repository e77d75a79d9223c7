// Small volumes drawn as text, for the tests: slices[z][y] is a row of digits,
// one label per character (x), so a test shows its volume as it is.
import type { LabelVolume, Phase } from "./volume";

export function volumeFromSlices(slices: string[][]): LabelVolume {
  const nz = slices.length;
  const ny = slices[0]?.length ?? 0;
  const nx = slices[0]?.[0]?.length ?? 0;
  const data = new Uint8Array(nx * ny * nz);
  slices.forEach((slice, z) => {
    if (slice.length !== ny) throw new Error(`Slice ${z} has ${slice.length} rows, not ${ny}.`);
    slice.forEach((row, y) => {
      if (row.length !== nx) throw new Error(`Slice ${z} row ${y} has ${row.length} columns, not ${nx}.`);
      for (let x = 0; x < nx; x++) data[x + nx * (y + ny * z)] = Number(row[x]);
    });
  });
  return { data, nx, ny, nz };
}

/** A volume of one label. */
export function uniformVolume(nx: number, ny: number, nz: number, label: number): LabelVolume {
  return { data: new Uint8Array(nx * ny * nz).fill(label), nx, ny, nz };
}

/** 0 pore, 1 gangue, 2 and 3 target minerals, 4 accessory: the table the hand-drawn volumes use. */
export const TEST_PHASES: Phase[] = [
  { label: 0, name: "Pore", role: "PORE" },
  { label: 1, name: "Quartz", role: "MATRIX" },
  { label: 2, name: "Cassiterite", role: "TARGET" },
  { label: 3, name: "Wolframite", role: "TARGET" },
  { label: 4, name: "Tourmaline", role: "OTHER" },
];

const EMPTY_SLICE = ["0000000", "0000000", "0000000", "0000000", "0000000"];

/**
 * 7 x 5 x 3, particles in the middle slice only. A: 2 x 2 cassiterite, inside,
 * 100 % target. B: quartz over wolframite, inside, 50 %. C: two quartz voxels
 * on the x = 0 and y = 4 faces. D: one cassiterite voxel in the far corner.
 */
export const FOUR_PARTICLES = volumeFromSlices([EMPTY_SLICE, ["0000000", "0220010", "0220030", "0000000", "1100002"], EMPTY_SLICE]);
