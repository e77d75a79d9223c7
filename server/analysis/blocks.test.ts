import { describe, expect, it } from "vitest";
import { blockBoxes, blockHistograms, boxVoxels, extractBox, sumHistograms } from "./blocks";
import { mulberry32 } from "./random";
import { labelHistogram, type LabelVolume } from "./volume";

const random = mulberry32(3);
const volume: LabelVolume = { data: Uint8Array.from({ length: 5 * 4 * 3 }, () => Math.floor(random() * 4)), nx: 5, ny: 4, nz: 3 };

describe("blocks", () => {
  it("splits into octants of near-equal size that tile the volume", () => {
    const boxes = blockBoxes(volume);
    expect(boxes).toHaveLength(8);
    expect(boxes[0]).toEqual({ x0: 0, x1: 2, y0: 0, y1: 2, z0: 0, z1: 1 });
    expect(boxes[7]).toEqual({ x0: 2, x1: 5, y0: 2, y1: 4, z0: 1, z1: 3 });
    expect(boxes.reduce((sum, box) => sum + boxVoxels(box), 0)).toBe(60);
  });

  it("leaves out empty octants of a thin volume", () => {
    expect(blockBoxes({ nx: 1, ny: 6, nz: 6 })).toHaveLength(4);
    expect(blockBoxes({ nx: 1, ny: 1, nz: 1 })).toHaveLength(1);
  });

  it("counts labels per block in one pass; their sum is the whole histogram", () => {
    const boxes = blockBoxes(volume);
    const histograms = blockHistograms(volume, boxes);
    expect(Array.from(sumHistograms(histograms))).toEqual(Array.from(labelHistogram(volume.data)));
    boxes.forEach((box, b) => {
      const block = extractBox(volume, box, new Uint8Array(60));
      expect(Array.from(histograms.subarray(256 * b, 256 * (b + 1)))).toEqual(Array.from(labelHistogram(block.data)));
    });
  });

  it("extracts a block with x fastest", () => {
    const box = { x0: 1, x1: 3, y0: 2, y1: 4, z0: 1, z1: 2 };
    const block = extractBox(volume, box, new Uint8Array(16));
    expect(block).toMatchObject({ nx: 2, ny: 2, nz: 1 });
    const at = (x: number, y: number, z: number) => volume.data[x + 5 * (y + 4 * z)];
    expect(Array.from(block.data)).toEqual([at(1, 2, 1), at(2, 2, 1), at(1, 3, 1), at(2, 3, 1)]);
  });
});
