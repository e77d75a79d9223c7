/**
 * Fills a scan from the header of a NeXus NXtomo file (HDF5), so the logbook
 * does not ask staff to retype what the acquisition software already wrote.
 * Only metadata and dataset shapes are read, never the images.
 *
 * ScanHeader field        NeXus (relative to the NXentry)                       stored as (Scan column)
 * ----------------------  -----------------------------------------------------  ------------------------------
 * start_time, end_time    start_time, end_time (ISO 8601)                        Date (startTime, endTime)
 * source.probe            instrument/source/probe                                x-ray | neutron | electron (probe)
 * source.energy           instrument/beam/incident_energy, else                  keV (energyKeV)
 *                         instrument/monochromator/energy, else source/energy
 * source.voltage/current  instrument/source/voltage, current (lab CT tube)       kV, uA (tubeVoltageKv, tubeCurrentUa)
 * detector.x/y_pixel_size instrument/detector/x_pixel_size, y_pixel_size         um (voxel_size → voxelSize, voxelUnit)
 * detector.distance       instrument/detector/distance                           mm
 * detector.count_time     instrument/detector/count_time                         s (countTime)
 * detector.description,   instrument/detector/description, local_name           text (detector)
 *   local_name
 * sample.name             sample/name                                            text
 * sample.rotation_angle   sample/rotation_angle (else data/rotation_angle)       deg: range of the projections (rotationStart/EndDeg)
 * data.image_key          data/image_key (else instrument/detector/image_key)    counts (projections, flats, darks)
 * data.shape, volume      data/data (else instrument/detector/data) shape        [images, rows, columns] (sizeX/Y/Z)
 *
 * Units come from each dataset's `units` attribute and are converted with
 * units.ts; a value without units is left empty with a warning, not guessed.
 */
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import h5wasm, { Dataset, ExternalLink, Group, type File } from "h5wasm/node";
import { convertUnit, normaliseUnit } from "./units";

export type Probe = "x-ray" | "neutron" | "electron";
export type Measured<Unit extends string> = { value: number; unit: Unit };
/** Angles of the projections (image_key 0), or of every frame when there is no image_key. */
export type RotationRange = { start: number; end: number; min: number; max: number; count: number; unit: "deg" };
export type ImageKeyCounts = { projections: number; flats: number; darks: number; invalid: number };

export interface ScanHeader {
  /** Path of the NXentry read, e.g. "/entry". */
  entry: string;
  definition: string | null;
  title: string | null;
  start_time: Date | null;
  end_time: Date | null;
  source: { name: string | null; type: string | null; probe: Probe | null; energy: Measured<"keV"> | null; voltage: Measured<"kV"> | null; current: Measured<"uA"> | null };
  detector: {
    description: string | null;
    local_name: string | null;
    x_pixel_size: Measured<"um"> | null;
    y_pixel_size: Measured<"um"> | null;
    distance: Measured<"mm"> | null;
    count_time: Measured<"s"> | null;
  };
  sample: { name: string | null; rotation_angle: RotationRange | null };
  data: { shape: number[] | null; image_key: ImageKeyCounts | null };
  /** The pixel size when square: the voxel edge of a reconstruction at the detector's (effective) pixel size. */
  voxel_size: Measured<"um"> | null;
  /** A reconstruction of [images, rows, columns] projections: columns × columns in the slice plane, rows along the rotation axis, before cropping. */
  volume: { x: number; y: number; z: number } | null;
  warnings: string[];
}

/** The file cannot be read as NXtomo; the message is meant for the person who uploaded it. */
export class NexusReadError extends Error {
  override name = "NexusReadError";
}

export async function readNxtomoHeader(bytes: Uint8Array): Promise<ScanHeader> {
  if (!hasHdf5Signature(bytes)) throw new NexusReadError(`This file is not HDF5/NeXus: ${describeStart(bytes)}.`);
  // h5wasm's Node build maps its file system onto the real disk (NODERAWFS), so the
  // bytes go to a unique temp file that is always removed.
  const { FS } = await h5wasm.ready;
  const path = join(tmpdir(), `lodestone-nexus-${randomUUID()}.h5`);
  try {
    FS.writeFile(path, bytes);
    const file = new h5wasm.File(path, "r");
    if (file.file_id < 0n) throw new NexusReadError("This file is not HDF5/NeXus: it starts like HDF5 but cannot be opened (cut short or damaged?).");
    try {
      return readHeader(file);
    } finally {
      file.close();
    }
  } finally {
    if (FS.analyzePath(path).exists) FS.unlink(path);
  }
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** The superblock sits at 0, or after a user block at 512, 1024, 2048, … bytes. */
function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (HDF5_SIGNATURE.every((byte, i) => bytes[offset + i] === byte)) return true;
  }
  return false;
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return "it is empty";
  const head = String.fromCharCode(...bytes.subarray(0, 4));
  if (head === "II*\0" || head === "MM\0*") return "it is a TIFF image (upload the NeXus/HDF5 file of the scan)";
  if (head === "PK\x03\x04") return "it is a zip archive";
  return "it does not start with the HDF5 signature";
}

function readHeader(file: File): ScanHeader {
  const warnings: string[] = [];
  const entry = findTomoEntry(file, warnings);
  const instrument = childGroup(entry, "instrument", "NXinstrument");
  const source = childGroup(instrument, "source", "NXsource");
  const detector = childGroup(instrument, "detector", "NXdetector");
  const sample = childGroup(entry, "sample", "NXsample");
  const data = childGroup(entry, "data", "NXdata");
  const read = (label: string, ...candidates: [Group | null, string][]) => firstDataset(label, candidates, warnings);

  const start_time = readTime(read("start_time", [entry, "start_time"]), "start_time", warnings);
  const end_time = readTime(read("end_time", [entry, "end_time"]), "end_time", warnings);
  if (!start_time) warnings.push("No start_time: the scan's start is unknown.");
  if (!end_time) warnings.push("No end_time: the scan's end is unknown.");
  if (start_time && end_time && end_time < start_time) warnings.push("end_time is before start_time.");

  const measure = <U extends string>(dataset: Dataset | null, label: string, unit: U) => readMeasured(dataset, label, unit, warnings);
  const voltage = measure(read("voltage", [source, "voltage"]), "source/voltage", "kV");
  const energy = readBeamEnergy(instrument, source, measure, warnings);
  if (!energy && !voltage) warnings.push("No beam energy (beam/incident_energy, monochromator/energy or source/energy) and no tube voltage.");

  const x_pixel_size = measure(read("x_pixel_size", [detector, "x_pixel_size"]), "x_pixel_size", "um");
  const y_pixel_size = measure(read("y_pixel_size", [detector, "y_pixel_size"]), "y_pixel_size", "um");
  if (!x_pixel_size) warnings.push("No x_pixel_size: the voxel size is unknown.");
  const square = x_pixel_size && (!y_pixel_size || Math.abs(x_pixel_size.value - y_pixel_size.value) <= 1e-9 * x_pixel_size.value);
  if (x_pixel_size && !square) warnings.push(`x_pixel_size and y_pixel_size differ (${x_pixel_size.value} and ${y_pixel_size?.value} um): the voxel size is left empty.`);

  const frames = readFrames(data, detector, sample, read, warnings);
  return {
    entry: entry.path,
    definition: readText(read("definition", [entry, "definition"])),
    title: readText(read("title", [entry, "title"])),
    start_time,
    end_time,
    source: {
      name: readText(read("source/name", [source, "name"])),
      type: readText(read("source/type", [source, "type"])),
      probe: readProbe(read("probe", [source, "probe"]), warnings),
      energy,
      voltage,
      current: measure(read("current", [source, "current"]), "source/current", "uA"),
    },
    detector: {
      description: readText(read("description", [detector, "description"])),
      local_name: readText(read("local_name", [detector, "local_name"])),
      x_pixel_size,
      y_pixel_size,
      distance: measure(read("distance", [detector, "distance"]), "distance", "mm"),
      count_time: measure(read("count_time", [detector, "count_time"]), "count_time", "s"),
    },
    sample: { name: readText(read("sample/name", [sample, "name"])), rotation_angle: frames.rotation },
    data: { shape: frames.shape, image_key: frames.imageKey },
    voxel_size: square ? x_pixel_size : null,
    volume: frames.shape?.length === 3 ? { x: frames.shape[2]!, y: frames.shape[2]!, z: frames.shape[1]! } : null,
    warnings,
  };
}

function nxClass(group: Group): string | null {
  const attribute = group.attrs["NX_class"];
  return attribute ? firstText(attribute.value) : null;
}

/** The NXentry whose definition is NXtomo, else the first NXentry with an NXinstrument. */
function findTomoEntry(file: File, warnings: string[]): Group {
  const entries = file.keys().flatMap((name) => {
    const entity = file.get(name);
    return entity instanceof Group && nxClass(entity) === "NXentry" ? [entity] : [];
  });
  const definitionOf = (entry: Group) => readText(dataset(entry, "definition"));
  const tomo = entries.filter((entry) => definitionOf(entry)?.toLowerCase() === "nxtomo");
  if (tomo.length > 1) warnings.push(`The file holds ${tomo.length} NXtomo entries; ${tomo[0]!.path} was read.`);
  if (tomo[0]) return tomo[0];
  const withInstrument = entries.find((entry) => childGroup(entry, "instrument", "NXinstrument"));
  if (withInstrument) {
    const definition = definitionOf(withInstrument);
    warnings.push(`${withInstrument.path} ${definition ? `is defined as ${definition}` : "has no definition"}, not NXtomo: it was read as NXtomo.`);
    return withInstrument;
  }
  const found = entries.length
    ? entries.map((entry) => `NXentry ${entry.path} (definition ${definitionOf(entry) ?? "none"}, no NXinstrument)`).join("; ")
    : `no NXentry group; top level: ${file.keys().map((name) => `"${name}"`).join(", ") || "empty"}`;
  throw new NexusReadError(`This HDF5 file has no NXtomo entry: found ${found}.`);
}

/** The child named as in NXtomo, else the first child of the NeXus class (facilities name groups freely). */
function childGroup(parent: Group | null, name: string, className: string): Group | null {
  if (!parent) return null;
  const named = parent.get(name);
  if (named instanceof Group) return named;
  for (const key of parent.keys()) {
    const entity = parent.get(key);
    if (entity instanceof Group && nxClass(entity) === className) return entity;
  }
  return null;
}

function dataset(group: Group | null, name: string): Dataset | null {
  const entity = group?.get(name);
  return entity instanceof Dataset ? entity : null;
}

function firstDataset(label: string, candidates: [Group | null, string][], warnings: string[]): Dataset | null {
  for (const [group, name] of candidates) {
    const entity = group?.get(name);
    if (entity instanceof Dataset) return entity;
    if (entity instanceof ExternalLink) warnings.push(`${label} is a link to another file (${entity.filename}): it was not read.`);
  }
  return null;
}

function firstText(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === "string" && text.trim() !== "" ? text.trim() : null;
}

function readText(dataset: Dataset | null): string | null {
  return dataset ? firstText(dataset.value) : null;
}

function readNumbers(dataset: Dataset): Float64Array | null {
  const value = dataset.value;
  if (typeof value === "number") return Float64Array.of(value);
  if (typeof value === "bigint") return Float64Array.of(Number(value));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Float64Array.from(value as ArrayLike<number | bigint>, Number);
  if (Array.isArray(value) && value.every((item) => typeof item === "number")) return Float64Array.from(value);
  return null;
}

function readMeasured<U extends string>(dataset: Dataset | null, label: string, unit: U, warnings: string[]): Measured<U> | null {
  if (!dataset) return null;
  const value = readNumbers(dataset)?.[0];
  const written = dataset.attrs["units"] ? firstText(dataset.attrs["units"].value) : null;
  if (value === undefined || !Number.isFinite(value)) {
    warnings.push(`${label} is not a number: it is left empty.`);
    return null;
  }
  if (!written) {
    warnings.push(`${label} has no units attribute: it is left empty rather than guessed.`);
    return null;
  }
  const code = normaliseUnit(written);
  const converted = code ? convertUnit(value, code, unit) : null;
  if (converted === null) {
    warnings.push(`${label} is in "${written}", which does not convert to ${unit}: it is left empty.`);
    return null;
  }
  return { value: roundToStored(converted, dataset), unit };
}

/**
 * Drops binary noise: 6.5e-7 m is 0.6499999999999999 um in float64, and 0.65 written
 * as float32 reads back as 0.649999976158. Float32 carries about 7 significant digits.
 */
function roundToStored(value: number, dataset: Dataset): number {
  const single = dataset.metadata.type === FLOAT_CLASS && dataset.metadata.size === 4;
  return Number(value.toPrecision(single ? 7 : 12));
}

/** H5T_FLOAT in h5wasm's metadata. */
const FLOAT_CLASS = 1;

/** Above 1 MeV, an NXsource energy is a storage ring's electron energy, not the X-rays on the sample. */
const MAX_PHOTON_ENERGY_KEV = 1000;

function readBeamEnergy(
  instrument: Group | null,
  source: Group | null,
  measure: (dataset: Dataset | null, label: string, unit: "keV") => Measured<"keV"> | null,
  warnings: string[],
): Measured<"keV"> | null {
  const beam = measure(dataset(childGroup(instrument, "beam", "NXbeam"), "incident_energy"), "beam/incident_energy", "keV");
  const monochromator = measure(dataset(childGroup(instrument, "monochromator", "NXmonochromator"), "energy"), "monochromator/energy", "keV");
  if (beam || monochromator) return beam ?? monochromator;
  const ofSource = measure(dataset(source, "energy"), "source/energy", "keV");
  if (ofSource && ofSource.value > MAX_PHOTON_ENERGY_KEV) {
    warnings.push(`source/energy is ${ofSource.value / 1e6} GeV, the storage ring's electron energy rather than the X-ray energy: the beam energy is left empty.`);
    return null;
  }
  return ofSource;
}

function readProbe(dataset: Dataset | null, warnings: string[]): Probe | null {
  const written = readText(dataset);
  if (!written) {
    warnings.push("No source probe: x-ray, neutron or electron is unknown.");
    return null;
  }
  const plain = written.toLowerCase().replace(/[\s_-]/g, "").replace(/s$/, "");
  if (plain === "xray" || plain === "photon") return "x-ray";
  if (plain === "neutron" || plain === "electron") return plain;
  warnings.push(`source probe "${written}" is not x-ray, neutron or electron: it is left empty.`);
  return null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function readTime(dataset: Dataset | null, label: string, warnings: string[]): Date | null {
  const written = readText(dataset);
  if (!written) return null;
  const match = ISO_DATE_TIME.exec(written);
  if (!match) {
    warnings.push(`${label} "${written}" is not an ISO 8601 date-time: it is left empty.`);
    return null;
  }
  const [, year, month, day, hour, minute, second = "0", fraction = "0", zone] = match;
  const wall = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second, Math.round(Number(`0.${fraction}`) * 1000));
  const check = new Date(wall);
  if (check.getUTCDate() !== +day! || check.getUTCHours() !== +hour! || check.getUTCMinutes() !== +minute! || +second > 59) {
    warnings.push(`${label} "${written}" is not a real date-time: it is left empty.`);
    return null;
  }
  if (!zone) {
    warnings.push(`${label} "${written}" has no UTC offset: it was read as UTC.`);
    return check;
  }
  if (zone.toUpperCase() === "Z") return check;
  const digits = zone.replace(":", "");
  const offsetMinutes = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || "0"));
  return new Date(wall - offsetMinutes * 60_000);
}

function readFrames(
  data: Group | null,
  detector: Group | null,
  sample: Group | null,
  read: (label: string, ...candidates: [Group | null, string][]) => Dataset | null,
  warnings: string[],
): { shape: number[] | null; imageKey: ImageKeyCounts | null; rotation: RotationRange | null } {
  const shape = read("data", [data, "data"], [detector, "data"])?.shape ?? null;
  const frames = shape?.[0];
  if (!shape) warnings.push("No data: the number and size of the images are unknown.");
  else if (shape.length !== 3) warnings.push(`data has shape [${shape.join(", ")}], not [images, rows, columns]: the volume size is unknown.`);

  const keyDataset = read("image_key", [data, "image_key"], [detector, "image_key"]);
  const keys = keyDataset ? readNumbers(keyDataset) : null;
  let imageKey: ImageKeyCounts | null = null;
  if (!keys) warnings.push("No image_key: projections, flats and darks are not counted.");
  else {
    imageKey = { projections: 0, flats: 0, darks: 0, invalid: 0 };
    let unknown = 0;
    for (const key of keys) {
      if (key === 0) imageKey.projections++;
      else if (key === 1) imageKey.flats++;
      else if (key === 2) imageKey.darks++;
      else if (key === 3) imageKey.invalid++;
      else unknown++;
    }
    if (unknown) warnings.push(`image_key has ${unknown} values other than 0 (projection), 1 (flat), 2 (dark) and 3 (invalid).`);
    if (frames !== undefined && keys.length !== frames) warnings.push(`image_key has ${keys.length} values for ${frames} images.`);
  }

  const angleDataset = read("rotation_angle", [sample, "rotation_angle"], [data, "rotation_angle"]);
  const angleUnit = angleDataset?.attrs["units"] ? firstText(angleDataset.attrs["units"].value) : null;
  const angles = angleDataset ? readNumbers(angleDataset) : null;
  const toDegrees = angleUnit ? convertUnit(1, normaliseUnit(angleUnit) ?? "", "deg") : null;
  let rotation: RotationRange | null = null;
  if (!angles) warnings.push("No rotation_angle: the rotation range is unknown.");
  else if (!angleUnit) warnings.push("rotation_angle has no units attribute: the rotation range is left empty rather than guessed.");
  else if (toDegrees === null) warnings.push(`rotation_angle is in "${angleUnit}", which is not an angle: the rotation range is left empty.`);
  else {
    if (frames !== undefined && angles.length !== frames) warnings.push(`rotation_angle has ${angles.length} values for ${frames} images.`);
    // Flats and darks are often taken with the sample moved out at an arbitrary angle: only projections span the scan.
    const projectionAngles = keys && keys.length === angles.length ? angles.filter((_, i) => keys[i] === 0) : angles;
    const degrees = projectionAngles.map((angle) => roundToStored(angle * toDegrees, angleDataset!));
    if (degrees.length === 0) warnings.push("No projection has a rotation_angle: the rotation range is unknown.");
    else {
      rotation = {
        start: degrees[0]!,
        end: degrees[degrees.length - 1]!,
        min: degrees.reduce((a, b) => Math.min(a, b)),
        max: degrees.reduce((a, b) => Math.max(a, b)),
        count: degrees.length,
        unit: "deg",
      };
    }
  }
  return { shape, imageKey, rotation };
}
