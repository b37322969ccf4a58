// The 64-bit hashes a profile gives its values, for the distinct count (HyperLogLog) and for the
// order in which a category table keeps categories. Texts use validation's stringKey; numbers their
// float64 bits, mixed (the bits of nearby numbers differ only in a few places, which HyperLogLog's
// register index and rank would see).

import { numberKey, stringKey } from '../validation/unique-counter.ts';

/** Hash of a text, as two signed 32-bit halves in `out`. */
export function textHash(text: string, out: Int32Array): void {
  stringKey(text, out);
}

/** Hash of a finite number (-0 as 0), as two signed 32-bit halves in `out`. */
export function numberHash(value: number, out: Int32Array): void {
  numberKey(value, out);
  // Each half through murmur3's 32-bit finaliser, fed with the other, so both depend on all 64 bits.
  const high = fmix32(out[0]! ^ Math.imul(out[1]!, 0x9e3779b1));
  out[1] = fmix32(out[1]! ^ Math.imul(high, 0x85ebca6b) ^ 0x27d4eb2f);
  out[0] = high;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Orders two hashes as unsigned 64-bit numbers: negative, 0 or positive. */
export function compareHashes(a1: number, a2: number, b1: number, b2: number): number {
  const x = a1 >>> 0;
  const y = b1 >>> 0;
  if (x !== y) return x < y ? -1 : 1;
  const u = a2 >>> 0;
  const v = b2 >>> 0;
  return u === v ? 0 : u < v ? -1 : 1;
}
