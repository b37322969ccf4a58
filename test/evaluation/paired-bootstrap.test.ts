// compare's paired bootstrap against an independent numpy implementation (10,000 resamples in
// test/fixtures/sklearn/generate.py): point deltas exactly, intervals within Monte Carlo error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePredictionFiles } from '@modelgate/data';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');
const reference = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')).paired as {
  rows: number;
  metrics: Record<string, { delta: number; interval: [number, number]; head_better_share: number }>;
};

describe('paired bootstrap matches a numpy reference', () => {
  it('on two models joined by id', async () => {
    const output = await comparePredictionFiles({
      base: join(fixtures, 'paired_base.csv'),
      head: join(fixtures, 'paired_head.csv'),
      idColumn: 'id',
      task: 'binary',
      labelColumn: 'label',
      scoreColumn: 'score',
      threshold: 0.5,
      bootstrap: 2000,
      seed: 11,
      workers: 1,
    });
    expect(output.rows).toBe(reference.rows);
    for (const [name, want] of Object.entries(reference.metrics)) {
      const got = output.deltas[name]!;
      expect(Math.abs(got.delta! - want.delta), `${name} delta`).toBeLessThan(1e-9);
      // The 2.5% and 97.5% quantiles of 2,000 resamples sit within a few thousandths of 10,000's.
      expect(Math.abs(got.interval![0] - want.interval[0]), `${name} lower`).toBeLessThan(0.004);
      expect(Math.abs(got.interval![1] - want.interval[1]), `${name} upper`).toBeLessThan(0.004);
      expect(Math.abs(got.head_better_share! - want.head_better_share), `${name} share`).toBeLessThan(0.01);
      expect(got.within_noise).toBe(false);
    }
  });
});
