import { describe, expect, it } from "vitest";
import { labelComponents, type Connectivity3D } from "./components";
import { mulberry32 } from "./random";
import { uniformVolume, volumeFromSlices } from "./test-volumes";
import type { LabelVolume } from "./volume";

/** Reference labeller: breadth-first flood fill over the explicit neighbour offsets. Slow and obviously right. */
function floodFill(volume: LabelVolume, connectivity: Connectivity3D, foreground = (v: number) => v !== 0): { labels: Int32Array; count: number } {
  const { data, nx, ny, nz } = volume;
  const offsets: [number, number, number][] = [];
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const order = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (order === 0 || (connectivity === 6 && order > 1)) continue;
        offsets.push([dx, dy, dz]);
      }
    }
  }
  const labels = new Int32Array(data.length);
  let count = 0;
  for (let seed = 0; seed < data.length; seed++) {
    if (!foreground(data[seed]!) || labels[seed] !== 0) continue;
    labels[seed] = ++count;
    const queue = [seed];
    while (queue.length > 0) {
      const i = queue.pop()!;
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      for (const [dx, dy, dz] of offsets) {
        const [u, v, w] = [x + dx, y + dy, z + dz];
        if (u < 0 || v < 0 || w < 0 || u >= nx || v >= ny || w >= nz) continue;
        const j = u + nx * (v + ny * w);
        if (foreground(data[j]!) && labels[j] === 0) {
          labels[j] = count;
          queue.push(j);
        }
      }
    }
  }
  return { labels, count };
}

/** Asserts two labellings describe the same partition (labels may be numbered differently). */
function expectSamePartition(actual: Int32Array, expected: Int32Array): void {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < actual.length; i++) {
    const [a, e] = [actual[i]!, expected[i]!];
    if ((a === 0) !== (e === 0)) throw new Error(`voxel ${i}: labelled ${a}, reference ${e}`);
    if (a === 0) continue;
    if ((forward.get(a) ?? e) !== e || (backward.get(e) ?? a) !== a) throw new Error(`voxel ${i}: component ${a} maps to reference ${forward.get(a)} and ${e}`);
    forward.set(a, e);
    backward.set(e, a);
  }
}

const L_SHAPE = volumeFromSlices([
  ["110", "000", "000"],
  ["000", "000", "000"],
  ["000", "011", "000"],
]);

describe("labelComponents, hand-worked volumes", () => {
  it("labels a solid 3x3x3 cube as one component of 27 voxels", () => {
    for (const connectivity of [6, 26] as const) {
      const result = labelComponents(uniformVolume(3, 3, 3, 1), { connectivity });
      expect(result.count).toBe(1);
      expect(Array.from(result.voxelCounts)).toEqual([0, 27]);
      expect(result.labels.every((l) => l === 1)).toBe(true);
    }
  });

  it("joins voxels that meet only at a corner in 26-connectivity and keeps them apart in 6", () => {
    const diagonal = volumeFromSlices([
      ["10", "00"],
      ["00", "01"],
    ]);
    expect(labelComponents(diagonal, { connectivity: 6 }).count).toBe(2);
    const joined = labelComponents(diagonal, { connectivity: 26 });
    expect(joined.count).toBe(1);
    expect(Array.from(joined.voxelCounts)).toEqual([6, 2]);
  });

  it("joins voxels that share only an edge in 26-connectivity", () => {
    const edge = volumeFromSlices([["10"], ["01"]]);
    expect(labelComponents(edge, { connectivity: 6 }).count).toBe(2);
    expect(labelComponents(edge, { connectivity: 26 }).count).toBe(1);
  });

  it("splits an L whose legs meet only diagonally into two in 6-connectivity", () => {
    // Leg 1 runs along x in slice 0; leg 2 along x in slice 2; a step diagonal in y and z links them through slice 1.
    const shape = volumeFromSlices([
      ["110", "000", "000"],
      ["000", "010", "000"],
      ["000", "000", "011"],
    ]);
    const six = labelComponents(shape, { connectivity: 6 });
    expect(six.count).toBe(3);
    const all = labelComponents(shape, { connectivity: 26 });
    expect(all.count).toBe(1);
    expect(all.voxelCounts[1]).toBe(5);
    expect(labelComponents(L_SHAPE, { connectivity: 26 }).count).toBe(2); // two slices apart: not neighbours at all
  });

  it("labels an L-shaped particle as one in 26 and two in 6 when its legs touch at an edge", () => {
    const shape = volumeFromSlices([
      ["111", "000"],
      ["000", "001"],
      ["000", "001"],
    ]);
    expect(labelComponents(shape, { connectivity: 6 }).count).toBe(2);
    const joined = labelComponents(shape, { connectivity: 26 });
    expect(joined.count).toBe(1);
    expect(joined.voxelCounts[1]).toBe(5);
  });

  it("numbers components in scan order with consecutive labels and counts each", () => {
    const v = volumeFromSlices([["1010", "0000", "1001"]]);
    const result = labelComponents(v, { connectivity: 26 });
    expect(result.count).toBe(4);
    expect(Array.from(result.labels)).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 4]);
    expect(Array.from(result.voxelCounts)).toEqual([8, 1, 1, 1, 1]);
  });

  it("merges a U whose arms are only joined at the far end (a late union)", () => {
    const u = volumeFromSlices([["10001", "10001", "11111"]]);
    const result = labelComponents(u, { connectivity: 6 });
    expect(result.count).toBe(1);
    expect(result.voxelCounts[1]).toBe(9);
  });

  it("handles empty, all-background and all-foreground volumes", () => {
    expect(labelComponents({ data: new Uint8Array(0), nx: 0, ny: 4, nz: 4 }, { connectivity: 6 })).toMatchObject({ count: 0 });
    const empty = labelComponents(uniformVolume(4, 3, 2, 0), { connectivity: 26 });
    expect(empty.count).toBe(0);
    expect(Array.from(empty.voxelCounts)).toEqual([24]);
    expect(labelComponents(uniformVolume(5, 4, 3, 7), { connectivity: 6 }).voxelCounts[1]).toBe(60);
  });

  it("takes the foreground from a table over label values, without a mask", () => {
    const v = volumeFromSlices([["1203", "0000", "3300"]]);
    const threes = new Uint8Array(256);
    threes[3] = 1;
    const result = labelComponents(v, { connectivity: 6, foreground: threes });
    expect(result.count).toBe(2);
    expect(Array.from(result.voxelCounts)).toEqual([9, 1, 2]);
  });

  it("reuses an output array, overwriting what it held", () => {
    const output = new Int32Array(20).fill(99);
    const result = labelComponents(volumeFromSlices([["101"]]), { connectivity: 6, output });
    expect(Array.from(result.labels)).toEqual([1, 0, 2]);
    expect(result.labels.buffer).toBe(output.buffer);
  });

  it("refuses a bad connectivity, a short foreground table or mismatched data", () => {
    const v = uniformVolume(2, 2, 2, 1);
    expect(() => labelComponents(v, { connectivity: 8 as unknown as Connectivity3D })).toThrow(/6 or 26/);
    expect(() => labelComponents(v, { connectivity: 6, foreground: new Uint8Array(2) })).toThrow(/256 entries/);
    expect(() => labelComponents({ ...v, nx: 3 }, { connectivity: 6 })).toThrow(/needs 12/);
    expect(() => labelComponents(v, { connectivity: 6, output: new Int32Array(3) })).toThrow(/8 are needed/);
  });

  it("reports progress that rises to 1", () => {
    const seen: number[] = [];
    labelComponents(uniformVolume(4, 4, 8, 1), { connectivity: 26, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBe(16);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f > seen[i - 1]!)).toBe(true);
  });
});

describe("labelComponents against a flood fill", () => {
  it("agrees on 600 random volumes of every shape, density and both connectivities", () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 600; trial++) {
      const [nx, ny, nz] = [1 + Math.floor(random() * 9), 1 + Math.floor(random() * 9), 1 + Math.floor(random() * 9)];
      const density = [0.1, 0.3, 0.5, 0.7, 0.9][trial % 5]!;
      const data = Uint8Array.from({ length: nx * ny * nz }, () => (random() < density ? 1 + Math.floor(random() * 3) : 0));
      const volume = { data, nx, ny, nz };
      for (const connectivity of [6, 26] as const) {
        const fast = labelComponents(volume, { connectivity });
        const reference = floodFill(volume, connectivity);
        expect(fast.count, `trial ${trial}, ${nx}x${ny}x${nz}, ${connectivity}`).toBe(reference.count);
        expectSamePartition(fast.labels, reference.labels);
        const sizes = new Float64Array(fast.count + 1);
        for (const l of fast.labels) sizes[l]!++;
        expect(Array.from(fast.voxelCounts)).toEqual(Array.from(sizes));
      }
    }
  });

  it("gives the same labels whether the data can be read four bytes at a time or not", () => {
    const random = mulberry32(5);
    const [nx, ny, nz] = [37, 11, 9]; // odd sizes: rows start at every alignment
    const aligned = Uint8Array.from({ length: nx * ny * nz }, (_, i) => (Math.sin(i / 13) + random() * 0.4 > 0.5 ? 2 : 0));
    const shifted = new Uint8Array(aligned.length + 1).subarray(1); // byteOffset 1: no word view
    shifted.set(aligned);
    for (const connectivity of [6, 26] as const) {
      const a = labelComponents({ data: aligned, nx, ny, nz }, { connectivity });
      const b = labelComponents({ data: shifted, nx, ny, nz }, { connectivity });
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expectSamePartition(a.labels, floodFill({ data: aligned, nx, ny, nz }, connectivity).labels);
    }
  });

  it("agrees on larger volumes with long runs and many merges", () => {
    const random = mulberry32(11);
    for (const [nx, ny, nz] of [[40, 30, 20], [64, 3, 3], [3, 3, 64], [1, 50, 50]] as const) {
      // Blobs: a coarse random field thresholded, so components have long runs and U-shapes.
      const data = Uint8Array.from({ length: nx * ny * nz }, (_, i) => {
        const [x, y, z] = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
        return Math.sin(x * 0.7 + random() * 0.8) + Math.cos(y * 0.5) * Math.sin(z * 0.9) > 0.3 ? 1 : 0;
      });
      for (const connectivity of [6, 26] as const) {
        const fast = labelComponents({ data, nx, ny, nz }, { connectivity });
        const reference = floodFill({ data, nx, ny, nz }, connectivity);
        expect(fast.count).toBe(reference.count);
        expectSamePartition(fast.labels, reference.labels);
      }
    }
  });
});
