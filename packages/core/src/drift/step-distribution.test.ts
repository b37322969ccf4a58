import { describe, expect, it } from 'vitest';
import { binCounts, decileEdges, quantileSorted } from './binning.ts';
import { kstwoSf } from './kstwo.ts';
import { ksStatistic } from './ks.ts';
import { sketchedKsPValue } from './ks-sketched.ts';
import { StepDistribution, stepKsAndWasserstein } from './step-distribution.ts';
import { wasserstein1 } from './wasserstein.ts';

/** A seeded sample with ties: integers, halves and a continuous part. */
function sample(n: number, seed: number): Float64Array {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Math.floor(next() * 10) : i % 3 === 1 ? Math.round(next() * 40) / 2 : next() * 25 - 5)).sort();
}

/** Exact counts of a sorted sample as a step distribution. */
function steps(sorted: Float64Array): StepDistribution {
  const values: number[] = [];
  const weights: number[] = [];
  for (const value of sorted) {
    if (values.at(-1) === value) weights[weights.length - 1]!++;
    else values.push(value), weights.push(1);
  }
  return new StepDistribution({ values: Float64Array.from(values), weights: Float64Array.from(weights), count: sorted.length, exact: true, rankError: 0 });
}

describe('statistics on step distributions', () => {
  it('equal exact mode\'s from exact counts: KS D, W1, numpy quantiles, decile bins', () => {
    for (const [n1, n2] of [[1, 1], [7, 300], [2000, 1500]] as const) {
      const a = sample(n1, n1);
      const b = sample(n2, n2 + 1);
      const [sa, sb] = [steps(a), steps(b)];
      const { d, w1 } = stepKsAndWasserstein(sa, sb);
      expect(d).toBe(ksStatistic(a, b));
      expect(w1).toBeCloseTo(wasserstein1(a, b), 12);
      for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1]) expect(sa.quantile(q)).toBe(quantileSorted(a, q));
      const edges = decileEdges(a);
      const viaSteps = edges.map((edge) => sb.atMost(edge)).concat(sb.count).map((v, i, all) => v - (i === 0 ? 0 : all[i - 1]!));
      expect(viaSteps).toEqual(binCounts(b, edges));
      expect(Array.from(sa.expand())).toEqual(Array.from(a));
    }
  });

  it('gives a sketched D the p-value of kstwo.sf within 1e-6 where it is at least 1e-6, fast beyond n = 100,000', () => {
    const n = 400_000;
    for (const d of [0.001, 0.0025, 0.004]) {
      const p = kstwoSf(d, n / 2);
      const q = sketchedKsPValue(d, n, n);
      expect(Math.abs(q - p) / p, `D = ${d}`).toBeLessThan(p >= 1e-6 ? 1e-6 : 0.05);
    }
    // Small samples: exactly kstwo.sf.
    expect(sketchedKsPValue(0.05, 5000, 4000)).toBe(kstwoSf(0.05, Math.round((5000 * 4000) / 9000)));
  });
});
