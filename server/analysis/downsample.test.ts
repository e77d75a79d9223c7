import { describe, expect, it } from "vitest";
import { downsampleForViewer, downsampleMode, viewerFactor } from "./downsample";
import { uniformVolume, volumeFromSlices } from "./test-volumes";

describe("downsampleMode", () => {
  it("takes the most frequent label of each block, never an average", () => {
    const volume = volumeFromSlices([
      ["0033", "0233"],
      ["0003", "1133"],
    ]);
    const down = downsampleMode(volume, 2);
    expect(down).toMatchObject({ nx: 2, ny: 1, nz: 1 });
    // left block: five 0, two 1, one 2; right block: seven 3, one 0
    expect(Array.from(down.data)).toEqual([0, 3]);
  });

  it("breaks ties towards the smaller label", () => {
    expect(Array.from(downsampleMode(volumeFromSlices([["31", "13"]]), 2).data)).toEqual([1]);
    expect(Array.from(downsampleMode(volumeFromSlices([["42", "24"]]), 2).data)).toEqual([2]);
  });

  it("keeps partial blocks at the far faces", () => {
    const down = downsampleMode(volumeFromSlices([["11122"]]), 2);
    expect(down).toMatchObject({ nx: 3, ny: 1, nz: 1 });
    expect(Array.from(down.data)).toEqual([1, 1, 2]);
  });

  it("copies at factor 1 and refuses other factors", () => {
    const volume = uniformVolume(2, 2, 2, 5);
    const same = downsampleMode(volume, 1);
    expect(same.data).not.toBe(volume.data);
    expect(Array.from(same.data)).toEqual(Array.from(volume.data));
    expect(() => downsampleMode(volume, 1.5)).toThrow(/positive integer/);
  });
});

describe("downsampleForViewer", () => {
  it("brings a 512-voxel edge down to 128", () => {
    expect(viewerFactor({ nx: 512, ny: 512, nz: 512 })).toBe(4);
    expect(viewerFactor({ nx: 300, ny: 100, nz: 20 })).toBe(3);
    expect(viewerFactor({ nx: 100, ny: 100, nz: 100 })).toBe(1);
    const { volume, factor } = downsampleForViewer(uniformVolume(130, 20, 10, 2), 64);
    expect(factor).toBe(3);
    expect(volume).toMatchObject({ nx: 44, ny: 7, nz: 4 });
    expect(volume.data.every((v) => v === 2)).toBe(true);
  });
});
