import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '@modelgate/cli';
import { evaluationOutputSchema } from '@modelgate/core';
import { runAction, testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8'));

function workspace(file: string): string {
  const dir = testdir();
  copyFileSync(join(fixtures, file), join(dir, file));
  return dir;
}

describe('actions/evaluate (bundled, run as the runner does)', () => {
  it('writes the metrics file, sets outputs and a job summary with intervals', async () => {
    const dir = workspace('multiclass_proba.csv');
    const result = await runAction('evaluate', {
      workspace: dir,
      inputs: { predictions: 'multiclass_proba.csv', task: 'multiclass', 'label-column': 'animal', 'prediction-column': 'pred', 'proba-prefix': 'p_', bootstrap: 50, seed: 7 },
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const path = join(dir, '.modelgate/metrics.json');
    expect(result.outputs['metrics-path']).toBe(path);
    const output = evaluationOutputSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    expect(JSON.parse(result.outputs.metrics!)).toEqual(output.metrics);
    expect(JSON.parse(result.outputs.intervals!)).toEqual(output.intervals);
    expect(result.outputs.rows).toBe('500');
    expect(output.metrics.f1_macro).toBeCloseTo(expected.cases.multiclass_proba.metrics.f1_macro, 12);
    expect(result.summary).toMatch(/\| f1_macro \| 0\.6699 \| \[0\.\d{4}, 0\.\d{4}\] \|/);
    expect(result.summary).toContain('95% percentile bootstrap, 50 resamples, seed 7');
  });

  it('matches the CLI output: its worker threads run the bundle itself', async () => {
    const dir = workspace('binary_ties.csv');
    const inputs = { predictions: 'binary_ties.csv', task: 'binary', 'label-column': 'label', 'score-column': 'score', 'slice-by': 'region', bootstrap: 64, seed: 5, output: 'action.json' };
    const result = await runAction('evaluate', { workspace: dir, inputs });
    expect(result.exitCode).toBe(0);
    let err = '';
    const code = await main(['evaluate', '--predictions', join(dir, 'binary_ties.csv'), '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--slice-by', 'region', '--bootstrap', '64', '--seed', '5', '--workers', '1', '--output', 'cli.json'], { out: () => {}, err: (t) => (err += t), isTty: false, env: {}, cwd: dir });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'action.json'), 'utf8')).toBe(readFileSync(join(dir, 'cli.json'), 'utf8'));
  });

  it('turns zero-division notes into warning annotations', async () => {
    const dir = workspace('binary_zero_division.csv');
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'binary_zero_division.csv', task: 'binary', 'label-column': 'label', 'score-column': 'score', output: 'm.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.map((a) => `${a.level}: ${a.message}`)).toContain('warning: precision: no predicted positives; set to 0.0 (scikit-learn zero_division default)');
  });

  it('fails the step with one line for bad input', async () => {
    const dir = workspace('binary_ties.csv');
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'binary_ties.csv', task: 'binary', 'label-column': 'target', 'score-column': 'score' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toHaveLength(1);
    expect(result.annotations[0]).toMatchObject({ level: 'error' });
    expect(result.annotations[0]!.message).toMatch(/binary_ties\.csv: no column "target"; columns: id, label, score, region, count$/);
  });

  it('names the input when a number is malformed', async () => {
    const dir = workspace('binary_ties.csv');
    const result = await runAction('evaluate', { workspace: dir, inputs: { predictions: 'binary_ties.csv', task: 'binary', 'label-column': 'label', 'score-column': 'score', bootstrap: 'many' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]!.message).toBe('input "bootstrap": expected an integer, got "many"');
  });
});
