import { describe, expect, it } from "vitest";
import { connectedPorosity, totalPorosity } from "./porosity";
import { TEST_PHASES, uniformVolume, volumeFromSlices } from "./test-volumes";
import { compilePhases, labelHistogram } from "./volume";

const lookup = compilePhases(TEST_PHASES);

describe("porosity", () => {
  // 4 x 3 x 3 block of quartz (1) with a straight pore channel along x through the middle,
  // a dead-end branch of it reaching the y = 0 face, and an isolated pore in the far corner.
  const channel = volumeFromSlices([
    ["1111", "1111", "1111"],
    ["1011", "0000", "1111"],
    ["1111", "1111", "1101"],
  ]);

  it("counts the total pore fraction", () => {
    expect(totalPorosity(labelHistogram(channel.data), lookup)).toEqual({ poreVoxels: 6, voxels: 36, fraction: 6 / 36 });
  });

  it("finds a channel that percolates along x only", () => {
    const connected = connectedPorosity(channel, lookup);
    expect(connected.x).toEqual({ fraction: 5 / 36, fractionOfPores: 5 / 6, voxels: 5, clusters: 1 });
    expect(connected.y).toEqual({ fraction: 0, fractionOfPores: 0, voxels: 0, clusters: 0 });
    expect(connected.z).toEqual({ fraction: 0, fractionOfPores: 0, voxels: 0, clusters: 0 });
  });

  it("uses face connectivity: pores meeting at an edge do not make a channel", () => {
    // One pore voxel in each slice, the second one step along x: they share an edge, not a face.
    const staircase = volumeFromSlices([
      ["01", "11"],
      ["10", "11"],
    ]);
    expect(connectedPorosity(staircase, lookup).z.clusters).toBe(0);
  });

  it("counts each spanning cluster once and sums them", () => {
    const two = volumeFromSlices([["000", "111", "000"]]);
    expect(connectedPorosity(two, lookup).x).toEqual({ fraction: 6 / 9, fractionOfPores: 1, voxels: 6, clusters: 2 });
  });

  it("treats all-pore and pore-free volumes", () => {
    const open = connectedPorosity(uniformVolume(3, 4, 5, 0), lookup);
    expect([open.x.fraction, open.y.fraction, open.z.fraction]).toEqual([1, 1, 1]);
    const solid = connectedPorosity(uniformVolume(3, 4, 5, 1), lookup);
    expect(solid.x).toEqual({ fraction: 0, fractionOfPores: null, voxels: 0, clusters: 0 });
    expect(totalPorosity(labelHistogram(uniformVolume(3, 4, 5, 1).data), lookup).fraction).toBe(0);
  });
});
