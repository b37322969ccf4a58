// Seeded resampling. Each resample b draws from its own generator seeded by (seed, b), so results
// do not depend on how resamples are split across workers.

/** murmur3's 32-bit finaliser: spreads (seed, resample, lane) into well-mixed generator state. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** xoshiro128** (Blackman and Vigna): fast, 2^128-1 period, good enough for bootstrap indices. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const base = mix32((seed >>> 0) ^ 0x9e3779b9);
    this.a = mix32(base ^ mix32(stream * 4 + 1));
    this.b = mix32(base ^ mix32(stream * 4 + 2) ^ 0x243f6a88);
    this.c = mix32(base ^ mix32(stream * 4 + 3) ^ 0x85a308d3);
    this.d = mix32(base ^ mix32(stream * 4 + 4) ^ 0x13198a2e);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  next(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const TWO_TO_MINUS_32 = 2 ** -32;

/**
 * Fill `counts` with how often each of its n rows is drawn in n draws with replacement (one
 * bootstrap resample as multinomial counts: no copy of the data is ever made).
 */
export function drawResampleCounts(counts: Int32Array, seed: number, resample: number): void {
  const n = counts.length;
  counts.fill(0);
  const random = new Xoshiro128(seed, resample);
  for (let i = 0; i < n; i++) counts[Math.floor(random.next() * TWO_TO_MINUS_32 * n)]!++;
}
