// Geometry for the synthetic particle bed: randomly oriented ellipsoids,
// described row by row. An ellipsoid is convex, so the voxels it holds in any
// x-row form one interval, found by solving a quadratic; painting and the
// "does it touch anything" test then work on whole intervals, never voxel by
// voxel through the ellipsoid equation.
import type { Random } from "./random";

/** Row-major 3 x 3; row i is body axis i in volume coordinates. */
export type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** A uniformly random rotation, from a random unit quaternion (Shoemake 1992). */
export function randomRotation(random: Random): Matrix3 {
  const [u1, u2, u3] = [random(), random(), random()];
  const a = Math.sqrt(1 - u1);
  const b = Math.sqrt(u1);
  const [qx, qy, qz, qw] = [a * Math.sin(2 * Math.PI * u2), a * Math.cos(2 * Math.PI * u2), b * Math.sin(2 * Math.PI * u3), b * Math.cos(2 * Math.PI * u3)];
  return [
    1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
    2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
    2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy),
  ];
}

export interface Ellipsoid {
  x: number;
  y: number;
  z: number;
  semiAxes: [number, number, number];
  rotation: Matrix3;
}

/** The voxels of a shape clipped to the volume, as one x-interval [lo, hi] per row (y, z); empty rows have lo > hi. */
export interface RowIntervals {
  y0: number;
  y1: number;
  z0: number;
  z1: number;
  lo: Int32Array;
  hi: Int32Array;
}

export const rowIndex = (rows: RowIntervals, y: number, z: number) => y - rows.y0 + (rows.y1 - rows.y0 + 1) * (z - rows.z0);

/** Rows of the voxel centres inside the ellipsoid, clipped to an nx x ny x nz volume. */
export function ellipsoidRows(e: Ellipsoid, nx: number, ny: number, nz: number): RowIntervals {
  const reach = Math.max(...e.semiAxes);
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = e.rotation;
  const [ia, ib, ic] = e.semiAxes.map((s) => 1 / (s * s)) as [number, number, number];
  // The quadratic form d' M d <= 1 with M = R' diag(1/a^2) R.
  const m00 = r0 * r0 * ia + r3 * r3 * ib + r6 * r6 * ic;
  const m01 = r0 * r1 * ia + r3 * r4 * ib + r6 * r7 * ic;
  const m02 = r0 * r2 * ia + r3 * r5 * ib + r6 * r8 * ic;
  const m11 = r1 * r1 * ia + r4 * r4 * ib + r7 * r7 * ic;
  const m12 = r1 * r2 * ia + r4 * r5 * ib + r7 * r8 * ic;
  const m22 = r2 * r2 * ia + r5 * r5 * ib + r8 * r8 * ic;
  const y0 = Math.max(0, Math.ceil(e.y - reach));
  const y1 = Math.min(ny - 1, Math.floor(e.y + reach));
  const z0 = Math.max(0, Math.ceil(e.z - reach));
  const z1 = Math.min(nz - 1, Math.floor(e.z + reach));
  const size = Math.max(0, y1 - y0 + 1) * Math.max(0, z1 - z0 + 1);
  const rows: RowIntervals = { y0, y1, z0, z1, lo: new Int32Array(size).fill(1), hi: new Int32Array(size) };
  for (let z = z0; z <= z1; z++) {
    const dz = z - e.z;
    for (let y = y0; y <= y1; y++) {
      const dy = y - e.y;
      // m00 dx^2 + b dx + c <= 0
      const b = 2 * (m01 * dy + m02 * dz);
      const c = m11 * dy * dy + 2 * m12 * dy * dz + m22 * dz * dz - 1;
      const discriminant = b * b - 4 * m00 * c;
      if (discriminant < 0) continue;
      const root = Math.sqrt(discriminant);
      const lo = Math.max(0, Math.ceil(e.x + (-b - root) / (2 * m00)));
      const hi = Math.min(nx - 1, Math.floor(e.x + (-b + root) / (2 * m00)));
      const k = rowIndex(rows, y, z);
      rows.lo[k] = lo;
      rows.hi[k] = hi;
    }
  }
  return rows;
}

/**
 * A quick necessary test before the exact one: false when any of 27 points
 * well inside the ellipsoid (a 3 x 3 x 3 lattice at 0.7 of the semi-axes) lies
 * on a non-zero voxel. Most rejected placements fail here, at a fraction of
 * the cost of computing the rows.
 */
export function samplesClear(data: Uint8Array, nx: number, ny: number, nz: number, e: Ellipsoid): boolean {
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = e.rotation;
  const [a, b, c] = e.semiAxes;
  for (let i = -1; i <= 1; i++) {
    for (let j = -1; j <= 1; j++) {
      for (let k = -1; k <= 1; k++) {
        const [u, v, w] = [0.7 * i * a, 0.7 * j * b, 0.7 * k * c];
        const x = Math.round(e.x + r0 * u + r3 * v + r6 * w);
        const y = Math.round(e.y + r1 * u + r4 * v + r7 * w);
        const z = Math.round(e.z + r2 * u + r5 * v + r8 * w);
        if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
        if (data[x + nx * (y + ny * z)] !== 0) return false;
      }
    }
  }
  return true;
}

/**
 * True when no voxel of the shape, nor any of its 26 neighbours, is already
 * non-zero: a shape placed there touches nothing, not even at a corner. Each
 * row of the one-voxel dilation is covered by the hull of the nine neighbouring
 * rows' intervals widened by one, a slight over-cover that only errs towards
 * keeping shapes apart.
 */
export function isClear(data: Uint8Array, nx: number, ny: number, nz: number, rows: RowIntervals): boolean {
  for (let z = Math.max(0, rows.z0 - 1); z <= Math.min(nz - 1, rows.z1 + 1); z++) {
    for (let y = Math.max(0, rows.y0 - 1); y <= Math.min(ny - 1, rows.y1 + 1); y++) {
      let lo = nx;
      let hi = -1;
      for (let dz = -1; dz <= 1; dz++) {
        if (z + dz < rows.z0 || z + dz > rows.z1) continue;
        for (let dy = -1; dy <= 1; dy++) {
          if (y + dy < rows.y0 || y + dy > rows.y1) continue;
          const k = rowIndex(rows, y + dy, z + dz);
          if (rows.lo[k]! > rows.hi[k]!) continue;
          lo = Math.min(lo, rows.lo[k]!);
          hi = Math.max(hi, rows.hi[k]!);
        }
      }
      const row = nx * (y + ny * z);
      for (let x = Math.max(0, lo - 1); x <= Math.min(nx - 1, hi + 1); x++) if (data[row + x] !== 0) return false;
    }
  }
  return true;
}

/** A spherical grain inside a particle. */
export interface Sphere {
  x: number;
  y: number;
  z: number;
  radius: number;
  label: number;
}

/**
 * Paints the shape with `host`, then each grain over it (later grains win),
 * within the shape only. Returns how many of its voxels end up with a label
 * other than `hollow` (the label grains that are holes carry).
 */
export function paintRows(data: Uint8Array, nx: number, ny: number, rows: RowIntervals, host: number, grains: readonly Sphere[], hollow: number): number {
  let filled = 0;
  for (let z = rows.z0; z <= rows.z1; z++) {
    for (let y = rows.y0; y <= rows.y1; y++) {
      const k = rowIndex(rows, y, z);
      const lo = rows.lo[k]!;
      const hi = rows.hi[k]!;
      if (lo > hi) continue;
      const row = nx * (y + ny * z);
      data.fill(host, row + lo, row + hi + 1);
      for (const g of grains) {
        const reach = g.radius * g.radius - (y - g.y) ** 2 - (z - g.z) ** 2;
        if (reach < 0) continue;
        const half = Math.sqrt(reach);
        const from = Math.max(lo, Math.ceil(g.x - half));
        const to = Math.min(hi, Math.floor(g.x + half));
        if (from <= to) data.fill(g.label, row + from, row + to + 1);
      }
      for (let i = row + lo; i <= row + hi; i++) if (data[i] !== hollow) filled++;
    }
  }
  return filled;
}
