// Pearson's chi-square goodness-of-fit test of the current counts against the reference shares:
// expected_i = share_i x current total, statistic sum (observed - expected)^2 / expected over the
// categories of either sample, p = chi2.sf(statistic, k - 1). A category the reference never saw
// enters with the share 0.0001 (it would otherwise make the statistic infinite); the expected
// counts are not renormalised, so they then sum to slightly more than the current total.

import { EMPTY_BIN_SHARE } from './binning.ts';
import { chiSquareSf } from './chi-square-sf.ts';
import { numpySum } from './numpy-sum.ts';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  df: number;
}

/** Counts per category, the same categories in the same order on both sides (k >= 2). */
export function chiSquareTest(referenceCounts: readonly number[], currentCounts: readonly number[]): ChiSquareResult {
  const k = referenceCounts.length;
  if (k < 2) throw new RangeError('chiSquareTest needs at least two categories');
  const referenceTotal = numpySum(referenceCounts);
  const currentTotal = numpySum(currentCounts);
  const terms = referenceCounts.map((count, i) => {
    const expected = (count === 0 ? EMPTY_BIN_SHARE : count / referenceTotal) * currentTotal;
    const d = currentCounts[i]! - expected;
    return (d * d) / expected;
  });
  const statistic = numpySum(terms);
  return { statistic, pValue: chiSquareSf(statistic, k - 1), df: k - 1 };
}
