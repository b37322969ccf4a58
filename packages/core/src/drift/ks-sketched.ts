// The KS p-value of a D computed from sketches. D is then only known within the sketches' rank
// errors, and exact mode's kstwo.sf(D, n) costs a second or more at n = 10^6 for D between about
// 1.5/sqrt(n) and 19/sqrt(n) (one-sided Smirnov's finite sum has ~n terms), which is where a
// sketched D of undrifted data lands. So above n = 100,000 the p-value comes from the expansions
// scipy itself uses around that branch: 1 - Pelz-Good while that is at least 1e-6 (it agrees with
// kstwo.sf to 1e-6 relative there), else twice scipy's large-n closed form of the one-sided tail,
// exp(-(6nx + 1)^2 / 18n) (a few percent off at p = 1e-6, closer below). Smaller n: kstwo.sf.

import { pelzGoodCdf } from './kolmogorov-pelz-good.ts';
import { kstwoSf } from './kstwo.ts';
import { ksAsymptoticPValue } from './ks.ts';
import { roundHalfEven } from './rounding.ts';

/** Above this effective n the p-value of a sketched D is not computed by the finite sums. */
const SKETCHED_KS_EXPANSION_N = 100_000;

/** kstwo's n for two samples: round(n1 n2 / (n1 + n2)), half to even as scipy rounds. */
function effectiveN(n1: number, n2: number): number {
  const m = Math.max(n1, n2);
  const k = Math.min(n1, n2);
  return roundHalfEven((m * k) / (m + k));
}

/** Whether a sketched D of these sample sizes gets its p-value from the large-n expansions (for D strictly between 0 and 0.5). */
export function usesKsExpansions(n1: number, n2: number): boolean {
  return effectiveN(n1, n2) > SKETCHED_KS_EXPANSION_N;
}

/** Pr(D >= d) for two samples of n1 and n2 values, d computed from sketches. */
export function sketchedKsPValue(d: number, n1: number, n2: number): number {
  const n = effectiveN(n1, n2);
  if (n <= SKETCHED_KS_EXPANSION_N || d <= 0 || d >= 0.5) return ksAsymptoticPValue(d, n1, n2);
  const nxSquared = n * d * d;
  // kstwo.sf's own branches where they are cheap: 1 - Pelz-Good for small D, 0 far out.
  if (nxSquared < 2.2 || nxSquared >= 370) return kstwoSf(d, n);
  const expansion = 1 - pelzGoodCdf(n, d);
  if (expansion >= 1e-6) return Math.min(expansion, 1);
  return Math.min(1, 2 * Math.exp(-((6 * n * d + 1) ** 2) / 18 / n));
}
