/**
 * mulberry32: a small seeded generator of uniform doubles in [0, 1), for test data and benchmark
 * inputs that must be the same on every run (not for the statistics themselves: those use core's
 * xoshiro128** streams).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
