// actions/evaluate with base-predictions: the paired comparison the train-evaluate template relies on,
// run from the bundle as the runner does, equal to `modelgate compare` on the same files.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonOutputSchema } from '@modelgate/core';
import { runAction, testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');

function workspace(): string {
  const dir = testdir();
  mkdirSync(join(dir, 'baseline'));
  copyFileSync(join(fixtures, 'paired_base.csv'), join(dir, 'baseline', 'predictions.csv'));
  copyFileSync(join(fixtures, 'paired_head.csv'), join(dir, 'predictions.csv'));
  return dir;
}

const columns = { task: 'binary', 'label-column': 'label', 'score-column': 'score', bootstrap: 200, seed: 7 };

describe('actions/evaluate with base-predictions', () => {
  it('writes the paired comparison modelgate compare writes, and names it in comparison-path', async () => {
    const dir = workspace();
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'predictions.csv', ...columns, 'base-predictions': 'baseline/predictions.csv', 'id-column': 'id', output: 'metrics.json' } });
    expect(result.exitCode).toBe(0);
    const path = join(dir, '.modelgate/comparison.json');
    expect(result.outputs['comparison-path']).toBe(path);
    expect(result.outputs['metrics-path']).toBe(join(dir, 'metrics.json'));
    const output = comparisonOutputSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    expect(output).toMatchObject({ rows: 1500, id_column: 'id', bootstrap: { n: 200, seed: 7 } });
    expect(result.summary).toContain('Paired comparison with baseline/predictions.csv');
    expect(result.summary).toMatch(/\| roc\\_auc \| 0\.\d{4} \| 0\.\d{4} \|/);

    // The CLI reads predictions relative to the process's directory: give absolute paths.
    const args = ['compare', '--base-predictions', join(dir, 'baseline/predictions.csv'), '--head-predictions', join(dir, 'predictions.csv'), '--id-column', 'id', '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--bootstrap', '200', '--seed', '7', '--workers', '1', '--output', 'cli.json'];
    const { code, err } = await runCli(args, dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(dir, 'cli.json'), 'utf8'));
  });

  it('sets an empty comparison-path without base-predictions', async () => {
    const dir = workspace();
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'predictions.csv', ...columns, output: 'metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['comparison-path']).toBe('');
  });

  it('fails with one line when id-column is missing', async () => {
    const dir = workspace();
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'predictions.csv', ...columns, 'base-predictions': 'baseline/predictions.csv' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toEqual(['base-predictions needs id-column: the two files are joined row by row on it']);
  });
});
