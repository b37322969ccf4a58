// Two-sample Kolmogorov-Smirnov test, two-sided, with scipy.stats.ks_2samp's method='auto':
// D = max |F1 - F2| over the pooled sample; the exact p-value when max(n1, n2) <= 10,000,
// otherwise kstwo.sf(D, round(n1 n2 / (n1 + n2))). As in scipy, an exact computation whose result
// rounds outside [0, 1] (it happens for n1 = n2 with D = 1/n or 2/n, e.g. two samples of 5 with
// D = 0.2) falls back to the asymptotic p-value, with D taken as h / lcm(n1, n2).

import { probabilityOutsideBand, probabilityOutsideSquare } from './ks-exact.ts';
import { kstwoSf } from './kstwo.ts';
import { gcd, roundHalfEven } from './rounding.ts';

/** Above this sample size (the larger of the two) the p-value is asymptotic. */
export const KS_EXACT_MAX_N = 10_000;

export type KsMode = 'exact' | 'asymptotic' | 'asymptotic after exact failed';

export interface KsResult {
  statistic: number;
  pValue: number;
  mode: KsMode;
}

/** D of two ascending samples: the largest gap between their empirical CDFs (right-continuous). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let largest = 0;
  let smallest = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > largest) largest = diff;
    else if (diff < smallest) smallest = diff;
  }
  const below = Math.min(Math.max(-smallest, 0), 1);
  return below > largest ? below : largest;
}

/** scipy.stats.ks_2samp(a, b) (two-sided, method 'auto') of two ascending, non-empty samples. */
export function ksTwoSample(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksTwoSample needs two non-empty samples');
  let d = ksStatistic(a, b);
  let mode: KsMode = 'asymptotic';
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, mode: 'exact' };
    const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: d, pValue: p, mode: 'exact' };
    mode = 'asymptotic after exact failed';
  }
  return { statistic: d, pValue: ksAsymptoticPValue(d, n1, n2), mode };
}

/** scipy's asymptotic two-sample p-value: kstwo.sf(D, round(n1 n2 / (n1 + n2))), clipped to [0, 1]. */
export function ksAsymptoticPValue(d: number, n1: number, n2: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const p = kstwoSf(d, roundHalfEven((m * n) / (m + n)));
  return Math.min(Math.max(p, 0), 1);
}
