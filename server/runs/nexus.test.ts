import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { Group } from "h5wasm/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NexusReadError, readNxtomoHeader, type ScanHeader } from "./nexus";
import { writeHdf5, writeNxtomoFile } from "./nexus-fixture";

const leftoverTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith("lodestone-nexus-"));

afterEach(() => {
  vi.useRealTimers();
});

describe("readNxtomoHeader on a synchrotron NXtomo file", () => {
  it("reads every field", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile());
    expect(header).toEqual<ScanHeader>({
      entry: "/entry",
      definition: "NXtomo",
      title: "OK-23-014 petalite pegmatite core, 0.65 um",
      start_time: new Date("2026-11-27T09:15:00Z"),
      end_time: new Date("2026-11-27T09:42:30Z"),
      source: { name: "Severn Light Source", type: "Synchrotron X-ray Source", probe: "x-ray", energy: { value: 25, unit: "keV" }, voltage: null, current: null },
      detector: {
        description: "PCO.edge 5.5 sCMOS behind a 10x objective",
        local_name: "pco1",
        x_pixel_size: { value: 0.65, unit: "um" },
        y_pixel_size: { value: 0.65, unit: "um" },
        distance: { value: 120, unit: "mm" },
        count_time: { value: 0.1, unit: "s" },
      },
      sample: { name: "OK-23-014", rotation_angle: { start: 0, end: 180, min: 0, max: 180, count: 181, unit: "deg" } },
      data: { shape: [186, 4, 5], image_key: { projections: 181, flats: 3, darks: 2, invalid: 0 } },
      voxel_size: { value: 0.65, unit: "um" },
      volume: { x: 5, y: 5, z: 4 },
      warnings: [],
    });
  });

  it("converts the units written in the file", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({
        energy: { value: 25_000, unit: "eV" },
        pixelSize: { value: 6.5e-7, unit: "m" },
        distance: { value: 0.12, unit: "m" },
        countTime: { value: 100, unit: "ms" },
        rotation: { start: 0, end: Math.PI, unit: "rad" },
        startTime: "2026-11-27T10:15:00.250+01:00",
      }),
    );
    expect(header.source.energy).toEqual({ value: 25, unit: "keV" });
    expect(header.voxel_size).toEqual({ value: 0.65, unit: "um" });
    expect(header.detector.distance).toEqual({ value: 120, unit: "mm" });
    expect(header.detector.count_time).toEqual({ value: 0.1, unit: "s" });
    expect(header.sample.rotation_angle).toMatchObject({ start: 0, end: 180, max: 180, count: 181 });
    expect(header.start_time).toEqual(new Date("2026-11-27T09:15:00.250Z"));
    expect(header.warnings).toEqual([]);
  });

  it("reads loosely written units (µm, degrees, micron)", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({ pixelSize: { value: 0.65, unit: "µm" }, yPixelSize: { value: 0.65, unit: "micron" }, rotation: { start: -90, end: 90, unit: "degrees" } }),
    );
    expect(header.detector.x_pixel_size).toEqual({ value: 0.65, unit: "um" });
    expect(header.detector.y_pixel_size).toEqual({ value: 0.65, unit: "um" });
    expect(header.sample.rotation_angle).toEqual({ start: -90, end: 90, min: -90, max: 90, count: 181, unit: "deg" });
  });

  it("takes the photon energy from NXbeam before NXsource", async () => {
    const bytes = await writeNxtomoFile({
      energy: { value: 3, unit: "GeV" },
      extend: (entry) => {
        const beam = entry.create_group("instrument/beam");
        beam.create_attribute("NX_class", "NXbeam");
        beam.create_dataset({ name: "incident_energy", data: 32.5, dtype: "<d" }).create_attribute("units", "keV");
      },
    });
    const header = await readNxtomoHeader(bytes);
    expect(header.source.energy).toEqual({ value: 32.5, unit: "keV" });
    expect(header.warnings).toEqual([]);
  });

  it("does not take a storage ring's electron energy for the X-ray energy", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile({ energy: { value: 3, unit: "GeV" } }));
    expect(header.source.energy).toBeNull();
    expect(header.warnings).toContain(
      "source/energy is 3 GeV, the storage ring's electron energy rather than the X-ray energy: the beam energy is left empty.",
    );
  });
});

describe("readNxtomoHeader on a lab CT file", () => {
  it("reads the tube voltage and current instead of a beam energy", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile({ source: "lab", sampleName: "CT-77", darks: 0, flats: 10, projections: 1440, rotation: { start: 0, end: 359.75, unit: "deg" } }));
    expect(header.source).toEqual({ name: "Erzgebirge CT1 micro-focus tube", type: "Fixed Tube X-ray", probe: "x-ray", energy: null, voltage: { value: 160, unit: "kV" }, current: { value: 60, unit: "uA" } });
    expect(header.voxel_size).toEqual({ value: 5, unit: "um" });
    expect(header.sample).toEqual({ name: "CT-77", rotation_angle: { start: 0, end: 359.75, min: 0, max: 359.75, count: 1440, unit: "deg" } });
    expect(header.data).toEqual({ shape: [1450, 4, 5], image_key: { projections: 1440, flats: 10, darks: 0, invalid: 0 } });
    expect(header.warnings).toEqual([]);
  });

  it("converts volts and milliamperes", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile({ source: "lab", voltage: { value: 90_000, unit: "V" }, current: { value: 0.2, unit: "mA" } }));
    expect(header.source.voltage).toEqual({ value: 90, unit: "kV" });
    expect(header.source.current).toEqual({ value: 200, unit: "uA" });
  });
});

describe("readNxtomoHeader on incomplete or odd files", () => {
  it("leaves what is missing empty and says so", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({
        omit: [
          "start_time",
          "end_time",
          "instrument/source/probe",
          "instrument/source/energy",
          "instrument/detector/x_pixel_size",
          "instrument/detector/y_pixel_size",
          "instrument/detector/image_key",
          "instrument/detector/data",
          "sample/rotation_angle",
        ],
      }),
    );
    expect(header).toMatchObject({
      start_time: null,
      end_time: null,
      source: { probe: null, energy: null, voltage: null },
      detector: { x_pixel_size: null, y_pixel_size: null, distance: { value: 120, unit: "mm" } },
      sample: { name: "OK-23-014", rotation_angle: null },
      data: { shape: null, image_key: null },
      voxel_size: null,
      volume: null,
    });
    expect(header.warnings).toEqual([
      "No start_time: the scan's start is unknown.",
      "No end_time: the scan's end is unknown.",
      "No beam energy (beam/incident_energy, monochromator/energy or source/energy) and no tube voltage.",
      "No x_pixel_size: the voxel size is unknown.",
      "No data: the number and size of the images are unknown.",
      "No image_key: projections, flats and darks are not counted.",
      "No rotation_angle: the rotation range is unknown.",
      "No source probe: x-ray, neutron or electron is unknown.",
    ]);
  });

  it("warns about values that do not add up", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({
        startTime: "2026-11-27 09:15:00",
        endTime: "2026-11-27T08:00:00Z",
        pixelSize: { value: 0.65, unit: "um" },
        yPixelSize: { value: 0.7, unit: "um" },
        probe: "muon",
      }),
    );
    expect(header.start_time).toEqual(new Date("2026-11-27T09:15:00Z"));
    expect(header.voxel_size).toBeNull();
    expect(header.source.probe).toBeNull();
    expect(header.warnings).toEqual([
      'start_time "2026-11-27 09:15:00" has no UTC offset: it was read as UTC.',
      "end_time is before start_time.",
      "x_pixel_size and y_pixel_size differ (0.65 and 0.7 um): the voxel size is left empty.",
      'source probe "muon" is not x-ray, neutron or electron: it is left empty.',
    ]);
  });

  it("leaves a value without units empty rather than guessing", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile({ pixelSize: { value: 0.65, unit: "" }, distance: { value: 120, unit: "furlong" } }));
    expect(header.detector.x_pixel_size).toBeNull();
    expect(header.detector.distance).toBeNull();
    expect(header.warnings).toContain("x_pixel_size has no units attribute: it is left empty rather than guessed.");
    expect(header.warnings).toContain('distance is in "furlong", which does not convert to mm: it is left empty.');
  });

  it("reads unreal dates as missing", async () => {
    const header = await readNxtomoHeader(await writeNxtomoFile({ startTime: "2026-02-30T09:00:00Z", endTime: "yesterday" }));
    expect(header.start_time).toBeNull();
    expect(header.end_time).toBeNull();
    expect(header.warnings).toContain('start_time "2026-02-30T09:00:00Z" is not a real date-time: it is left empty.');
    expect(header.warnings).toContain('end_time "yesterday" is not an ISO 8601 date-time: it is left empty.');
  });

  it("counts invalid frames and warns when image_key and the data disagree", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({
        omit: ["instrument/detector/image_key"],
        extend: (entry) => {
          entry.create_dataset({ name: "instrument/detector/image_key", data: new Int32Array([2, 1, 0, 0, 3, 7]) });
        },
      }),
    );
    expect(header.data.image_key).toEqual({ projections: 2, flats: 1, darks: 1, invalid: 1 });
    expect(header.warnings).toContain("image_key has 1 values other than 0 (projection), 1 (flat), 2 (dark) and 3 (invalid).");
    expect(header.warnings).toContain("image_key has 6 values for 186 images.");
    // rotation_angle (186 values) no longer lines up with image_key, so every angle counts.
    expect(header.sample.rotation_angle?.count).toBe(186);
  });

  it("says so when the images sit in another file", async () => {
    const header = await readNxtomoHeader(
      await writeNxtomoFile({
        omit: ["instrument/detector/data"],
        extend: (entry) => {
          const data = entry.get("data");
          if (data instanceof Group) data.create_external_link("scan_0042_pco.h5", "/entry/data/data", "data");
        },
      }),
    );
    expect(header.data.shape).toBeNull();
    expect(header.warnings).toEqual([
      "data is a link to another file (scan_0042_pco.h5): it was not read.",
      "No data: the number and size of the images are unknown.",
    ]);
  });

  it("finds an entry without a definition by its NXinstrument, and groups by their NeXus class", async () => {
    const bytes = await writeHdf5((file) => {
      const entry = file.create_group("scan_0007");
      entry.create_attribute("NX_class", "NXentry");
      const instrument = entry.create_group("instrument");
      instrument.create_attribute("NX_class", "NXinstrument");
      const camera = instrument.create_group("pco_edge");
      camera.create_attribute("NX_class", "NXdetector");
      camera.create_dataset({ name: "x_pixel_size", data: 1.3, dtype: "<f" }).create_attribute("units", "um");
    });
    const header = await readNxtomoHeader(bytes);
    expect(header.entry).toBe("/scan_0007");
    expect(header.definition).toBeNull();
    expect(header.detector.x_pixel_size).toEqual({ value: 1.3, unit: "um" });
    expect(header.warnings[0]).toBe("/scan_0007 has no definition, not NXtomo: it was read as NXtomo.");
  });
});

describe("readNxtomoHeader refuses what is not NXtomo", () => {
  it.each([
    ["garbage", new TextEncoder().encode("time,Li\n2026-11-27T10:00:00Z,0.5\n"), "This file is not HDF5/NeXus: it does not start with the HDF5 signature."],
    ["an empty file", new Uint8Array(0), "This file is not HDF5/NeXus: it is empty."],
    ["a TIFF", Uint8Array.of(0x49, 0x49, 0x2a, 0x00, 1, 2, 3, 4), "This file is not HDF5/NeXus: it is a TIFF image (upload the NeXus/HDF5 file of the scan)."],
  ])("refuses %s", async (_, bytes, message) => {
    await expect(readNxtomoHeader(bytes)).rejects.toThrow(new NexusReadError(message));
  });

  it("refuses an HDF5 file cut short", async () => {
    const bytes = (await writeNxtomoFile()).subarray(0, 300);
    await expect(readNxtomoHeader(bytes)).rejects.toThrow("This file is not HDF5/NeXus: it starts like HDF5 but cannot be opened (cut short or damaged?).");
  });

  it("refuses an HDF5 file without NeXus entries and names what it found", async () => {
    const bytes = await writeHdf5((file) => {
      file.create_dataset({ name: "images", data: new Uint16Array(6), shape: [2, 3] });
      file.create_group("calibration");
    });
    await expect(readNxtomoHeader(bytes)).rejects.toThrow('This HDF5 file has no NXtomo entry: found no NXentry group; top level: "calibration", "images".');
  });

  it("refuses a NeXus file of another application definition", async () => {
    const bytes = await writeHdf5((file) => {
      const entry = file.create_group("entry");
      entry.create_attribute("NX_class", "NXentry");
      entry.create_dataset({ name: "definition", data: "NXmx" });
    });
    const refusal = readNxtomoHeader(bytes);
    await expect(refusal).rejects.toBeInstanceOf(NexusReadError);
    await expect(refusal).rejects.toThrow("This HDF5 file has no NXtomo entry: found NXentry /entry (definition NXmx, no NXinstrument).");
  });

  it("removes its temp file whether it reads or refuses", async () => {
    const before = leftoverTempFiles();
    await readNxtomoHeader(await writeNxtomoFile());
    await readNxtomoHeader(await writeHdf5((file) => file.create_group("nothing"))).catch(() => undefined);
    expect(leftoverTempFiles()).toEqual(before);
  });
});

describe("writeNxtomoFile", () => {
  it("gives the same bytes whenever it is called", async () => {
    const now = await writeNxtomoFile();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-06-01T12:00:00Z"));
    const later = await writeNxtomoFile();
    expect(Buffer.from(later).equals(Buffer.from(now))).toBe(true);
    expect(Buffer.from(await writeNxtomoFile({ sampleName: "other" })).equals(Buffer.from(now))).toBe(false);
  });
});
