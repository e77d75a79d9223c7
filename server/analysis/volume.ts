// The labelled voxel volume and its phase table: the two inputs every analysis
// function takes. Everything here is pure and allocation-light; the analyses
// work on the raw label bytes through the 256-entry lookup tables built below,
// so no per-phase mask volume is ever materialised.

/** A labelled (segmented) volume. Index of voxel (x, y, z) is x + nx * (y + ny * z): x varies fastest. */
export interface LabelVolume {
  data: Uint8Array;
  nx: number;
  ny: number;
  nz: number;
}

export const PHASE_ROLES = ["PORE", "MATRIX", "TARGET", "OTHER"] as const;
export type PhaseRole = (typeof PHASE_ROLES)[number];

/** One row of the phase table: which label value stands for which phase, and what that phase is for the analysis. */
export interface Phase {
  label: number;
  name: string;
  role: PhaseRole;
}

/** The phase table compiled into lookup tables indexed by label value (0-255). */
export interface PhaseLookup {
  phases: readonly Phase[];
  /** 1 where the label is in the table. */
  known: Uint8Array;
  /** 1 for PORE labels. */
  pore: Uint8Array;
  /** 1 for every non-pore label in the table: the voxels particles are made of. */
  solid: Uint8Array;
  /** Index into `targets` for TARGET labels, -1 otherwise. */
  targetIndex: Int16Array;
  /** The TARGET phases, in phase-table order. */
  targets: readonly Phase[];
}

export function voxelCount(volume: Pick<LabelVolume, "nx" | "ny" | "nz">): number {
  return volume.nx * volume.ny * volume.nz;
}

const isDimension = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Throws unless the dimensions are non-negative integers and the data holds exactly nx*ny*nz labels. */
export function assertVolume(volume: LabelVolume): void {
  const { nx, ny, nz, data } = volume;
  if (!isDimension(nx) || !isDimension(ny) || !isDimension(nz)) {
    throw new Error(`Volume dimensions must be non-negative integers, got ${nx} x ${ny} x ${nz}.`);
  }
  if (!(data instanceof Uint8Array)) throw new Error("Volume data must be a Uint8Array of labels.");
  const expected = nx * ny * nz;
  if (data.length !== expected) {
    throw new Error(`Volume data holds ${data.length} voxels but ${nx} x ${ny} x ${nz} needs ${expected}.`);
  }
}

/** Validates the phase table and compiles it into per-label lookup tables. */
export function compilePhases(phases: readonly Phase[]): PhaseLookup {
  if (!Array.isArray(phases) || phases.length === 0) throw new Error("The phase table is empty: give at least one { label, name, role }.");
  const known = new Uint8Array(256);
  const pore = new Uint8Array(256);
  const solid = new Uint8Array(256);
  const targetIndex = new Int16Array(256).fill(-1);
  const targets: Phase[] = [];
  for (const phase of phases) {
    const { label, name, role } = phase;
    if (!Number.isInteger(label) || label < 0 || label > 255) {
      throw new Error(`Phase "${name}" has label ${label}; labels must be integers from 0 to 255 (8-bit label volumes).`);
    }
    if (typeof name !== "string" || name.trim() === "") throw new Error(`Phase with label ${label} has no name.`);
    if (!PHASE_ROLES.includes(role)) {
      throw new Error(`Phase "${name}" (label ${label}) has role "${String(role)}"; expected one of ${PHASE_ROLES.join(", ")}.`);
    }
    if (known[label]) throw new Error(`Label ${label} appears twice in the phase table.`);
    known[label] = 1;
    if (role === "PORE") pore[label] = 1;
    else solid[label] = 1;
    if (role === "TARGET") targetIndex[label] = targets.push(phase) - 1;
  }
  const names = new Set(phases.map((p) => p.name));
  if (names.size !== phases.length) throw new Error("Phase names must be unique in the phase table.");
  return { phases, known, pore, solid, targetIndex, targets };
}

/** Voxel count per label value (index 0-255), one pass. Float64 so counts stay exact beyond 2^32 voxels. */
export function labelHistogram(data: Uint8Array): Float64Array {
  // Counting into a Uint32Array is faster than into floats; flushing every 2^31 voxels keeps it from overflowing.
  const total = new Float64Array(256);
  const counts = new Uint32Array(256);
  const chunk = 2 ** 31;
  for (let start = 0; start < data.length; start += chunk) {
    const end = Math.min(data.length, start + chunk);
    for (let i = start; i < end; i++) counts[data[i]!]!++;
    for (let label = 0; label < 256; label++) total[label]! += counts[label]!;
    counts.fill(0);
  }
  return total;
}

/** Throws a message naming every label present in the volume but missing from the phase table. */
export function assertLabelsKnown(histogram: Float64Array, lookup: PhaseLookup): void {
  const unknown: string[] = [];
  for (let label = 0; label < 256; label++) {
    if (histogram[label]! > 0 && !lookup.known[label]) unknown.push(`${label} (${histogram[label]} voxels)`);
  }
  if (unknown.length === 0) return;
  const table = lookup.phases.map((p) => `${p.label} = ${p.name}`).join(", ");
  throw new Error(`Label${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} not in the phase table (${table}). Add them to the table or relabel the volume.`);
}
