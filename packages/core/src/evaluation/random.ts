// Seeded resampling. Each resample b draws from its own generator seeded by (seed, b), so results
// do not depend on how resamples are split across workers.

/** murmur3's 32-bit finaliser: spreads (seed, resample, lane) into well-mixed generator state. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Initial xoshiro128** state for resample `stream` of `seed` (never all zero). */
export function generatorState(seed: number, stream: number): [number, number, number, number] {
  const base = mix32((seed >>> 0) ^ 0x9e3779b9);
  const state: [number, number, number, number] = [
    mix32(base ^ mix32(stream * 4 + 1)),
    mix32(base ^ mix32(stream * 4 + 2) ^ 0x243f6a88),
    mix32(base ^ mix32(stream * 4 + 3) ^ 0x85a308d3),
    mix32(base ^ mix32(stream * 4 + 4) ^ 0x13198a2e),
  ];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

const TWO_TO_MINUS_32 = 2 ** -32;

/**
 * Fill `counts` with how often each of its n rows is drawn in n uniform draws with replacement:
 * one bootstrap resample as multinomial counts, no copy of the data. The generator is
 * xoshiro128** (Blackman and Vigna), inlined because this loop runs n times per resample.
 * Byte counts keep the array cache-resident (1 MB per million rows, about 2.5x faster than
 * Int32Array here); a row drawn 256 times is practically impossible but would overflow, so the
 * function then returns false and the caller redraws the same resample into an Int32Array.
 */
export function drawResampleCounts(counts: Uint8Array | Int32Array, seed: number, resample: number): boolean {
  const n = counts.length;
  const limit = counts instanceof Uint8Array ? 255 : 0x7fffffff;
  counts.fill(0);
  let [a, b, c, d] = generatorState(seed, resample);
  const scale = n * TWO_TO_MINUS_32; // r * scale < n <= 2^31 - 1, so `| 0` is floor
  for (let i = 0; i < n; i++) {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    const row = (r * scale) | 0;
    if (counts[row] === limit) return false;
    counts[row]!++;
  }
  return true;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
