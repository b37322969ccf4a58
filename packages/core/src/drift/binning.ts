// The bins PSI and Jensen-Shannon compare: for numbers, the reference's deciles (numpy's default
// linear quantiles at k/10, k = 0..10), duplicate edges dropped, the lowest and highest edge
// replaced by -inf and +inf so the outer bins are open, each bin right-inclusive (a, b] as
// pandas.cut makes it; for categories, one bin per category of either sample. A bin that is empty
// on one side gets the share 0.0001 there (Evidently's convention), without renormalising.

import { countAtMost } from './sort.ts';

/** The share an empty bin is given, on either side. */
export const EMPTY_BIN_SHARE = 0.0001;

/** numpy.quantile(sorted, q) with the default 'linear' method, for an ascending sample. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  return linearQuantile(sorted.length, q, (i) => sorted[i]!);
}

/**
 * numpy's default 'linear' quantile of n ascending values given by their order statistics
 * `at(0)` ... `at(n - 1)`: for a sorted array, and for exact counts (step-distribution.ts).
 */
export function linearQuantile(n: number, q: number, at: (index: number) => number): number {
  const virtual = (n - 1) * q;
  let previous = Math.floor(virtual);
  let next = previous + 1;
  if (virtual >= n - 1) previous = next = n - 1;
  if (virtual < 0) previous = next = 0;
  const gamma = virtual - previous;
  const a = at(previous);
  const b = at(next);
  // numpy's _lerp: from the lower end below the midpoint, from the upper end above it.
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * The inner edges of the decile bins of an ascending reference: the distinct deciles without the
 * lowest and highest (which become -inf and +inf). k inner edges make k + 1 bins.
 */
export function decileEdges(sortedReference: Float64Array): number[] {
  return decileEdgesOf((q) => quantileSorted(sortedReference, q));
}

/** decileEdges of a distribution given by its q-quantile (a sorted sample, or a profile's sketch). */
export function decileEdgesOf(quantile: (q: number) => number): number[] {
  const deciles = Array.from({ length: 11 }, (_, k) => quantile(k / 10)).sort((x, y) => x - y);
  // numpy.unique: sorted, each value once.
  const distinct = deciles.filter((edge, k) => k === 0 || edge !== deciles[k - 1]);
  return distinct.slice(1, -1);
}

/** Counts of an ascending sample in the bins (-inf, e0], (e0, e1], ..., (e_last, +inf). */
export function binCounts(sorted: Float64Array, innerEdges: readonly number[]): number[] {
  return binCountsOf((x) => countAtMost(sorted, x), sorted.length, innerEdges);
}

/** binCounts of `total` values given by how many are <= x (a sorted sample, or a profile's sketch). */
export function binCountsOf(atMost: (x: number) => number, total: number, innerEdges: readonly number[]): number[] {
  const counts: number[] = [];
  let below = 0;
  for (const edge of innerEdges) {
    const upTo = atMost(edge);
    counts.push(upTo - below);
    below = upTo;
  }
  counts.push(total - below);
  return counts;
}

/** count / total per bin, an empty bin given EMPTY_BIN_SHARE. */
export function sharesWithFloor(counts: readonly number[], total: number): number[] {
  return counts.map((count) => (count === 0 ? EMPTY_BIN_SHARE : count / total));
}
