// Several metrics files, checked against what `dvc metrics diff` does (its tests in iterative/dvc,
// tests/func/metrics/test_diff.py): metrics grouped by file with a Path column, a file holding a
// bare number, strings shown old -> new without a delta, metrics of a file new in head listed as new.
import { describe, expect, it } from 'vitest';
import { buildReviewReport } from './build.ts';
import type { MetricsFileInput } from './metric-files.ts';
import { renderMarkdown } from './render-markdown.ts';
import { config, snap } from './test-helpers.ts';

const file = (path: string, head: Record<string, unknown>, base?: Record<string, unknown>): MetricsFileInput => ({
  path,
  head: snap(head),
  baseline: base ? { snapshot: snap(base), source: `${path} at base` } : { reason: `no ${path} at base` },
});

describe('several metrics files', () => {
  const files = [
    file('metrics/train.json', { auc: 0.9, loss: 0.3 }, { auc: 0.88, loss: 0.3 }),
    file('metrics/test.json', { auc: 0.8, model: 'xgb-2' }, { auc: 0.82, model: 'xgb-1' }),
    file('metrics/new.json', { f1: 0.5 }),
  ];

  it('compares each file with its own baseline, the same name in two files kept apart', () => {
    const report = buildReviewReport({ files, config: config(), context: { version: 't' } });
    expect(report.diff.changes.map((c) => [c.name, c.file, c.metric, c.status])).toEqual([
      ['metrics/train.json:auc', 'metrics/train.json', 'auc', 'improved'],
      ['metrics/train.json:loss', 'metrics/train.json', 'loss', 'unchanged'],
      ['metrics/test.json:auc', 'metrics/test.json', 'auc', 'regressed'],
      ['metrics/new.json:f1', 'metrics/new.json', 'f1', 'added'],
    ]);
    expect(report.baseline).toMatchObject({ found: true });
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| File | Metric | Base | Head | Change |');
    expect(markdown).toContain('| metrics/test.json | auc | 0.82 | 0.8 |');
  });

  it('shows a string that changed as text, old and new, and never gates it', () => {
    const report = buildReviewReport({ files, config: config({ gate: { rules: { model: { required: true } } } }), context: { version: 't' } });
    expect(report.textChanges).toEqual([{ name: 'metrics/test.json:model', file: 'metrics/test.json', metric: 'model', base: 'xgb-1', head: 'xgb-2' }]);
    expect(renderMarkdown(report)).toContain('| metrics/test.json | model | `xgb-1` | `xgb-2` |');
    expect(report.gate!.results).toEqual([expect.objectContaining({ metric: 'model', rule: 'required', outcome: 'fail' })]);
  });

  it('applies a rule on a plain name in every file, and on file:metric in one', () => {
    const everywhere = buildReviewReport({ files, config: config({ gate: { rules: { auc: { min: 0.85 } } } }), context: { version: 't' } });
    expect(everywhere.gate!.results.map((r) => [r.metric, r.outcome])).toEqual([['metrics/train.json:auc', 'pass'], ['metrics/test.json:auc', 'fail']]);
    const one = buildReviewReport({ files, config: config({ gate: { rules: { 'metrics/train.json:auc': { max_regression: 0 } } } }), context: { version: 't' } });
    expect(one.gate!.results.map((r) => [r.metric, r.outcome])).toEqual([['metrics/train.json:auc', 'pass']]);
  });

  it('takes direction and settings from the name inside the file, not the path', () => {
    const report = buildReviewReport({ files: [file('loss_curves/eval.json', { accuracy: 0.9 }, { accuracy: 0.8 }), file('b.json', { x: 1 })], config: config(), context: { version: 't' } });
    expect(report.diff.changes[0]).toMatchObject({ direction: 'higher', status: 'improved' });
  });
});
