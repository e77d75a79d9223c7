// Seeded pseudo-random numbers, so synthetic volumes and bootstrap intervals are
// reproducible: the same seed gives the same numbers on every machine.

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger): a 32-bit state generator, fast and well mixed,
 * ample for geometry and resampling (not for cryptography). Any number seeds it;
 * it is reduced to 32 bits.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
