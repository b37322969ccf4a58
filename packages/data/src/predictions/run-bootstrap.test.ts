import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignById } from './join-predictions.ts';
import { predictionData, readPredictions } from './load-predictions.ts';
import { runBootstrap } from './run-bootstrap.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'sklearn');
const spec = { task: 'binary' as const, labelColumn: 'label', scoreColumn: 'score', threshold: 0.5, idColumn: 'id' };

describe('runBootstrap', () => {
  it('gives identical paired tables on 1 or 2 worker threads, slices included', async () => {
    const base = await readPredictions(join(fixtures, 'paired_base.csv'), spec);
    const head = alignById(base, await readPredictions(join(fixtures, 'paired_head.csv'), spec), 'id');
    const datasets = [predictionData(base), predictionData(head)];
    const slices = { codes: Int32Array.from({ length: base.rows }, (_, i) => i % 3), count: 3 };
    const inProcess = await runBootstrap(datasets, { n: 40, seed: 9 }, { workers: 1, slices });
    const threaded = await runBootstrap(datasets, { n: 40, seed: 9 }, { workers: 2, slices });
    // Each model, then each slice of each model.
    expect(threaded).toHaveLength(2 + 3 * 2);
    expect(threaded).toEqual(inProcess);
    // Two models, two different tables.
    expect(threaded[0]).not.toEqual(threaded[1]);
  });
});
