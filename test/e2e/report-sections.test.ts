// actions/report with the whole story of a model change: curves of evaluate outputs, what changed
// (run.json found like the base metrics: at the base commit or in the baseline artifact), data
// quality, several metrics files; and side files that are missing (fail, one line) or malformed
// (one warning naming the file, the section left out, the comment still written).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestEvent, runAction, testdir, useFakeGitHub, zipFiles } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { xyCharts } from '../review/parse-xychart.ts';

const fake = useFakeGitHub();
const baseSha = 'b'.repeat(40);
const churn = join(import.meta.dirname, '..', '..', 'examples', 'churn', 'baseline');
const evaluation = readFileSync(join(churn, 'metrics.json'), 'utf8');
const baseRun = JSON.parse(readFileSync(join(churn, 'run.json'), 'utf8'));
const headRun = JSON.stringify({ ...baseRun, lineage: { ...baseRun.lineage, params: { ...baseRun.lineage.params, 'model.steps': 80 } } });
const validation = JSON.stringify({
  passed: false,
  reports: [{ passed: false, rows: 50, columns: ['age'], checks: [{ column: 'age', check: 'max', severity: 'error', passed: false, failed: 2, failed_share: 0.04, examples: [], message: '2 values above 120' }], source: { path: 'data/prod.csv', format: 'csv' } }],
});
const drift = JSON.stringify({
  drifted: false, drifted_share: 0.25, drift_share: 0.5, counted: 4, drifted_count: 1, reference: { path: 'data/train.csv', rows: 100 }, current: { path: 'data/prod.csv', rows: 80 },
  columns: [{
    name: 'age', type: 'numeric', method: 'wasserstein', status: 'tested', reason: null, statistic: 0.3, statistic_name: 'Wasserstein W1 / std(reference)', p_value: null, threshold: 0.1, drifted: true,
    effect_size: null, reference_rows: 100, current_rows: 80, reference_nulls: 0, current_nulls: 0, reference_nan: 0, current_nan: 0, reference_infinite: 0, current_infinite: 0, distinct_reference: null,
  }],
});
const event = (number: number) => pullRequestEvent({ number, baseSha, baseRef: 'main' });

describe('actions/report sections', () => {
  it('draws the curves, what changed against the base run.json at the base commit, data quality and drift', async () => {
    const { github } = fake;
    github.state.putFile('eval/metrics.json', baseSha, evaluation);
    github.state.putFile('run/run.json', baseSha, readFileSync(join(churn, 'run.json')));
    const workspace = testdir({ 'eval/metrics.json': evaluation, 'run/run.json': headRun, 'validation.json': validation, 'drift.json': drift });
    const result = await runAction('report', { github, event: event(4), workspace, inputs: { metrics: 'eval/metrics.json', run: 'run/run.json', validation: 'validation.json', drift: 'drift.json' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const [comment] = github.state.commentsOn(4);
    const body = comment!.body;
    expect(body).toContain('**Data quality** (validation.json): ❌ Data validation failed: 1 check failed');
    expect(body).toContain('| data/prod.csv | age | max | 2 | 4.00% | ❌ error |');
    expect(body).toContain('**Data drift** (drift.json): ⚠️ No dataset drift: 1 of 4 tests drifted (25.0%, dataset drift at 50.0%); data/prod.csv against data/train.csv');
    expect(body).toContain('| age | wasserstein | Wasserstein W1 / std(reference) 0.3 | | 0.1 |');
    expect(body).toContain('**What changed** (run.json): params: 1 changed · data unchanged · model identical');
    expect(body).toContain('| model.steps | `60` | `80` | changed |');
    expect(xyCharts(body).map((c) => c.title)).toEqual(['ROC curve', 'Precision-recall curve', 'Calibration']);
    expect(body).toContain('**Confusion matrix**');
    expect(result.summary).toContain('**What changed**');
  });

  it('finds the base run.json in the baseline artifact when git does not hold it', async () => {
    const { github } = fake;
    const run = github.state.addWorkflowRun({ headBranch: 'main' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics.json': '{"auc": 0.8}', 'run/run.json': JSON.stringify(baseRun) }));
    const workspace = testdir({ 'metrics.json': '{"auc": 0.81}', 'run/run.json': headRun });
    const result = await runAction('report', { github, event: event(5), workspace, inputs: { metrics: 'metrics.json', run: 'run/run.json' } });
    expect(result.exitCode).toBe(0);
    expect(github.state.commentsOn(5)[0]!.body).toContain('| model.steps | `60` | `80` | changed |');
    expect(github.requests.filter((r) => /\/actions\/artifacts\/\d+\/zip$/.test(r.path))).toHaveLength(1);
  });

  it('shows several metrics files under their paths, each compared with its own baseline', async () => {
    const { github } = fake;
    github.state.putFile('metrics/train.json', baseSha, '{"auc": 0.9}');
    const run = github.state.addWorkflowRun({ headBranch: 'main' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics/test.json': '{"auc": 0.85}' }));
    const workspace = testdir({ 'metrics/train.json': '{"auc": 0.92}', 'metrics/test.json': '{"auc": 0.8}' });
    const result = await runAction('report', { github, event: event(6), workspace, inputs: { metrics: 'metrics/*.json' } });
    expect(result.exitCode).toBe(0);
    const body = github.state.commentsOn(6)[0]!.body;
    expect(body).toContain('| File | Metric | Base | Head | Change |');
    expect(body).toContain('| metrics/test.json | auc | 0.85 | 0.8 |');
    expect(body).toContain('| metrics/train.json | auc | 0.9 | 0.92 |');
    expect(result.outputs.status).toBe('regressed');
  });

  it('warns once per malformed side file, naming it, and writes the comment without its section', async () => {
    const { github } = fake;
    github.state.putFile('metrics.json', baseSha, '{"auc": 0.8}');
    github.state.putFile('run.json', baseSha, '{"schema": "modelgate.run/v2"}');
    const workspace = testdir({ 'metrics.json': '{"auc": 0.81}', 'run.json': headRun, 'validation.json': '{"passed": true, "reports": "all"}' });
    const result = await runAction('report', { github, event: event(9), workspace, inputs: { metrics: 'metrics.json', run: 'run.json', validation: 'validation.json' } });
    expect(result.exitCode).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toHaveLength(2);
    expect(warnings).toContainEqual(expect.stringMatching(/^data quality left out: validation\.json: /));
    expect(warnings).toContainEqual(expect.stringMatching(/^what changed left out: base run\.json \(run\.json at base commit bbbbbbb\): schema: .*modelgate\.run\/v1/));
    const body = github.state.commentsOn(9)[0]!.body;
    expect(body).toContain('| auc | 0.8 | 0.81 |');
    expect(body).not.toContain('**What changed**');
    expect(body).not.toContain('**Data quality**');
    expect(body).toMatch(/^> ⚠️ what changed left out: /m);
  });

  it('fails the step with one line when the run path does not exist', async () => {
    const { github } = fake;
    const result = await runAction('report', { github, event: event(10), workspace: testdir({ 'metrics.json': '{"auc": 0.81}' }), inputs: { metrics: 'metrics.json', run: 'out/run.json' } });
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => e.message)).toEqual(['out/run.json: run.json not found']);
    expect(github.state.commentsOn(10)).toEqual([]);
  });
});
