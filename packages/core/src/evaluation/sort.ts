// Row order by score, for the ranking metrics. Written by hand because a comparator sort of an
// index array is several times slower at 1M-10M rows than this LSD radix sort over the IEEE-754
// bits (bench/evaluate.bench.ts measures the whole pass); Float64Array.sort alone loses the rows.

const RADIX_BITS = 16;
const BUCKETS = 1 << RADIX_BITS;

/**
 * Indices of `values` ordered by decreasing value (ascending with `ascending: true`). Ties keep
 * keep their input order (the sort is stable). NaN must not occur (loaders reject it).
 */
export function argsort(values: Float64Array, options: { ascending?: boolean } = {}): Int32Array {
  return radixArgsort(values, options.ascending ?? false).order;
}

/**
 * Indices by decreasing value, and 1 at each sorted position that ends a run of equal values (the
 * distinct thresholds of a ranking curve), found from the sorted keys without a second gather.
 */
export function argsortWithTies(values: Float64Array): { order: Int32Array; groupEnds: Uint8Array } {
  return radixArgsort(values, false);
}

function radixArgsort(values: Float64Array, ascending: boolean): { order: Int32Array; groupEnds: Uint8Array } {
  const n = values.length;
  // Data already in order (the bootstrap hands its workers rows in resampling order) needs no sort.
  // The radix sort is stable, so it would return this same identity order.
  if (isOrdered(values, ascending)) {
    const groupEnds = new Uint8Array(n);
    for (let k = 0; k < n - 1; k++) groupEnds[k] = values[k] !== values[k + 1] ? 1 : 0;
    if (n > 0) groupEnds[n - 1] = 1;
    return { order: Int32Array.from({ length: n }, (_, i) => i), groupEnds };
  }
  // Map each double to an unsigned 64-bit key (hi, lo) whose integer order is the numeric order.
  const bits = new Uint32Array(new Float64Array(values).buffer);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let index = new Int32Array(n);
  const flip = ascending ? 0 : 0xffffffff;
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1]!;
    let l = bits[2 * i]!;
    if (h === 0x80000000 && l === 0) h = 0; // -0 sorts with +0
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = (h ^ flip) >>> 0;
    lo[i] = (l ^ flip) >>> 0;
    index[i] = i;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let index2 = new Int32Array(n);
  const counts = new Int32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = (pass % 2) * RADIX_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & 0xffff]!++;
    // A digit shared by every key (common in the low bits of rounded scores) needs no pass.
    if (counts[(word[0]! >>> shift) & 0xffff] === n) continue;
    let total = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b]!;
      counts[b] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(word[i]! >>> shift) & 0xffff]!++;
      hi2[at] = hi[i]!;
      lo2[at] = lo[i]!;
      index2[at] = index[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [index, index2] = [index2, index];
  }
  const groupEnds = new Uint8Array(n);
  for (let k = 0; k < n - 1; k++) groupEnds[k] = hi[k] !== hi[k + 1] || lo[k] !== lo[k + 1] ? 1 : 0;
  if (n > 0) groupEnds[n - 1] = 1;
  return { order: index, groupEnds };
}

/** Whether `values` is already non-increasing (non-decreasing with `ascending`); -0 equals 0 as in the sort. */
export function isOrdered(values: Float64Array, ascending = false): boolean {
  const n = values.length;
  if (ascending) {
    for (let i = 1; i < n; i++) if (!(values[i - 1]! <= values[i]!)) return false;
  } else {
    for (let i = 1; i < n; i++) if (!(values[i - 1]! >= values[i]!)) return false;
  }
  return true;
}
