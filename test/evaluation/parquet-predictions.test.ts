// The same predictions as Parquet (written by DuckDB, the reference writer) give scikit-learn's
// values too: the typed Parquet cells (doubles, int64 as bigint, strings) go through the same loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { evaluationReport } from '@modelgate/core';
import { loadPredictions } from '@modelgate/data';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8'));

async function toParquet(csv: string, dir: string): Promise<string> {
  const out = join(dir, csv.replace(/\.csv$/, '.parquet'));
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await db.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${join(fixtures, csv)}', header = true)) TO '${out}' (FORMAT parquet)`);
  connection.closeSync();
  return out;
}

function expectClose(actual: Record<string, number | null>, reference: Record<string, number | null>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(reference).sort());
  for (const [name, want] of Object.entries(reference)) {
    if (want === null) expect(actual[name], name).toBeNull();
    else expect(Math.abs(actual[name]! - want), name).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  }
}

describe('Parquet predictions', () => {
  it('multiclass with string labels and probability columns', async () => {
    const path = await toParquet('multiclass_proba.csv', testdir());
    const loaded = await loadPredictions(path, { task: 'multiclass', labelColumn: 'animal', predictionColumn: 'pred', probaPrefix: 'p_', threshold: 0.5 });
    expectClose(evaluationReport({ data: loaded.data }).metrics, expected.cases.multiclass_proba.metrics);
  });

  it('binary with int64 labels', async () => {
    const path = await toParquet('binary_ties.csv', testdir());
    const loaded = await loadPredictions(path, { task: 'binary', labelColumn: 'label', scoreColumn: 'score', threshold: 0.5 });
    const report = evaluationReport({ data: loaded.data });
    expectClose(report.metrics, expected.cases.binary_ties.metrics);
    expect(report.confusion_matrix).toEqual(expected.cases.binary_ties.confusion_matrix);
  });

  it('regression', async () => {
    const path = await toParquet('regression.csv', testdir());
    const loaded = await loadPredictions(path, { task: 'regression', labelColumn: 'target', predictionColumn: 'predicted', threshold: 0.5 });
    expectClose(evaluationReport({ data: loaded.data }).metrics, expected.cases.regression.metrics);
  });
});
