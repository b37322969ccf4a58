// Two-proportion z-test with the pooled proportion: z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)),
// P = (x1 + x2) / (n1 + n2), two-sided p = 2 sf(|z|). The statistic reported is |z|.

import { normalSf } from './normal.ts';

export interface ZTestResult {
  statistic: number;
  pValue: number;
}

/** x1 of n1 reference values and x2 of n2 current values fall in the tested category; P must be in (0, 1). */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  const pooled = (x1 + x2) / (n1 + n2);
  if (!(pooled > 0 && pooled < 1)) throw new RangeError('twoProportionZTest needs a pooled proportion strictly between 0 and 1');
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const statistic = Math.abs(z);
  return { statistic, pValue: Math.min(2 * normalSf(statistic), 1) };
}
