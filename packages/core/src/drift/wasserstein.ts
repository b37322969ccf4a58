// First Wasserstein distance W1 = integral |F - G| of two samples (scipy.stats.wasserstein_distance,
// unweighted), and W1 in units of the reference's standard deviation as Evidently normalises it.

import { NumpySumStream, numpySum } from './numpy-sum.ts';

/** The floor under the reference's standard deviation when normalising (Evidently's). */
export const STD_FLOOR = 0.001;

/**
 * W1 of two ascending, non-empty samples. Walks the pooled sample once and sums
 * |F(x_k) - G(x_k)| (x_{k+1} - x_k) over its n1 + n2 - 1 gaps, ties included as zero-width gaps,
 * in numpy's summation order, so the result equals scipy's bit for bit.
 */
export function wasserstein1(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('wasserstein1 needs two non-empty samples');
  const sum = new NumpySumStream();
  let i = 0;
  let j = 0;
  const total = n1 + n2;
  let seen = 0;
  while (seen < total) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    const start = seen;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    seen = i + j;
    // Every tied copy of v but the last faces a gap of zero.
    for (let k = start; k < seen - 1; k++) sum.add(0);
    if (seen < total) {
      const next = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
      sum.add(Math.abs(i / n1 - j / n2) * (next - v));
    }
  }
  return sum.total();
}

/** numpy.std(values) (ddof = 0), two passes. */
export function standardDeviation(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const mean = numpySum(values) / n;
  const squares = new NumpySumStream();
  for (let k = 0; k < n; k++) {
    const d = values[k]! - mean;
    squares.add(d * d);
  }
  return Math.sqrt(squares.total() / n);
}

/** W1 divided by max(std(reference), 0.001). */
export function normalisedWasserstein(reference: Float64Array, current: Float64Array, referenceStd = standardDeviation(reference)): number {
  return normaliseByStd(wasserstein1(reference, current), referenceStd);
}

/**
 * W1 over the reference's std (floored at STD_FLOOR). NaN when the std overflowed a double (values
 * around 1e306 and beyond): numpy's inf would make any shift look like 0, so the column is reported
 * not tested instead.
 */
export function normaliseByStd(w1: number, referenceStd: number): number {
  return Number.isFinite(referenceStd) ? w1 / Math.max(referenceStd, STD_FLOOR) : NaN;
}
