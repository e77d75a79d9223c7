// One call from a labelled volume to every figure the passport reports: modal
// mineralogy, total and percolating porosity, particles, the 3-D liberation
// spectrum next to its 2-D (section) estimate, each with its uncertainty. The
// result is plain JSON (no typed arrays, no NaN). Synchronous and CPU-bound:
// run it in a worker or job process, not on a request thread.
import { blockBoxes, blockHistograms, boxVoxels, extractBox, sumHistograms } from "./blocks";
import type { Connectivity3D } from "./components";
import { DEFAULT_LIBERATION_CLASSES, liberationClasses, mineralColumn, type GrainSet, type LiberationClasses } from "./liberation";
import { compareSpectra, type LiberationComparison } from "./liberation-report";
import { equivalentSphericalDiameter, measureParticles, particleRecords, type ParticleRecord, type ParticleTable, type VoxelSize } from "./particles";
import { AXES, connectedPorosity, totalPorosity, type Axis } from "./porosity";
import { StagedProgress, type ProgressCallback } from "./progress";
import { sectionParticles, type Connectivity2D, type SectionGrains } from "./sections";
import { quantiles, scaleQuantiles, type Quantiles } from "./statistics";
import { blockFraction, DEFAULT_BOOTSTRAP, type BootstrapSettings, type Uncertain } from "./uncertainty";
import { assertLabelsKnown, assertVolume, compilePhases, voxelCount, type LabelVolume, type Phase, type PhaseLookup, type PhaseRole } from "./volume";

export interface AnalysisOptions {
  /** Connectivity of particle voxels (default 26: grains touching at an edge or corner are one particle). */
  connectivity?: Connectivity3D;
  /** Voxel edge length, to report particle sizes in physical units too. */
  voxelSize?: VoxelSize;
  /** Grade classes (default: locked < 10 %, middlings, liberated >= 90 %). */
  liberationClasses?: LiberationClasses;
  /** Leave particles touching the volume (or section) edge out of the spectra: they are truncated (default false). */
  excludeEdgeParticles?: boolean;
  /** Sections for the 2-D estimate (default: every 8th z-plane, 8-connectivity). */
  sections?: { step?: number; axes?: Axis[]; connectivity?: Connectivity2D };
  bootstrap?: Partial<BootstrapSettings>;
  /** List every particle in the result (default false: a large volume has 10^5 of them). */
  includeParticles?: boolean;
  /** Fraction of the work done, 0-1, reported at least every 10 % (in practice every 1 %). */
  onProgress?: ProgressCallback;
}

export interface AnalysisResult {
  volume: { nx: number; ny: number; nz: number; voxels: number; voxelSize: VoxelSize | null };
  settings: {
    particleConnectivity: Connectivity3D;
    poreConnectivity: 6;
    excludeEdgeParticles: boolean;
    liberationClasses: LiberationClasses;
    sections: { step: number; axes: Axis[]; connectivity: Connectivity2D };
    bootstrap: BootstrapSettings;
  };
  modalMineralogy: { label: number; name: string; role: PhaseRole; voxels: number; fraction: Uncertain }[];
  porosity: {
    poreVoxels: number;
    total: Uncertain;
    /** Pore fraction in 6-connected clusters spanning the volume along each axis. */
    connected: Record<Axis, { fraction: Uncertain; fractionOfPores: number | null; clusters: number; voxels: number }>;
  };
  particles: {
    count: number;
    touchingEdge: number;
    targetBearing: number;
    /** Equivalent spherical diameters, number-weighted, in voxels. */
    esdVoxels: Quantiles | null;
    /** The same in physical units, when a voxel size was given. */
    esd: (Quantiles & { unit: string }) | null;
    records?: ParticleRecord[];
  };
  liberation: {
    /** All target minerals together, then each on its own. */
    allTargets: LiberationComparison;
    byMineral: ({ mineral: string } & LiberationComparison)[];
  };
  sections: { planes: Record<Axis, number>; pixels: number; particles: number };
}

/** Work shares of the stages, as measured on a 256^3 synthetic bed (default options), for the progress bar. */
const STAGES = { histograms: 0.07, pores: 0.23, octantPores: 0.2, particles: 0.3, sections: 0.12, spectra: 0.08 } as const;
const STAGE_NAMES = Object.keys(STAGES) as (keyof typeof STAGES)[];

export function analyseVolume(volume: LabelVolume, phases: readonly Phase[], options: AnalysisOptions = {}): AnalysisResult {
  assertVolume(volume);
  const voxels = voxelCount(volume);
  if (voxels === 0) throw new Error(`The volume is empty (${volume.nx} x ${volume.ny} x ${volume.nz} voxels): nothing to analyse.`);
  const lookup = compilePhases(phases);
  assertOptions(options);
  const connectivity = options.connectivity ?? 26;
  const classes = options.liberationClasses ? liberationClasses(options.liberationClasses.edges, options.liberationClasses.names) : DEFAULT_LIBERATION_CLASSES;
  const sectionSettings = { step: options.sections?.step ?? 8, axes: options.sections?.axes ?? (["z"] as Axis[]), connectivity: options.sections?.connectivity ?? 8 };
  const bootstrap = { ...DEFAULT_BOOTSTRAP, ...options.bootstrap };
  const excludeEdge = options.excludeEdgeParticles ?? false;
  const progress = new StagedProgress(options.onProgress, STAGE_NAMES.map((name) => STAGES[name]));
  const stage = (name: keyof typeof STAGES) => progress.stage(STAGE_NAMES.indexOf(name));

  // ---- modal mineralogy and total porosity: one pass gives the octant histograms and, summed, the whole volume's
  const boxes = blockBoxes(volume);
  const octants = blockHistograms(volume, boxes, stage("histograms"));
  const histogram = sumHistograms(octants);
  assertLabelsKnown(histogram, lookup);
  const fractionIn = (b: number, label: number) => octants[b * 256 + label]! / boxVoxels(boxes[b]!);
  const modalMineralogy = lookup.phases.map((phase) => ({
    label: phase.label,
    name: phase.name,
    role: phase.role,
    voxels: histogram[phase.label]!,
    fraction: blockFraction(histogram[phase.label]! / voxels, boxes.map((_, b) => fractionIn(b, phase.label)), voxels, `the volume fraction of ${phase.name}`),
  }));
  const pores = totalPorosity(histogram, lookup);
  const porePerOctant = boxes.map((_, b) => totalPorosity(octants.subarray(b * 256, (b + 1) * 256), lookup).fraction);

  // ---- percolating porosity, then the same in each octant for its spread
  const labelBuffer = new Int32Array(voxels);
  const connected = connectedPorosity(volume, lookup, { labelBuffer, onProgress: stage("pores") });
  const octantConnected = percolationPerBlock(volume, lookup, boxes, stage("octantPores"));

  // ---- particles, sections, spectra
  const table = measureParticles(volume, lookup, { connectivity, labelBuffer, onProgress: stage("particles") });
  const sections = sectionParticles(volume, lookup, { ...sectionSettings, onProgress: stage("sections") });
  const spectrumSettings = { classes, excludeEdge, bootstrap };
  const spectraDone = stage("spectra");
  const comparisons = 1 + lookup.targets.length;
  const allTargets = compareSpectra(grainsOf(table), sections, spectrumSettings);
  spectraDone(1 / comparisons);
  const byMineral = lookup.targets.map((target, t) => {
    const comparison = { mineral: target.name, ...compareSpectra(grainsOf(table, t), sectionGrainsOf(sections, t), spectrumSettings) };
    spectraDone((t + 2) / comparisons);
    return comparison;
  });

  const result: AnalysisResult = {
    volume: { nx: volume.nx, ny: volume.ny, nz: volume.nz, voxels, voxelSize: options.voxelSize ?? null },
    settings: { particleConnectivity: connectivity, poreConnectivity: 6, excludeEdgeParticles: excludeEdge, liberationClasses: classes, sections: sectionSettings, bootstrap },
    modalMineralogy,
    porosity: {
      poreVoxels: pores.poreVoxels,
      total: blockFraction(pores.fraction, porePerOctant, voxels, "the pore fraction"),
      connected: Object.fromEntries(
        AXES.map((axis) => [
          axis,
          {
            ...connected[axis],
            fraction: blockFraction(connected[axis].fraction, octantConnected[axis], voxels, `the pore fraction percolating along ${axis}`, PERCOLATION_NOTE),
          },
        ]),
      ) as AnalysisResult["porosity"]["connected"],
    },
    particles: particleSummary(table, options.voxelSize, options.includeParticles ?? false),
    liberation: { allTargets, byMineral },
    sections: {
      planes: { x: sections.planes.x.length, y: sections.planes.y.length, z: sections.planes.z.length },
      pixels: sections.pixels,
      particles: sections.count,
    },
  };
  progress.finish();
  return result;
}

/** Refuses bad options before any work is done, rather than minutes into it. */
function assertOptions(options: AnalysisOptions): void {
  const { connectivity, sections, bootstrap, voxelSize } = options;
  if (connectivity !== undefined && connectivity !== 6 && connectivity !== 26) throw new Error(`Particle connectivity must be 6 or 26, got ${String(connectivity)}.`);
  if (sections?.connectivity !== undefined && sections.connectivity !== 4 && sections.connectivity !== 8) {
    throw new Error(`Section connectivity must be 4 or 8, got ${String(sections.connectivity)}.`);
  }
  if (sections?.step !== undefined && !(Number.isInteger(sections.step) && sections.step >= 1)) throw new Error(`The section step must be a positive integer, got ${sections.step}.`);
  if (sections?.axes?.some((axis) => !AXES.includes(axis))) throw new Error(`Section axes must be among x, y, z, got ${sections.axes.join(", ")}.`);
  if (bootstrap?.replicates !== undefined && !(Number.isInteger(bootstrap.replicates) && bootstrap.replicates >= 2)) {
    throw new Error(`The bootstrap needs an integer number of replicates of at least 2, got ${bootstrap.replicates}.`);
  }
  if (bootstrap?.seed !== undefined && !Number.isFinite(bootstrap.seed)) throw new Error(`The bootstrap seed must be a number, got ${bootstrap.seed}.`);
  if (voxelSize && !(voxelSize.value > 0 && Number.isFinite(voxelSize.value))) throw new Error(`The voxel size must be a positive number, got ${voxelSize.value}.`);
}

const PERCOLATION_NOTE =
  " Octants are half as long as the volume, so pores percolate through them more readily: the spread measures spatial variability, not the size effect.";

/** Percolating porosity along each axis inside each block, each block labelled on its own. */
function percolationPerBlock(volume: LabelVolume, lookup: PhaseLookup, boxes: ReturnType<typeof blockBoxes>, onProgress: ProgressCallback): Record<Axis, number[]> {
  const largest = Math.max(...boxes.map(boxVoxels));
  const blockBuffer = new Uint8Array(largest);
  const labelBuffer = new Int32Array(largest);
  const values: Record<Axis, number[]> = { x: [], y: [], z: [] };
  boxes.forEach((box, b) => {
    const block = extractBox(volume, box, blockBuffer);
    const percolation = connectedPorosity(block, lookup, { labelBuffer, onProgress: (f) => onProgress((b + f) / boxes.length) });
    for (const axis of AXES) values[axis].push(percolation[axis].fraction);
  });
  return values;
}

/** The particles as a grain set for the spectrum: all target minerals, or mineral `t` alone. */
function grainsOf(table: ParticleTable, t?: number): GrainSet {
  const target = t === undefined ? table.targetVoxels : mineralColumn(table.targetVoxelsByMineral, table.targetNames.length, t);
  return { count: table.count, size: table.voxels, target, touchesEdge: table.touchesEdge };
}

function sectionGrainsOf(sections: SectionGrains, t: number): GrainSet {
  return { ...sections, target: mineralColumn(sections.targetByMineral, sections.targetNames.length, t) };
}

function particleSummary(table: ParticleTable, voxelSize: VoxelSize | undefined, includeRecords: boolean): AnalysisResult["particles"] {
  const diameters = Float64Array.from(table.voxels, equivalentSphericalDiameter);
  const esdVoxels = quantiles(diameters);
  let touchingEdge = 0;
  let targetBearing = 0;
  for (let p = 0; p < table.count; p++) {
    touchingEdge += table.touchesEdge[p]!;
    if (table.targetVoxels[p]! > 0) targetBearing++;
  }
  return {
    count: table.count,
    touchingEdge,
    targetBearing,
    esdVoxels,
    esd: esdVoxels && voxelSize ? { ...scaleQuantiles(esdVoxels, voxelSize.value), unit: voxelSize.unit } : null,
    ...(includeRecords ? { records: particleRecords(table, voxelSize) } : {}),
  };
}
