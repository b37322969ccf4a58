// Survival function of the chi-square distribution with an integer number of degrees of freedom:
// Q(k/2, x/2), the regularized upper incomplete gamma function, which for integer k is a finite
// sum of positive terms (A&S 26.4.4 and 26.4.5; Poisson terms for even k):
//   k even: Q = sum_{i=0}^{k/2-1}  e^{-l} l^i / i!                          (l = x/2)
//   k odd:  Q = erfc(sqrt l) + sum_{i=1}^{(k-1)/2} e^{-l} l^{i-1/2} / Gamma(i + 1/2)
// Every term is e^{-l} l^v / Gamma(v + 1) for v = i or i - 1/2, and consecutive terms differ by the
// factor l / (v + 1). The sum starts at the largest term (v nearest l) and runs both ways until
// the terms no longer change it, so nothing cancels and nothing underflows before it matters.
// The largest term comes from Stirling's series: log(e^{-l} l^v / v!) =
// v (log1p(u) - u) - log(2 pi v)/2 - (1/(12v) - 1/(360v^3) + ...), u = (l - v)/v.

import { erfc } from './normal.ts';

/** log1p(u) - u without cancellation for small u (its Taylor series below |u| = 0.5). */
function log1pMinus(u: number): number {
  if (Math.abs(u) >= 0.5) return Math.log1p(u) - u;
  let power = -u * u;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    const term = power / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    power *= -u;
  }
  return sum;
}

/** log(Gamma(v + 1)) for v = 0, 1/2, 1, 3/2, ... below 10, from Gamma(1) = 1 and Gamma(3/2) = sqrt(pi)/2. */
function logGammaSmall(v: number): number {
  let g = Number.isInteger(v) ? 1 : Math.sqrt(Math.PI) / 2;
  for (let w = Number.isInteger(v) ? 1 : 1.5; w <= v; w++) g *= w;
  return Math.log(g);
}

/** e^{-l} l^v / Gamma(v + 1) for v a non-negative integer or half-integer, l > 0. */
function poissonTerm(l: number, v: number): number {
  if (v < 10) return Math.exp(-l + v * Math.log(l) - logGammaSmall(v));
  const v2 = v * v;
  const stirling = (1 / v) * (1 / 12 - (1 / v2) * (1 / 360 - (1 / v2) * (1 / 1260 - (1 / v2) * (1 / 1680 - (1 / v2) * (1 / 1188 - (1 / v2) * (691 / 360360 - (1 / v2) / 156))))));
  return Math.exp(v * log1pMinus((l - v) / v) - 0.5 * Math.log(2 * Math.PI * v) - stirling);
}

/** Pr(X >= x) for X chi-square with `df` (a positive integer) degrees of freedom: scipy.stats.chi2.sf. */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !Number.isInteger(df) || df < 1) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const l = x / 2;
  const odd = df % 2 === 1;
  // The terms' orders v run from `first` to `last` in steps of 1.
  const first = odd ? 0.5 : 0;
  const last = df / 2 - 1;
  let sum = odd ? erfc(Math.sqrt(l)) : 0;
  if (last < first) return Math.min(sum, 1);
  const start = Math.min(Math.max(first + Math.round(l - first), first), last);
  const peak = poissonTerm(l, start);
  let terms = peak;
  // Down: term(v - 1) = term(v) v / l.
  let term = peak;
  for (let v = start; v > first; v--) {
    term *= v / l;
    terms += term;
    if (term < 1e-17 * terms) break;
  }
  // Up: term(v + 1) = term(v) l / (v + 1).
  term = peak;
  for (let v = start; v < last; v++) {
    term *= l / (v + 1);
    terms += term;
    if (term < 1e-17 * terms) break;
  }
  sum += terms;
  return Math.min(sum, 1);
}
