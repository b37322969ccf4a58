// Pr(D_n <= d) for the two-sided one-sample Kolmogorov-Smirnov statistic by Durbin's matrix
// (Durbin 1968) as Marsaglia, Tsang & Wang compute it ("Evaluating Kolmogorov's distribution",
// J. Stat. Software 8(18), 2003): with d = (k - h)/n, the k-th diagonal entry of H^n times n!/n^n,
// H of order 2k - 1, powers by repeated squaring with a separate binary exponent. scipy uses it
// (`_kolmogn_DMTW`) for small n d^2.

import { scalePower } from './double-double.ts';

const SCALE_EXPONENT = 128;
const BIG = 2 ** SCALE_EXPONENT;
const SMALL = 2 ** -SCALE_EXPONENT;

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < m; p++) {
      const aip = a[i * m + p]!;
      if (aip === 0) continue;
      const rowB = p * m;
      const rowOut = i * m;
      for (let j = 0; j < m; j++) out[rowOut + j]! += aip * b[rowB + j]!;
    }
  }
  return out;
}

/** Pr(D_n <= d), Durbin's matrix method. */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // First column v (v[j] = (1 - h^(j+1)) / (j+1)!, the last entry corrected) and the
  // 1/(i-j+1)! band; the last row is v reversed.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - Math.pow(h, j);
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1]! *= factorial;
  }
  const tail = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tail) * factorial;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  for (let left = n; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    if (left === 1) break;
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > BIG) {
      for (let i = 0; i < H.length; i++) H[i]! /= BIG;
      hExponent += SCALE_EXPONENT;
    }
  }
  let p = power[(k - 1) * m + (k - 1)]!;
  // Times n!/n^n, one factor at a time, rescaling before it underflows.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SMALL) {
      p *= BIG;
      exponent -= SCALE_EXPONENT;
    }
  }
  if (exponent !== 0) p = scalePower(p, exponent);
  return Math.min(Math.max(p, 0), 1);
}
