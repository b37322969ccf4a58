// Distances between two binned distributions (shares per bin, same bins on both sides).

import { numpySum } from './numpy-sum.ts';

/** Population stability index: sum (q_i - p_i) ln(q_i / p_i), p the reference shares, q the current. */
export function populationStabilityIndex(reference: readonly number[], current: readonly number[]): number {
  return numpySum(reference.map((p, i) => (current[i]! - p) * Math.log(current[i]! / p)));
}

/** scipy.special.rel_entr: x ln(x/y), 0 when x = 0, +inf when only y is 0. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * scipy.spatial.distance.jensenshannon(p, q) with natural logarithms: both vectors normalised to
 * sum 1, m their average, sqrt((KL(p||m) + KL(q||m)) / 2). A distance (the square root of the
 * divergence), between 0 and sqrt(ln 2) = 0.8326.
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const pSum = numpySum(p);
  const qSum = numpySum(q);
  const pn = p.map((v) => v / pSum);
  const qn = q.map((v) => v / qSum);
  const m = pn.map((v, i) => (v + qn[i]!) / 2);
  const left = numpySum(pn.map((v, i) => relativeEntropy(v, m[i]!)));
  const right = numpySum(qn.map((v, i) => relativeEntropy(v, m[i]!)));
  return Math.sqrt((left + right) / 2);
}

/** max |p_i - q_i| (TFDV's L-infinity distance). */
export function lInfinityDistance(p: readonly number[], q: readonly number[]): number {
  let largest = 0;
  for (let i = 0; i < p.length; i++) largest = Math.max(largest, Math.abs(p[i]! - q[i]!));
  return largest;
}
