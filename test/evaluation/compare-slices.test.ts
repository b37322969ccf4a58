// compare --slice-by: each slice's paired deltas, named metric[column=value].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparePredictionFiles } from '@modelgate/data';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');

/** The paired fixture files with a `plan` column (a function of the id), optionally filtered to one plan. */
function withPlans(file: string, only?: string, change?: (id: string) => string | undefined): string {
  const [header, ...lines] = readFileSync(join(fixtures, file), 'utf8').trim().split('\n');
  const idAt = header!.split(',').indexOf('id');
  const plan = (id: string) => change?.(id) ?? ['free', 'pro', 'team'][Number(id.replace(/\D/g, '')) % 3]!;
  const rows = lines.map((line) => `${line},${plan(line.split(',')[idAt]!)}`).filter((line) => only === undefined || line.endsWith(`,${only}`));
  return `${header},plan\n${rows.join('\n')}\n`;
}

const spec = { idColumn: 'id', task: 'binary', labelColumn: 'label', scoreColumn: 'score', threshold: 0.5, seed: 3 } as const;

/** The files, in a directory removed after the test. */
function files(): string {
  return testdir({
    'base.csv': withPlans('paired_base.csv'),
    'head.csv': withPlans('paired_head.csv'),
    'base-pro.csv': withPlans('paired_base.csv', 'pro'),
    'head-pro.csv': withPlans('paired_head.csv', 'pro'),
    'head-moved.csv': withPlans('paired_head.csv', undefined, (id) => (id.endsWith('7') ? 'enterprise' : undefined)),
  });
}

describe('compare --slice-by', () => {
  it('gives each slice the point deltas of comparing its rows alone, and the same result on any number of threads', async () => {
    const dir = files();
    const sliced = await comparePredictionFiles({ ...spec, base: join(dir, 'base.csv'), head: join(dir, 'head.csv'), sliceBy: 'plan', bootstrap: 200, workers: 1 });
    const proOnly = await comparePredictionFiles({ ...spec, base: join(dir, 'base-pro.csv'), head: join(dir, 'head-pro.csv'), bootstrap: 200, workers: 1 });
    expect(sliced.slice_by).toBe('plan');
    expect(Object.keys(sliced.slices!).sort()).toEqual(['free', 'pro', 'team']);
    expect(sliced.slices!.pro!.rows).toBe(proOnly.rows);
    for (const [metric, delta] of Object.entries(proOnly.deltas)) {
      expect(Math.abs(sliced.deltas[`${metric}[plan=pro]`]!.delta! - delta.delta!), metric).toBeLessThan(1e-12);
      expect(sliced.slices!.pro!.head.metrics[metric]).toBeCloseTo(proOnly.head.metrics[metric]!, 12);
    }
    // The overall deltas are those of comparing without slices.
    const whole = await comparePredictionFiles({ ...spec, base: join(dir, 'base.csv'), head: join(dir, 'head.csv'), bootstrap: 200, workers: 1 });
    for (const [metric, delta] of Object.entries(whole.deltas)) expect(sliced.deltas[metric]).toEqual(delta);
    const threaded = await comparePredictionFiles({ ...spec, base: join(dir, 'base.csv'), head: join(dir, 'head.csv'), sliceBy: 'plan', bootstrap: 200, workers: 2 });
    expect(threaded).toEqual(sliced);
  });

  it('refuses files that put the same id in different slices', async () => {
    const dir = files();
    await expect(comparePredictionFiles({ ...spec, base: join(dir, 'base.csv'), head: join(dir, 'head-moved.csv'), sliceBy: 'plan', bootstrap: 20, workers: 1 })).rejects.toThrow(
      /base\.csv and .*head-moved\.csv disagree on plan for id "[^"]*7": "(free|pro|team)" vs "enterprise"/,
    );
  });

  it('keeps a slice whose value is __proto__ as a slice like any other', async () => {
    const dir = testdir({
      'base.csv': withPlans('paired_base.csv', undefined, (id) => (id.endsWith('1') ? '__proto__' : 'other')),
      'head.csv': withPlans('paired_head.csv', undefined, (id) => (id.endsWith('1') ? '__proto__' : 'other')),
    });
    const output = await comparePredictionFiles({ ...spec, base: join(dir, 'base.csv'), head: join(dir, 'head.csv'), sliceBy: 'plan', bootstrap: 20, workers: 1 });
    expect(Object.keys(output.slices!).sort()).toEqual(['__proto__', 'other']);
    expect(JSON.parse(JSON.stringify(output)).slices.__proto__.rows).toBe(150);
  });
});

