// Statistics from profiles against exact mode's on the same 1M-row samples: for KS, W1, PSI and
// JS on several shapes (drifted and not), the sketched statistic is within the bound its entry
// states (sketch_error.statistic) of the exact one, and the exact p-value within the stated range.
import { ColumnProfile, DEFAULT_PROFILE_SETTINGS, type DriftColumn, PreparedColumn, SketchedColumn, sortFloat64, testColumn } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '@modelgate/test-utils';

const ROWS = 1_000_000;

type Shape = (next: () => number, shifted: boolean) => number;

const normal = (next: () => number) => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

/** Continuous, heavy-tailed, many ties (two decimals), and a small drift the exact KS just sees. */
const shapes: Record<string, Shape> = {
  normal: (next, shifted) => normal(next) + (shifted ? 0.05 : 0),
  lognormal: (next) => Math.exp(3 + normal(next)),
  rounded: (next, shifted) => Math.round((-(shifted ? 12 : 10) * Math.log(1 - next())) * 100) / 100,
  uniform: (next, shifted) => (shifted && next() < 0.01 ? 0.5 : next()),
};

function sample(shape: Shape, seed: number, shifted: boolean): Float64Array {
  const next = random(seed);
  return Float64Array.from({ length: ROWS }, () => shape(next, shifted));
}

function profileOf(name: string, values: Float64Array): ColumnProfile {
  const profile = new ColumnProfile(name, DEFAULT_PROFILE_SETTINGS);
  for (let at = 0; at < values.length; at += 4096) {
    const batch = values.subarray(at, at + 4096);
    profile.addNumbers(batch, batch.length);
  }
  return profile;
}

const METHODS = ['ks', 'wasserstein', 'psi', 'js'] as const;

describe('statistics from profiles, 1M rows a side', () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(`${name}: KS, W1, PSI and JS within their stated bounds of exact mode's`, () => {
      const reference = sample(shape, 1, false);
      const current = sample(shape, 2, true);
      const sketched = new SketchedColumn(name, profileOf(name, reference), profileOf(name, current));
      sortFloat64(reference);
      sortFloat64(current);
      const exact = new PreparedColumn({ name, reference: { kind: 'numeric', sorted: reference, nulls: 0, nan: 0, infinite: 0 }, current: { kind: 'numeric', sorted: current, nulls: 0, nan: 0, infinite: 0 } });
      for (const method of METHODS) {
        const truth = testColumn(exact, { method });
        const estimate: DriftColumn = testColumn(sketched, { method });
        expect(estimate.status, `${name} ${method}`).toBe('tested');
        const bound = estimate.sketch_error!.statistic!;
        expect(bound, `${name} ${method}: a sketch, so a positive bound`).toBeGreaterThan(0);
        expect(Math.abs(estimate.statistic! - truth.statistic!), `${name} ${method}: ${estimate.statistic} vs exact ${truth.statistic}, bound ${bound}`).toBeLessThanOrEqual(bound);
        if (method === 'ks') {
          expect(bound).toBeCloseTo(2 * estimate.sketch_error!.reference_rank_error, 12);
          const [low, high] = estimate.sketch_error!.p_value_range!;
          expect(truth.p_value!).toBeGreaterThanOrEqual(low);
          expect(truth.p_value!).toBeLessThanOrEqual(high);
        }
      }
    });
  }
});
