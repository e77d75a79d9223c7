import { describe, expect, it } from "vitest";
import { segmentByThresholds } from "./segment";

describe("segmentByThresholds", () => {
  it("maps each greyscale band to its label, thresholds inclusive at the band's start", () => {
    const grey = { data: Uint8Array.from([0, 39, 40, 41, 149, 150, 255, 200]), nx: 2, ny: 2, nz: 2 };
    const labels = segmentByThresholds(grey, [40, 150], [0, 1, 2]);
    expect(Array.from(labels.data)).toEqual([0, 0, 1, 1, 1, 2, 2, 2]);
    expect([labels.nx, labels.ny, labels.nz]).toEqual([2, 2, 2]);
  });

  it("refuses a label list that does not fit the thresholds", () => {
    expect(() => segmentByThresholds({ data: new Uint8Array(1), nx: 1, ny: 1, nz: 1 }, [10, 20], [0, 1])).toThrow("Give one label more than thresholds (got 2 thresholds and 2 labels).");
  });

  it("reports progress up to 1", () => {
    const seen: number[] = [];
    segmentByThresholds({ data: new Uint8Array(4 * 4 * 16), nx: 4, ny: 4, nz: 16 }, [1], [0, 1], (f) => seen.push(f));
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(2);
  });
});
