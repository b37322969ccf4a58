// `modelgate drift` end to end through the CLI entry: method choice, schema changes, untestable
// columns, exit codes, the config's drift: section, every input format, and scipy's numbers on a
// fixture (test/fixtures/scipy).
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type DriftColumn, type DriftReport, driftReportSchema } from '@modelgate/core';
import { readBoth, readSamples } from '@modelgate/data';
import { testdir, seededRandom as random } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../harness/cli.ts';

function report(dir: string, file = 'drift.json'): DriftReport {
  return driftReportSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

function entry(r: DriftReport, name: string, method?: string): DriftColumn {
  const found = r.columns.find((c) => c.name === name && (method === undefined || c.method === method));
  if (!found) throw new Error(`no entry for ${name} ${method ?? ''}`);
  return found;
}

type Row = Record<string, string | number | null>;

/**
 * Reference and current rows. age keeps its distribution; income moves by a full standard
 * deviation; plan and churned change shares; city gains two cities; constant is 1 everywhere;
 * empty has no value; old_col exists only in the reference and new_col only in the current data.
 */
function rows(side: 'reference' | 'current', n: number): Row[] {
  const next = random(side === 'reference' ? 11 : 12);
  const current = side === 'current';
  return Array.from({ length: n }, (_, i) => {
    const row: Row = {
      age: 20 + Math.floor(next() * 50),
      income: Math.round((current ? 60_000 : 50_000) + 10_000 * (next() + next() + next() - 1.5) * 2),
      plan: ['free', 'pro', 'team'][current ? Math.floor(next() * 3) : next() < 0.7 ? 0 : next() < 0.7 ? 1 : 2]!,
      churned: next() < (current ? 0.5 : 0.2) ? 1 : 0,
      city: current && i % 10 === 0 ? ['Lyon', 'Oslo'][i % 20 === 0 ? 0 : 1]! : ['Paris', 'Berlin', 'Rome'][Math.floor(next() * 3)]!,
      constant: 1,
      empty: null,
    };
    if (current) row.new_col = i;
    else row.old_col = i;
    return row;
  });
}

function csv(data: Row[]): string {
  const columns = Object.keys(data[0]!);
  return `${[columns.join(','), ...data.map((row) => columns.map((c) => (row[c] === null ? '' : String(row[c]))).join(','))].join('\n')}\n`;
}

function jsonl(data: Row[]): string {
  return `${data.map((row) => JSON.stringify(row)).join('\n')}\n`;
}

async function toParquet(csvPath: string, parquetPath: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await db.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}', header = true)) TO '${parquetPath}' (FORMAT parquet)`);
  connection.closeSync();
}

function files(referenceRows = 600, currentRows = 500): string {
  return testdir({ 'reference.csv': csv(rows('reference', referenceRows)), 'current.csv': csv(rows('current', currentRows)) });
}

describe('modelgate drift', () => {
  it('picks tests as Evidently does for a small reference, lists schema changes and untestable columns, and writes the report even when it exits 1', async () => {
    const dir = files();
    const result = await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--fail-on-drift', '--output', 'drift.json'], dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    const r = report(dir);
    expect(r.columns.map((c) => [c.name, c.type, c.method, c.status])).toEqual([
      ['age', 'numeric', 'ks', 'tested'],
      ['income', 'numeric', 'ks', 'tested'],
      ['plan', 'categorical', 'chisquare', 'tested'],
      ['churned', 'categorical', 'ztest', 'tested'],
      ['city', 'categorical', 'chisquare', 'tested'],
      ['constant', 'categorical', 'ztest', 'not_tested'],
      ['empty', 'numeric', null, 'not_tested'],
      ['old_col', 'numeric', null, 'schema_change'],
      ['new_col', 'numeric', null, 'schema_change'],
    ]);
    expect(entry(r, 'age')).toMatchObject({ drifted: false, reference_rows: 600, current_rows: 500, ks_mode: 'exact', threshold: 0.05 });
    expect(entry(r, 'age').effect_size?.name).toBe('wasserstein');
    expect(entry(r, 'income')).toMatchObject({ drifted: true, statistic_name: 'KS D' });
    expect(entry(r, 'income').p_value!).toBeLessThan(1e-20);
    expect(entry(r, 'churned')).toMatchObject({ drifted: true, category: '0' });
    expect(entry(r, 'city')).toMatchObject({ drifted: true, unseen_categories: ['Lyon', 'Oslo'], unseen_categories_total: 2 });
    expect(entry(r, 'constant')).toMatchObject({ drifted: false, reason: 'constant: every value is "1" on both sides' });
    expect(entry(r, 'empty')).toMatchObject({ drifted: false, reference_nulls: 600, reason: expect.stringMatching(/^no values in reference/) });
    expect(entry(r, 'old_col')).toMatchObject({ drifted: true, reason: 'missing in current', reference_rows: 600, current_rows: 0 });
    expect(entry(r, 'new_col')).toMatchObject({ drifted: true, reason: 'missing in reference' });
    // Counted: 5 tested + 2 schema changes; drifted: income, plan, churned, city and both schema changes.
    expect(r).toMatchObject({ counted: 7, drifted_count: 6, drifted: true, drift_share: 0.5, reference: { path: 'reference.csv', rows: 600 }, current: { path: 'current.csv', rows: 500 } });
    expect(r.drifted_share).toBeCloseTo(6 / 7, 15);
    // Never NaN: a value is a finite number or null.
    for (const c of r.columns) for (const value of [c.statistic, c.p_value, c.effect_size?.value ?? null]) expect(value === null || Number.isFinite(value)).toBe(true);
    expect(result.out).toMatch(/^column +type +method +statistic +p-value/);
    expect(result.out).toContain('not tested: constant: every value is "1" on both sides');
    expect(result.out).toContain('DRIFT (missing in current)');
    expect(result.out).toContain('Dataset drift: 6 of 7 tests drifted (86%, threshold 50%).');

    // Without --fail-on-drift the same run exits 0.
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv'], dir)).code).toBe(0);
  });

  it('uses normalised Wasserstein and Jensen-Shannon beyond 1,000 reference values', async () => {
    const dir = files(1500, 1200);
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'age,income,plan,churned', '--output', 'drift.json'], dir)).code).toBe(0);
    const r = report(dir);
    expect(r.columns.map((c) => [c.name, c.method, c.threshold, c.p_value])).toEqual([
      ['age', 'wasserstein', 0.1, null],
      ['income', 'wasserstein', 0.1, null],
      ['plan', 'js', 0.1, null],
      ['churned', 'js', 0.1, null],
    ]);
    expect(entry(r, 'age').drifted).toBe(false);
    expect(entry(r, 'income').drifted).toBe(true);
    expect(entry(r, 'income').statistic!).toBeGreaterThan(0.5);
  });

  it('runs every listed method on every column, one entry per column and method; --threshold applies to each', async () => {
    const dir = files();
    const args = ['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'income,city', '--method', 'ks,psi,chisquare', '--threshold', '0.2', '--output', 'drift.json'];
    expect((await run(args, dir)).code).toBe(0);
    const r = report(dir);
    expect(r.columns.map((c) => [c.name, c.method, c.status, c.threshold])).toEqual([
      ['income', 'ks', 'tested', 0.2],
      ['income', 'psi', 'tested', 0.2],
      ['income', 'chisquare', 'not_tested', null],
      ['city', 'ks', 'not_tested', null],
      ['city', 'psi', 'tested', 0.2],
      ['city', 'chisquare', 'tested', 0.2],
    ]);
    expect(entry(r, 'income', 'psi').bins).toBe(10);
    expect(entry(r, 'city', 'ks').reason).toBe('ks needs numbers; the column holds text in both files');
    expect(entry(r, 'income', 'chisquare').reason).toMatch(/^chisquare compares categories; this column has \d+ distinct numbers/);
    expect(r.counted).toBe(4);
  });

  it('takes categorical columns, per-column methods and thresholds and drift_share from modelgate.yml; the command line wins', async () => {
    const dir = files();
    const config = ['drift:', '  categorical: [age]', '  drift_share: 0.9', '  columns:', '    income: {method: psi, threshold: 5}', '    plan: {method: [js, linf]}', ''].join('\n');
    copyFileSync(join(dir, 'reference.csv'), join(dir, 'ref.csv'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'modelgate.yml'), config);
    expect((await run(['drift', '--reference', 'ref.csv', '--current', 'current.csv', '--columns', 'age,income,plan', '--output', 'drift.json'], dir)).code).toBe(0);
    const r = report(dir);
    expect(r.columns.map((c) => [c.name, c.type, c.method, c.threshold])).toEqual([
      ['age', 'categorical', 'chisquare', 0.05],
      ['income', 'numeric', 'psi', 5],
      ['plan', 'categorical', 'js', 0.1],
      ['plan', 'categorical', 'linf', 0.1],
    ]);
    expect(entry(r, 'income').drifted).toBe(false);
    expect(r.drift_share).toBe(0.9);
    // --method and --threshold override the config for every column.
    expect((await run(['drift', '--reference', 'ref.csv', '--current', 'current.csv', '--columns', 'income,plan', '--method', 'linf', '--threshold', '0.3', '--output', 'cli.json'], dir)).code).toBe(0);
    expect(report(dir, 'cli.json').columns.map((c) => [c.name, c.method, c.threshold, c.status])).toEqual([
      ['income', 'linf', null, 'not_tested'],
      ['plan', 'linf', 0.3, 'tested'],
    ]);
    // Unknown keys are errors with the nearest valid one, like the rest of modelgate.yml.
    writeFileSync(join(dir, 'modelgate.yml'), 'drift:\n  categorica: [age]\n');
    const bad = await run(['drift', '--reference', 'ref.csv', '--current', 'current.csv'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/modelgate\.yml: drift\.categorica: unknown key "categorica" \(did you mean "categorical"\?\)\n$/);
    writeFileSync(join(dir, 'modelgate.yml'), 'drift:\n  method: kolmogorov\n');
    expect((await run(['drift', '--reference', 'ref.csv', '--current', 'current.csv'], dir)).err).toMatch(/^modelgate: .*modelgate\.yml: drift\.method/);
  });

  it('leaves out the columns drift.exclude names (ids, labels), unless --columns asks for them', async () => {
    const dir = files();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'modelgate.yml'), 'drift:\n  exclude: [age, plan]\n');
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--output', 'drift.json'], dir)).code).toBe(0);
    const names = new Set(report(dir).columns.map((c) => c.name));
    expect(names.has('age') || names.has('plan')).toBe(false);
    expect(names.has('income')).toBe(true);
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'age', '--output', 'asked.json'], dir)).code).toBe(0);
    expect(report(dir, 'asked.json').columns.map((c) => c.name)).toEqual(['age']);
  });

  it('exits 2 with one line and no report when nothing can be tested', async () => {
    const dir = files();
    const onlyMissing = await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'old_col,new_col', '--output', 'drift.json'], dir);
    expect(onlyMissing.code).toBe(2);
    expect(onlyMissing.err).toBe('modelgate: nothing to test: old_col: missing in current; new_col: missing in reference\n');
    expect(existsSync(join(dir, 'drift.json'))).toBe(false);
    const typo = await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'incom'], dir);
    expect(typo).toMatchObject({ code: 2, err: 'modelgate: --columns: column "incom" is in neither file (did you mean "income"?)\n' });
    const untestable = await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--columns', 'constant,empty'], dir);
    expect(untestable.code).toBe(2);
    expect(untestable.err).toMatch(/^modelgate: nothing to test: constant: constant: every value is "1" on both sides; empty: no values in reference/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'header-only.csv'), 'age,income\n');
    const emptyCurrent = await run(['drift', '--reference', 'reference.csv', '--current', 'header-only.csv', '--columns', 'age,income'], dir);
    expect(emptyCurrent.code).toBe(2);
    expect(emptyCurrent.err).toMatch(/^modelgate: nothing to test: age: no values in current/);
    const badMethod = await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--method', 'ks,auto'], dir);
    expect(badMethod.err).toBe('modelgate: --method: auto cannot be combined with other methods; use auto, or one or more of ks, wasserstein, psi, js, chisquare, ztest, linf separated by commas\n');
    const missingFile = await run(['drift', '--reference', 'nope.csv', '--current', 'current.csv'], dir);
    expect(missingFile.code).toBe(2);
    expect(missingFile.err.split('\n')).toHaveLength(2);
  });

  it('reads NaN, infinities and text in a numeric column as documented', async () => {
    const dir = testdir({
      'reference.csv': `score,code\n${Array.from({ length: 50 }, (_, i) => `${i / 10},${i % 7}`).join('\n')}\nnan,1\ninf,2\n-Infinity,3\n,4\n`,
      'current.csv': `score,code\n${Array.from({ length: 40 }, (_, i) => `${i / 8},${i % 5}`).join('\n')}\nNaN,x\n`,
    });
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--output', 'drift.json'], dir)).code).toBe(0);
    const r = report(dir);
    expect(entry(r, 'score')).toMatchObject({ type: 'numeric', reference_rows: 50, reference_nan: 1, reference_infinite: 2, reference_nulls: 1, current_rows: 40, current_nan: 1 });
    // One text value makes code categorical on both sides (numbers keyed by their shortest text).
    expect(entry(r, 'code')).toMatchObject({ type: 'categorical', method: 'chisquare', unseen_categories: ['x'] });
  });

  it('gives the same statistics from CSV, JSONL and Parquet', async () => {
    const reference = rows('reference', 400);
    const current = rows('current', 300);
    const dir = testdir({ 'r.csv': csv(reference), 'c.csv': csv(current), 'r.jsonl': jsonl(reference), 'c.jsonl': jsonl(current) });
    await toParquet(join(dir, 'r.csv'), join(dir, 'r.parquet'));
    await toParquet(join(dir, 'c.csv'), join(dir, 'c.parquet'));
    const columns = 'age,income,plan,churned,city';
    const statistics = async (ext: string) => {
      const result = await run(['drift', '--reference', `r.${ext}`, '--current', `c.${ext}`, '--columns', columns, '--method', 'ks,psi,js,chisquare', '--output', `${ext}.json`], dir);
      expect(result.err, ext).toBe('');
      return report(dir, `${ext}.json`).columns.map((c) => [c.name, c.method, c.status, c.statistic, c.p_value]);
    };
    const fromCsv = await statistics('csv');
    expect(await statistics('jsonl')).toEqual(fromCsv);
    expect(await statistics('parquet')).toEqual(fromCsv);
  });

  it('matches scipy on a fixture, through the command', async () => {
    const fixtures = join(import.meta.dirname, '..', 'fixtures', 'scipy');
    const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')).numeric.ties;
    const dir = testdir();
    const result = await run(['drift', '--reference', join(fixtures, 'ties.reference.csv'), '--current', join(fixtures, 'ties.current.csv'), '--method', 'ks,wasserstein,psi,js', '--output', 'drift.json'], dir);
    expect(result.code).toBe(0);
    const r = report(dir);
    const close = (got: number | null, want: number) => expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
    close(entry(r, 'x', 'ks').statistic, expected.ks.statistic);
    close(entry(r, 'x', 'ks').p_value, expected.ks.p_value);
    close(entry(r, 'x', 'wasserstein').statistic, expected.wasserstein.normalised);
    close(entry(r, 'x', 'psi').statistic, expected.binned.psi);
    close(entry(r, 'x', 'js').statistic, expected.binned.js);
  });

  it('reads the two files on two threads with the same result as on one', async () => {
    const dir = files(3000, 2500);
    const columns = ['age', 'income', 'plan', 'churned', 'city', 'constant', 'empty'];
    const reference = { path: join(dir, 'reference.csv'), columns };
    const current = { path: join(dir, 'current.csv'), columns };
    const parallel = await readBoth(reference, current, new Set(['plan']), {}, undefined, 0);
    const sequential = [await readSamples(reference.path, columns, new Set(['plan'])), await readSamples(current.path, columns, new Set(['plan']))];
    expect(parallel).toEqual(sequential);
    expect(parallel[1].samples.get('income')).toMatchObject({ kind: 'numeric' });
    // An input error on the worker's file is one line, as on the main thread.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'broken.csv'), 'age,income\n1,2\n3\n');
    await expect(readBoth(reference, { path: join(dir, 'broken.csv'), columns: ['age', 'income'] }, new Set(), {}, undefined, 0)).rejects.toThrow(/broken\.csv: row 2 \(line 3\) has 1 field, expected 2/);
    // A broken reference stops the worker reading the current file and is the error reported.
    await expect(readBoth({ path: join(dir, 'broken.csv'), columns: ['age', 'income'] }, current, new Set(), {}, undefined, 0)).rejects.toThrow(/broken\.csv: row 2/);
  });
});
