// A numeric distribution as a step function of weighted values: a profile's exact counts, or the
// items of its KLL sketch. The drift statistics of exact mode, computed on these steps instead of
// the sorted values: with exact counts they are the same numbers (up to float rounding in sums),
// from a sketch they are within its rank error.

import type { NumberDistribution } from '../profile/column-profile.ts';
import { linearQuantile } from './binning.ts';
import { KS_EXACT_MAX_N } from './ks.ts';
import { NumpySumStream } from './numpy-sum.ts';
import { countAtMost } from './sort.ts';

export class StepDistribution {
  /** Ascending, each once. */
  readonly values: Float64Array;
  /** Weight of the values up to and including index i. */
  readonly cumulative: Float64Array;
  /** The number of values it stands for. */
  readonly count: number;
  /** Whether the weights are exact counts. */
  readonly exact: boolean;
  /** Largest error of `cdf` anywhere, as a share of the count (99% confidence; 0 when exact). */
  readonly rankError: number;

  constructor(distribution: NumberDistribution) {
    const { values, weights } = distribution;
    // A sketch may hold a value several times: one step per value.
    const distinct: number[] = [];
    const cumulative: number[] = [];
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      total += weights[i]!;
      if (i > 0 && values[i] === values[i - 1]) cumulative[cumulative.length - 1] = total;
      else {
        distinct.push(values[i]!);
        cumulative.push(total);
      }
    }
    this.values = Float64Array.from(distinct);
    this.cumulative = Float64Array.from(cumulative);
    this.count = distribution.count;
    this.exact = distribution.exact;
    this.rankError = distribution.rankError;
  }

  get min(): number {
    return this.values[0]!;
  }

  get max(): number {
    return this.values[this.values.length - 1]!;
  }

  /** Weight of the values <= x. */
  atMost(x: number): number {
    const below = countAtMost(this.values, x);
    return below === 0 ? 0 : this.cumulative[below - 1]!;
  }

  /** The value at 0-based position `index` of the sorted values (exact counts only). */
  orderStatistic(index: number): number {
    let low = 0;
    let high = this.values.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! > index) high = mid;
      else low = mid + 1;
    }
    return this.values[low]!;
  }

  /**
   * The q-quantile: numpy's default linear interpolation (binning.ts's linearQuantile) from
   * exact counts; from a sketch, the smallest value whose cumulative weight reaches q of the count
   * (the sketch's own quantile), the min and max at 0 and 1.
   */
  quantile(q: number): number {
    if (this.exact) return linearQuantile(this.count, q, (index) => this.orderStatistic(index));
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const target = q * this.count;
    for (let i = 0; i < this.values.length; i++) if (this.cumulative[i]! >= target) return this.values[i]!;
    return this.max;
  }

  /** Every value as often as it was counted, ascending (exact counts of a small sample only). */
  expand(): Float64Array {
    if (!this.exact || this.count > KS_EXACT_MAX_N) throw new RangeError('only small exact distributions are expanded');
    const out = new Float64Array(this.count);
    let at = 0;
    this.values.forEach((value, i) => {
      const until = this.cumulative[i]!;
      while (at < until) out[at++] = value;
    });
    return out;
  }
}

/**
 * KS D (the largest gap between the two CDFs) and W1 (the integral of the gap) in one walk over
 * the steps of both; W1's terms summed in numpy's pairwise order.
 */
export function stepKsAndWasserstein(a: StepDistribution, b: StepDistribution): { d: number; w1: number } {
  const sum = new NumpySumStream();
  let i = 0;
  let j = 0;
  let largest = 0;
  let smallest = 0;
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    const v = j >= nb || (i < na && a.values[i]! <= b.values[j]!) ? a.values[i]! : b.values[j]!;
    if (i < na && a.values[i] === v) i++;
    if (j < nb && b.values[j] === v) j++;
    const diff = (i === 0 ? 0 : a.cumulative[i - 1]!) / a.count - (j === 0 ? 0 : b.cumulative[j - 1]!) / b.count;
    if (diff > largest) largest = diff;
    else if (diff < smallest) smallest = diff;
    if (i < na || j < nb) {
      const next = j >= nb || (i < na && a.values[i]! <= b.values[j]!) ? a.values[i]! : b.values[j]!;
      sum.add(Math.abs(diff) * (next - v));
    }
  }
  const below = Math.min(Math.max(-smallest, 0), 1);
  return { d: below > largest ? below : largest, w1: sum.total() };
}
