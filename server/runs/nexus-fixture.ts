/**
 * Small NeXus NXtomo files written with h5wasm, for the tests of nexus.ts and
 * for browser journeys that upload one. The layout follows the NXtomo
 * application definition: the detector holds data and image_key, the sample
 * holds rotation_angle, and NXdata links to all three.
 *
 * The same options give the same bytes: HDF5 stamps object headers with the
 * wall clock, so the clock h5wasm reads (Date.now) is pinned while writing.
 */
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import h5wasm, { type File, type Group } from "h5wasm/node";

type Measure = { value: number; unit: string };

export interface NxtomoFixtureOptions {
  /** "synchrotron" writes a beam energy on NXsource; "lab" writes tube voltage and current. */
  source?: "synchrotron" | "lab";
  definition?: string;
  title?: string;
  startTime?: string;
  endTime?: string;
  probe?: string;
  energy?: Measure;
  voltage?: Measure;
  current?: Measure;
  sampleName?: string;
  darks?: number;
  flats?: number;
  projections?: number;
  /** Angles of the projections, evenly spaced from start to end (darks and flats sit at start). */
  rotation?: { start: number; end: number; unit: string };
  pixelSize?: Measure;
  /** When the pixels are not square; defaults to pixelSize. */
  yPixelSize?: Measure;
  distance?: Measure;
  countTime?: Measure;
  detectorDescription?: string;
  detectorLocalName?: string;
  /** Rows and columns of each image. */
  imageSize?: [number, number];
  /** Entry-relative paths to leave out, e.g. "sample/rotation_angle" or "start_time". */
  omit?: string[];
  /** Adds to the entry once it is written (extra groups, odd values). */
  extend?: (entry: Group) => void;
}

/** 1 January 2026, 00:00 UTC: the instant every fixture is stamped with. */
const PINNED_CLOCK_MS = 1_767_225_600_000;

/** Writes an HDF5 file with `build` and returns its bytes; the file is written to a unique temp path and removed. */
export async function writeHdf5(build: (file: File) => void): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const path = join(tmpdir(), `lodestone-fixture-${randomUUID()}.h5`);
  const realNow = Date.now;
  Date.now = () => PINNED_CLOCK_MS;
  try {
    const file = new h5wasm.File(path, "w");
    try {
      build(file);
    } finally {
      file.close();
    }
    return FS.readFile(path);
  } finally {
    Date.now = realNow;
    if (FS.analyzePath(path).exists) FS.unlink(path);
  }
}

function nxGroup(parent: Group, name: string, nxClass: string): Group {
  const group = parent.create_group(name);
  group.create_attribute("NX_class", nxClass);
  return group;
}

/** A small NXtomo file: by default 2 darks, 3 flats and 181 projections from 0 to 180 degrees of 4 × 5 uint16 images. */
export async function writeNxtomoFile(options: NxtomoFixtureOptions = {}): Promise<Uint8Array> {
  const lab = options.source === "lab";
  const darks = options.darks ?? 2;
  const flats = options.flats ?? 3;
  const projections = options.projections ?? 181;
  const [rows, columns] = options.imageSize ?? [4, 5];
  const rotation = options.rotation ?? { start: 0, end: 180, unit: "deg" };
  const frames = darks + flats + projections;
  const omitted = new Set(options.omit ?? []);

  // NeXus image_key: 0 projection, 1 flat, 2 dark; frames in acquisition order (darks, flats, projections).
  const imageKey = new Int32Array(frames);
  imageKey.fill(2, 0, darks);
  imageKey.fill(1, darks, darks + flats);
  const angles = new Float64Array(frames).fill(rotation.start);
  const step = projections > 1 ? (rotation.end - rotation.start) / (projections - 1) : 0;
  for (let i = 0; i < projections; i++) angles[darks + flats + i] = rotation.start + i * step;
  const pixels = new Uint16Array(frames * rows * columns).map((_, i) => (i * 37) % 4096);

  return writeHdf5((file) => {
    const entry = nxGroup(file, "entry", "NXentry");
    const text = (group: Group, path: string, name: string, value: string) => {
      if (!omitted.has(path)) group.create_dataset({ name, data: value });
    };
    const measured = (group: Group, path: string, name: string, measure: Measure) => {
      if (omitted.has(path)) return;
      group.create_dataset({ name, data: measure.value, dtype: "<d" }).create_attribute("units", measure.unit);
    };

    text(entry, "definition", "definition", options.definition ?? "NXtomo");
    text(entry, "title", "title", options.title ?? "OK-23-014 petalite pegmatite core, 0.65 um");
    text(entry, "start_time", "start_time", options.startTime ?? "2026-11-27T09:15:00+00:00");
    text(entry, "end_time", "end_time", options.endTime ?? "2026-11-27T09:42:30+00:00");

    const instrument = nxGroup(entry, "instrument", "NXinstrument");
    const source = nxGroup(instrument, "source", "NXsource");
    text(source, "instrument/source/name", "name", lab ? "Erzgebirge CT1 micro-focus tube" : "Severn Light Source");
    text(source, "instrument/source/type", "type", lab ? "Fixed Tube X-ray" : "Synchrotron X-ray Source");
    text(source, "instrument/source/probe", "probe", options.probe ?? "x-ray");
    if (lab) {
      measured(source, "instrument/source/voltage", "voltage", options.voltage ?? { value: 160, unit: "kV" });
      measured(source, "instrument/source/current", "current", options.current ?? { value: 60, unit: "uA" });
    } else {
      measured(source, "instrument/source/energy", "energy", options.energy ?? { value: 25, unit: "keV" });
    }

    const detector = nxGroup(instrument, "detector", "NXdetector");
    const pixelSize = options.pixelSize ?? (lab ? { value: 5, unit: "um" } : { value: 0.65, unit: "um" });
    measured(detector, "instrument/detector/x_pixel_size", "x_pixel_size", pixelSize);
    measured(detector, "instrument/detector/y_pixel_size", "y_pixel_size", options.yPixelSize ?? pixelSize);
    measured(detector, "instrument/detector/distance", "distance", options.distance ?? { value: 120, unit: "mm" });
    measured(detector, "instrument/detector/count_time", "count_time", options.countTime ?? { value: 0.1, unit: "s" });
    text(detector, "instrument/detector/description", "description", options.detectorDescription ?? "PCO.edge 5.5 sCMOS behind a 10x objective");
    text(detector, "instrument/detector/local_name", "local_name", options.detectorLocalName ?? "pco1");
    if (!omitted.has("instrument/detector/data")) {
      detector.create_dataset({ name: "data", data: pixels, shape: [frames, rows, columns], dtype: "<H" });
    }
    if (!omitted.has("instrument/detector/image_key")) detector.create_dataset({ name: "image_key", data: imageKey });

    const sample = nxGroup(entry, "sample", "NXsample");
    text(sample, "sample/name", "name", options.sampleName ?? "OK-23-014");
    if (!omitted.has("sample/rotation_angle")) {
      sample.create_dataset({ name: "rotation_angle", data: angles }).create_attribute("units", rotation.unit);
    }

    const data = nxGroup(entry, "data", "NXdata");
    data.create_attribute("signal", "data");
    const link = (target: string, name: string) => {
      if (!omitted.has(target)) data.create_soft_link(`/entry/${target}`, name);
    };
    link("instrument/detector/data", "data");
    link("instrument/detector/image_key", "image_key");
    link("sample/rotation_angle", "rotation_angle");
    options.extend?.(entry);
  });
}
