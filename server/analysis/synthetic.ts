// Synthetic labelled volumes for the demo, the tests and the benchmark: a bed of
// crushed-ore particles as a micro-CT scan of a packed or resin-mounted sample
// would show after segmentation. Each particle is an ellipsoid of gangue
// (MATRIX, quartz) that may carry mineral grains: target minerals (cassiterite,
// wolframite), an accessory mineral (OTHER, tourmaline) and small internal
// pores; some target-bearing particles are a single liberated target grain.
// The space between particles is PORE. Particles are placed at random where
// they touch no other particle, not even at a corner (random sequential
// addition), so they stay separate particles in the analysis; the bed is built
// up until its pore fraction falls to the requested porosity.
//
// Deterministic: the same options and seed give the same bytes (mulberry32).
import { ellipsoidRows, isClear, paintRows, randomRotation, samplesClear, type Ellipsoid, type Sphere } from "./ellipsoid";
import { mulberry32, uniform, type Random } from "./random";
import type { LabelVolume, Phase } from "./volume";

export const SYNTHETIC_PHASES: readonly Phase[] = [
  { label: 0, name: "Pore", role: "PORE" },
  { label: 1, name: "Quartz", role: "MATRIX" },
  { label: 2, name: "Cassiterite", role: "TARGET" },
  { label: 3, name: "Wolframite", role: "TARGET" },
  { label: 4, name: "Tourmaline", role: "OTHER" },
];
const PORE = 0;
const GANGUE = 1;
const TARGETS = [2, 3];
const ACCESSORY = 4;
/** Marks internal pores while the bed is built (see the end of syntheticVolume). */
const INTERNAL_PORE = 255;

export interface SyntheticOptions {
  nx: number;
  ny: number;
  nz: number;
  seed: number;
  /** Pore fraction to build the bed down to (default 0.75). Particles that may not touch jam at about 0.72: below that, placement stops short. */
  porosity?: number;
  /** At most this many particles (default: as many as the porosity needs). */
  particleCount?: number;
  /** Range of particle semi-axes in voxels (default [4, 10]). */
  particleRadius?: [number, number];
  /** Chance that a particle carries target-mineral grains (default 0.4). */
  targetProbability?: number;
  /** Chance that a target-bearing particle is one liberated target grain (default 0.2). */
  liberatedProbability?: number;
  /** Chance that a particle carries an accessory (OTHER) grain (default 0.3). */
  accessoryProbability?: number;
  /** Chance that a particle has a small internal pore (default 0.2). */
  internalPoreProbability?: number;
  /** Placement gives up after this many rejected positions in a row (default 5000). */
  maxAttempts?: number;
}

export interface SyntheticVolume {
  volume: LabelVolume;
  phases: Phase[];
  /** Particles painted (each at least one non-pore voxel). */
  particlesPlaced: number;
  /** Pore fraction reached. */
  porosity: number;
  /** False when placement stopped (particle count or attempts) before reaching the requested porosity. */
  reachedPorosity: boolean;
}

function checkProbability(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new Error(`${name} must be a probability from 0 to 1, got ${p}.`);
}

export function syntheticVolume(options: SyntheticOptions): SyntheticVolume {
  const { nx, ny, nz, seed } = options;
  const porosity = options.porosity ?? 0.75;
  const [rMin, rMax] = options.particleRadius ?? [4, 10];
  const targetProbability = options.targetProbability ?? 0.4;
  const liberatedProbability = options.liberatedProbability ?? 0.2;
  const accessoryProbability = options.accessoryProbability ?? 0.3;
  const internalPoreProbability = options.internalPoreProbability ?? 0.2;
  const maxAttempts = options.maxAttempts ?? 5000;
  const particleCount = options.particleCount ?? Number.POSITIVE_INFINITY;
  for (const [name, n] of [["nx", nx], ["ny", ny], ["nz", nz]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${n}.`);
  }
  if (!(rMin > 0 && rMax >= rMin)) throw new Error(`particleRadius must be [min, max] with 0 < min <= max, got [${rMin}, ${rMax}].`);
  checkProbability("porosity", porosity);
  checkProbability("targetProbability", targetProbability);
  checkProbability("liberatedProbability", liberatedProbability);
  checkProbability("accessoryProbability", accessoryProbability);
  checkProbability("internalPoreProbability", internalPoreProbability);

  const random = mulberry32(seed);
  const data = new Uint8Array(nx * ny * nz); // all PORE (label 0)
  const solidWanted = (1 - porosity) * data.length;
  let solid = 0;
  let placed = 0;
  let failures = 0;
  while (solid < solidWanted && placed < particleCount && failures < maxAttempts) {
    const [x, y, z] = [uniform(random, 0, nx), uniform(random, 0, ny), uniform(random, 0, nz)];
    // Rejections dominate the cost as the bed fills, so the cheapest test comes first: is the centre free?
    if (data[Math.floor(x) + nx * (Math.floor(y) + ny * Math.floor(z))] !== PORE) {
      failures++;
      continue;
    }
    const radius = uniform(random, rMin, rMax);
    // Semi-axes within [0.75, 1] of the largest, in a random orientation.
    const particle: Ellipsoid = {
      x,
      y,
      z,
      semiAxes: [radius, radius * uniform(random, 0.75, 1), radius * uniform(random, 0.75, 1)],
      rotation: randomRotation(random),
    };
    if (!samplesClear(data, nx, ny, nz, particle)) {
      failures++;
      continue;
    }
    const rows = ellipsoidRows(particle, nx, ny, nz);
    if (!isClear(data, nx, ny, nz, rows)) {
      failures++;
      continue;
    }
    failures = 0;
    const { host, grains } = composition(random, particle, { targetProbability, liberatedProbability, accessoryProbability, internalPoreProbability });
    const painted = paintRows(data, nx, ny, rows, host, grains, INTERNAL_PORE);
    solid += painted;
    if (painted > 0) placed++; // a tiny ellipsoid can fall between voxel centres and paint nothing
  }
  // Internal pores carried a marker so that no later particle could be placed inside one; now they are pores.
  for (let i = 0; i < data.length; i++) if (data[i] === INTERNAL_PORE) data[i] = PORE;
  return {
    volume: { data, nx, ny, nz },
    phases: SYNTHETIC_PHASES.map((p) => ({ ...p })),
    particlesPlaced: placed,
    porosity: (data.length - solid) / data.length,
    reachedPorosity: solid >= solidWanted,
  };
}

/** Share of the locked and middling target-bearing particles that are binary (target on one side of a plane) rather than carrying inclusions. */
const BINARY_SHARE = 0.5;
/** Radius of the sphere standing in for a plane: flat to a small fraction of a voxel across a particle. */
const PLANE_RADIUS = 1e4;

/**
 * A binary particle's target side: a sphere so large that, across the
 * particle, its surface is a plane at a random orientation passing within
 * 0.6 of the smallest semi-axis from the centre. Sections through such a
 * particle often cut one side only, which is why 2-D overstates liberation.
 */
function binaryCut(random: Random, particle: Ellipsoid, inner: number, mineral: number): Sphere {
  const [nx, ny, nz] = randomDirection(random);
  const offset = inner * uniform(random, -0.6, 0.6);
  // The sphere's centre lies far out along -n, so its surface crosses the particle as a plane `offset` from the centre.
  const reach = PLANE_RADIUS + offset;
  return { x: particle.x - nx * reach, y: particle.y - ny * reach, z: particle.z - nz * reach, radius: PLANE_RADIUS, label: mineral };
}

/** A uniformly random unit vector (Archimedes: z uniform in [-1, 1], azimuth uniform). */
function randomDirection(random: Random): [number, number, number] {
  const z = uniform(random, -1, 1);
  const azimuth = uniform(random, 0, 2 * Math.PI);
  const r = Math.sqrt(1 - z * z);
  return [r * Math.cos(azimuth), r * Math.sin(azimuth), z];
}

/** What a particle is made of: its host phase and the grains inside it. */
function composition(
  random: Random,
  particle: Ellipsoid,
  chances: { targetProbability: number; liberatedProbability: number; accessoryProbability: number; internalPoreProbability: number },
): { host: number; grains: Sphere[] } {
  const inner = Math.min(...particle.semiAxes);
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = particle.rotation;
  /** A random point within `spread` of the semi-axes, in the particle's own frame, in volume coordinates. */
  const pointInside = (spread: number) => {
    const [u, v, w] = particle.semiAxes.map((semiAxis) => uniform(random, -1, 1) * semiAxis * spread) as [number, number, number];
    return { x: particle.x + r0 * u + r3 * v + r6 * w, y: particle.y + r1 * u + r4 * v + r7 * w, z: particle.z + r2 * u + r5 * v + r8 * w };
  };
  const grains: Sphere[] = [];
  let host = GANGUE;
  if (random() < chances.accessoryProbability) grains.push({ ...pointInside(0.5), radius: inner * uniform(random, 0.2, 0.5), label: ACCESSORY });
  if (random() < chances.targetProbability) {
    const mineral = TARGETS[Math.floor(random() * TARGETS.length)]!;
    if (random() < chances.liberatedProbability) host = mineral;
    else if (random() < BINARY_SHARE) grains.push(binaryCut(random, particle, inner, mineral));
    else {
      const count = 1 + Math.floor(random() * 3);
      for (let g = 0; g < count; g++) grains.push({ ...pointInside(0.6), radius: inner * uniform(random, 0.2, 0.9), label: mineral });
    }
  }
  if (random() < chances.internalPoreProbability) grains.push({ ...pointInside(0.4), radius: uniform(random, 1, 2), label: INTERNAL_PORE });
  return { host, grains };
}
