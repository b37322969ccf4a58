// Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n for finite n:
// scipy.stats.kstwo.sf(x, n). The algorithm choice is Simard & L'Ecuyer's ("Computing the
// two-sided Kolmogorov-Smirnov distribution", J. Stat. Software 39(11), 2011) as scipy's `_kolmogn`
// makes it: Ruben-Gambino's closed forms at the ends, 2 * Smirnov's one-sided tail for large x
// (exact there), Durbin's matrix or Pomeranz's recursion for small n, Pelz-Good beyond.
// ks_2samp's asymptotic p-value is kstwoSf(D, round(n1 n2 / (n1 + n2))), never the limiting
// Kolmogorov law.

import { durbinCdf } from './kolmogorov-durbin.ts';
import { pelzGoodCdf } from './kolmogorov-pelz-good.ts';
import { pomeranzCdf } from './kolmogorov-pomeranz.ts';
import { smirnovSf } from './smirnov.ts';

const LOG_2PI = Math.log(2 * Math.PI);
/** B_2j / (2j (2j - 1)) for j = 8 down to 1: Stirling's series for log n!. */
const STIRLING = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** log(n! / n^n) by Stirling's series, with n log n taken out first so nothing cancels. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let series = 0;
  for (const c of STIRLING) series = series * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * series;
}

/** Pr(D_n >= x) for the two-sided statistic of a sample of n (n a positive integer). */
export function kstwoSf(x: number, n: number): number {
  if (Number.isNaN(x) || !Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben & Gambino (1982): Pr(D_n <= x) = n!/n^n (2t - 1)^n for 1/(2n) <= x <= 1/n.
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  // Ruben & Gambino: Pr(D_n >= x) = 2 (1 - x)^n for x >= 1 - 1/n.
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  // For x >= 1/2 the two one-sided events cannot both happen: exactly 2 * Smirnov.
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = nxSquared >= 18 ? 1 : n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
