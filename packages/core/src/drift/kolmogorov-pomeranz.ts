// Pr(D_n <= d) by Pomeranz's recursion (J. Pomeranz, "Exact cumulative distribution of the
// Kolmogorov-Smirnov statistic for small samples", CACM 17(12), 1974, Algorithm 487), in the form
// Simard & L'Ecuyer describe ("Computing the two-sided Kolmogorov-Smirnov distribution", J. Stat.
// Software 39(11), 2011) and scipy's `_kolmogn_Pomeranz` uses: 2n + 1 rows, each the convolution
// of the previous row's few non-zero entries with truncated Poisson weights, rescaled by 2^128
// when they get small.

import { scalePower } from './double-double.ts';

const SCALE_EXPONENT = 128;
const BIG = 2 ** SCALE_EXPONENT;
const SMALL = 2 ** -SCALE_EXPONENT;

/** The columns [j1, j2] of row i that can be non-zero. */
function rowBounds(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x), Pomeranz's recursion. */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!: Poisson weights without their normalising factor.
  const gPower = new Float64Array(size);
  const twoGPower = new Float64Array(size);
  const oneMinusTwoGPower = new Float64Array(size);
  gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1;
  const gn = g / n;
  const twoGn = (2 * g) / n;
  const oneMinusTwoGn = (1 - 2 * g) / n;
  for (let m = 1; m < size; m++) {
    gPower[m] = (gPower[m - 1]! * gn) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGn) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGn) / m;
  }
  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1, j2] = rowBounds(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = rowBounds(i, n, ll, ceilF, roundF);
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      // Entries [k1, k1 + length) of the previous row, convolved with weights[0, length);
      // keep the convolution's entries [j1 - k1, j2 - k1].
      const from = k1 - previousStart;
      const aLength = Math.min(length, size - from);
      const bLength = Math.min(length, size);
      const first = j1 - k1;
      const count = j2 - j1 + 1;
      let largest = 0;
      for (let c = 0; c < count; c++) {
        const at = first + c;
        let sum = 0;
        for (let a = Math.max(0, at - bLength + 1); a <= Math.min(at, aLength - 1); a++) sum += previous[from + a]! * weights[at - a]!;
        current[c] = sum;
        if (sum > largest) largest = sum;
      }
      if (largest > 0 && largest < SMALL) {
        for (let c = 0; c < count; c++) current[c]! *= BIG;
        exponent -= SCALE_EXPONENT;
      }
      currentStart = previousStart + j1 - k1;
    }
  }
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > BIG) {
      answer *= SMALL;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  if (exponent !== 0) answer = scalePower(answer, exponent);
  return Math.min(Math.max(answer, 0), 1);
}
