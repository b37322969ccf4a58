// Ascending sort of a Float64Array without NaN, by LSD radix sort on the IEEE 754 bits: 16-bit
// digits, four counting passes (a pass whose digit is the same for every value is skipped, as the
// low words of integers and short decimals often are). Several times faster than
// Float64Array.prototype.sort on millions of values, where the drift statistics spend most of
// their time otherwise. The order is numeric, with -0 before +0.

/** Below this length the built-in sort is faster. */
const SMALL = 4096;
const RADIX = 1 << 16;

/**
 * Sorts `values` in place (finite values and infinities; NaN is not allowed). `scratch` (at least
 * twice values.length words) can be passed to reuse one buffer across calls.
 */
export function sortFloat64(values: Float64Array, scratch?: Uint32Array): void {
  const n = values.length;
  if (n < SMALL) {
    values.sort();
    return;
  }
  // Little-endian words: [2i] low, [2i + 1] high (sign and exponent).
  let words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let other = scratch && scratch.length >= 2 * n ? scratch.subarray(0, 2 * n) : new Uint32Array(2 * n);
  const counts = new Uint32Array(4 * RADIX);
  // Map to unsigned keys in numeric order: negatives have every bit flipped, positives the sign bit.
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    const lo = words[2 * i]!;
    let keyHi: number;
    let keyLo: number;
    if (hi & 0x80000000) {
      keyHi = ~hi >>> 0;
      keyLo = ~lo >>> 0;
    } else {
      keyHi = (hi | 0x80000000) >>> 0;
      keyLo = lo;
    }
    words[2 * i] = keyLo;
    words[2 * i + 1] = keyHi;
    counts[keyLo & 0xffff]!++;
    counts[RADIX + (keyLo >>> 16)]!++;
    counts[2 * RADIX + (keyHi & 0xffff)]!++;
    counts[3 * RADIX + (keyHi >>> 16)]!++;
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * RADIX;
    // Skip a pass whose digit is the same everywhere.
    let skip = false;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[base + d]!;
      if (c === n) skip = true;
      if (c !== 0) break;
    }
    if (skip) continue;
    // Exclusive prefix sums: where each digit's run starts.
    let total = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[base + d]!;
      counts[base + d] = total;
      total += c;
    }
    const word = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let i = 0; i < n; i++) {
      const digit = (words[2 * i + word]! >>> shift) & 0xffff;
      const to = counts[base + digit]!++;
      other[2 * to] = words[2 * i]!;
      other[2 * to + 1] = words[2 * i + 1]!;
    }
    [words, other] = [other, words];
  }
  // Back to doubles, into `values` (the keys may have ended in the scratch buffer).
  const out = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const keyHi = words[2 * i + 1]!;
    const keyLo = words[2 * i]!;
    if (keyHi & 0x80000000) {
      out[2 * i + 1] = keyHi & 0x7fffffff;
      out[2 * i] = keyLo;
    } else {
      out[2 * i + 1] = ~keyHi >>> 0;
      out[2 * i] = ~keyLo >>> 0;
    }
  }
}
