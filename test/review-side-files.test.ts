// `modelgate diff` with several metrics files and the side files of the full report: run.json
// (what changed), history.jsonl (trend) and a validation report (data quality). A side file that
// does not exist is one line and exit 2; a malformed one is one warning naming it, the section is
// left out and the rest of the report is written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './harness/cli.ts';

const churn = join(import.meta.dirname, '..', 'examples', 'churn', 'baseline');
const baseRun = readFileSync(join(churn, 'run.json'), 'utf8');
const headRun = JSON.stringify({ ...JSON.parse(baseRun), lineage: { ...JSON.parse(baseRun).lineage, params: { ...JSON.parse(baseRun).lineage.params, 'model.steps': 80, 'model.features': 'full' } } });
const validation = JSON.stringify({ passed: false, rows: 10, columns: ['a'], checks: [{ column: 'a', check: 'max', severity: 'error', passed: false, failed: 3, failed_share: 0.3, examples: [], message: '3 values above 5' }] });
const driftColumn = (name: string, drifted: boolean, extra: Record<string, unknown> = {}) => ({
  name, type: 'numeric', method: 'ks', status: 'tested', reason: null, statistic: drifted ? 0.4 : 0.01, statistic_name: 'D', p_value: drifted ? 0.001 : 0.7, threshold: 0.05, drifted,
  effect_size: null, reference_rows: 100, current_rows: 100, reference_nulls: 0, current_nulls: 0, reference_nan: 0, current_nan: 0, reference_infinite: 0, current_infinite: 0, distinct_reference: null, ...extra,
});
const drift = JSON.stringify({
  drifted: true, drifted_share: 2 / 3, drift_share: 0.5, counted: 3, drifted_count: 2, reference: { path: 'train.csv', rows: 100 }, current: { path: 'prod.csv', rows: 100 },
  columns: [driftColumn('age', true), driftColumn('income', false), driftColumn('plan', true, { type: 'categorical', method: null, status: 'schema_change', reason: 'missing from the current data', statistic: null, statistic_name: null, p_value: null, threshold: null })],
});
const files = {
  'base.json': JSON.stringify({ auc: 0.8, accuracy: 0.7 }),
  'head.json': JSON.stringify({ auc: 0.82, accuracy: 0.69 }),
  'base-run.json': baseRun,
  'head-run.json': headRun,
  'history.jsonl': readFileSync(join(churn, 'history.jsonl'), 'utf8').replaceAll('roc_auc', 'auc'),
  'validation.json': validation,
  'drift.json': drift,
  'modelgate.yml': 'gate:\n  rules:\n    auc: { min: 0.5 }\n',
};
const sides = ['--base-run', 'base-run.json', '--head-run', 'head-run.json', '--history', 'history.jsonl', '--validation', 'validation.json', '--drift', 'drift.json'];

describe('modelgate diff with side files', () => {
  it('adds what changed, data quality and the trend to the markdown, and a line each to the text', async () => {
    const dir = testdir(files);
    const md = await run(['diff', '--base', 'base.json', '--head', 'head.json', ...sides, '--format', 'markdown'], dir);
    expect(md.err).toBe('');
    expect(md.code).toBe(0);
    expect(md.out).toContain('**What changed** (run.json): params: 2 changed · data unchanged');
    expect(md.out).toContain('| model.steps | `60` | `80` | changed |');
    expect(md.out).toContain('**Data quality** (validation.json): ❌ Data validation failed: 1 check failed (1 check on 1 file, 10 rows)');
    expect(md.out).toContain('| a | max | 3 | 30.0% | ❌ error |');
    expect(md.out).toContain('title "auc: default branch, then this change"');
    expect(md.out).toContain('**Data drift** (drift.json): ❌ Dataset drift: 2 of 3 tests drifted (66.7%, dataset drift at 50.0%); prod.csv against train.csv');
    // Schema changes first, then by p-value.
    expect(md.out).toMatch(/<details open><summary>Drifted columns \(2\)<\/summary>\n\n\| Column .*\n.*\n\| plan \| schema change \| missing from the current data \| \| \|\n\| age \| ks \| D 0\.4 \| 0\.001 \| 0\.05 \|/);
    const text = await run(['diff', '--base', 'base.json', '--head', 'head.json', ...sides], dir);
    expect(text.out).toContain('param model.features: "basic" -> "full"');
    expect(text.out).toContain('data quality: ❌ Data validation failed');
    expect(text.out).toMatch(/trend auc: this change 0\.82; the last 5 default-branch runs/);
  });

  it.each([
    ['--head-run', 'nope.json', /^modelgate: nope\.json: run\.json not found\n$/],
    ['--validation', 'gone.json', /^modelgate: gone\.json: validation report not found\n$/],
    ['--history', 'none.jsonl', /^modelgate: none\.jsonl: history file not found\n$/],
    ['--drift', 'drift/x.json', /^modelgate: drift\/x\.json: drift report not found\n$/],
  ])('a %s path that does not exist is one line, exit 2', async (option, path, message) => {
    const args = ['diff', '--base', 'base.json', '--head', 'head.json', ...sides];
    args[args.indexOf(option) + 1] = path;
    const { code, out, err } = await run(args, testdir(files));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it.each([
    ['head-run.json', '{"schema": "modelgate.run/v2"}', /^warning: what changed left out: head-run\.json: schema: .*modelgate\.run\/v1/],
    ['base-run.json', '{"schema": ', /^warning: what changed left out: base-run\.json: malformed JSON/],
    ['history.jsonl', '{"schema":"modelgate.history/v0"}\n', /^warning: trend left out: history\.jsonl: line 1 has schema "modelgate\.history\/v0"/],
    ['validation.json', '{"passed": "yes"}', /^warning: data quality left out: validation\.json: /],
    ['drift.json', '{"drifted": true}', /^warning: data drift left out: drift\.json: /],
  ])('a malformed %s is one warning naming it; the rest of the report is written', async (name, content, warning) => {
    const { code, out, err } = await run(['diff', '--base', 'base.json', '--head', 'head.json', ...sides, '--format', 'markdown'], testdir({ ...files, [name]: content }));
    expect(code).toBe(0);
    expect(err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(err).toMatch(warning);
    expect(out).toContain('| auc | 0.8 | 0.82 |');
    // The note in the report names the file too.
    expect(out).toMatch(new RegExp(`^> ⚠️ [a-z ]+ left out: ${name.replace('.', '\\.')}`, 'm'));
  });
});

describe('modelgate diff with several metrics files (as dvc metrics diff)', () => {
  it('pairs --head and --base in order, shows a File column, and reads a bare number as the file name', async () => {
    const dir = testdir({ 'main/train.json': '{"auc": 0.9}', 'main/auc.txt': '0.81', 'pr/train.json': '{"auc": 0.91}', 'pr/auc.txt': '0.8\n' });
    const { code, out, err } = await run(['diff', '--head', 'pr/train.json', '--head', 'pr/auc.txt', '--base', 'main/train.json', '--base', 'main/auc.txt', '--format', 'json'], dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.files).toEqual(['pr/train.json', 'pr/auc.txt']);
    expect(report.changes.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([['pr/train.json:auc', 'improved'], ['pr/auc.txt:auc', 'regressed']]);
  });

  it('expands globs in sorted order and refuses a base count that does not match', async () => {
    const dir = testdir({ 'pr/a.json': '{"x": 1}', 'pr/b.json': '{"x": 2}', 'main/a.json': '{"x": 1}' });
    const globbed = await run(['diff', '--head', 'pr/*.json', '--base', 'main/a.json', '--base', 'main/a.json', '--format', 'json'], dir);
    expect(JSON.parse(globbed.out).files).toEqual(['pr/a.json', 'pr/b.json']);
    const { code, err } = await run(['diff', '--head', 'pr/*.json', '--base', 'main/a.json'], dir);
    expect(code).toBe(2);
    expect(err).toBe('modelgate: --base: give one base per head file (2), got 1\n');
  });
});
