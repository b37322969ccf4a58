// Everything together fits GitHub's 65,536-character comment limit by importance: gate failures
// and regressions first, then status lines, then tables, then charts. The job summary keeps all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HistoryEntry, type RunRecord, buildReviewReport, commentLimit, configSchema, dataQualityFrom, renderMarkdown, runRecordSchema, snapshotFromDocument, summaryLimit, utf8Length, validationFileSchema } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { xyCharts } from './parse-xychart.ts';

const churn = join(import.meta.dirname, '..', '..', 'examples', 'churn', 'baseline');
const evaluation = JSON.parse(readFileSync(join(churn, 'metrics.json'), 'utf8'));
const baseRun = runRecordSchema.parse(JSON.parse(readFileSync(join(churn, 'run.json'), 'utf8')));
const history = readFileSync(join(churn, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as HistoryEntry);

function bigReport(options: { params: number; checks: number; metrics: number }) {
  const params = Object.fromEntries(Array.from({ length: options.params }, (_, i) => [`model.layer_${i}.units_with_a_long_name`, i]));
  const headRun: RunRecord = { ...baseRun, lineage: { ...baseRun.lineage, params: { ...baseRun.lineage.params, ...params } } };
  const checks = Array.from({ length: options.checks }, (_, i) => ({ column: `column_${i}`, check: 'max', severity: i % 2 ? 'warn' : 'error', passed: false, failed: i + 1, failed_share: (i + 1) / 1e4, examples: [], message: 'too large' }));
  const validation = validationFileSchema.parse({ passed: false, rows: 1e4, columns: [], checks });
  const extra = Object.fromEntries(Array.from({ length: options.metrics }, (_, i) => [`extra_metric_number_${i}`, i]));
  const head = { ...evaluation, metrics: { ...evaluation.metrics, roc_auc: 0.7, ...extra } };
  return buildReviewReport({
    head: snapshotFromDocument(head),
    headSource: 'metrics.json',
    baseline: { snapshot: snapshotFromDocument({ ...evaluation, metrics: { ...evaluation.metrics, ...extra } }), source: 'base' },
    config: configSchema.parse({ gate: { rules: { roc_auc: { min: 0.8 } } } }),
    context: { version: 't' },
    runs: { base: baseRun, head: headRun },
    history,
    dataQuality: dataQualityFrom(validation, 'validation.json'),
  });
}

describe('the comment size budget', () => {
  it('keeps everything when it fits', () => {
    const markdown = renderMarkdown(bigReport({ params: 5, checks: 5, metrics: 0 }));
    expect(markdown.length).toBeLessThanOrEqual(commentLimit);
    expect(xyCharts(markdown).map((c) => c.title)).toEqual(['ROC curve', 'Precision-recall curve', 'Calibration', 'roc_auc: default branch, then this change']);
    expect(markdown).not.toContain('not shown to stay within');
  });

  it('sheds charts, then the confusion table, then table rows, before any metric row', () => {
    const report = bigReport({ params: 700, checks: 400, metrics: 0 });
    const comment = renderMarkdown(report, { truncatedNote: 'the job summary has everything' });
    expect(comment.length).toBeLessThanOrEqual(commentLimit);
    expect(xyCharts(comment)).toEqual([]);
    expect(comment).not.toContain('**Confusion matrix**');
    // Gate failure, status lines and every metric row stay.
    expect(comment).toContain('- ❌ roc\\_auc = 0.7 is below the minimum 0.8 (rule min)');
    expect(comment).toMatch(/\*\*What changed\*\* \(run\.json\): params: 700 added · data unchanged/);
    expect(comment).toContain('**Data quality** (validation.json): ❌ Data validation failed: 200 checks failed, 200 warnings');
    for (const name of Object.keys(evaluation.metrics)) expect(comment).toContain(`| ${name.replace('_', '\\_')} |`);
    expect(comment).not.toMatch(/metrics not shown/);
    expect(comment).toContain('_690 more params differ; the job summary lists them all._');
    expect(comment).toMatch(/_\d+ charts and tables and some table rows not shown to stay within GitHub's size limit; the job summary has everything\._/);
    // The trend still says in words where this change stands.
    expect(comment).toContain('**roc\\_auc**: this change has 0.7, below every one of them');

    const summary = renderMarkdown(report, { maxLength: summaryLimit, unit: 'utf8-bytes' });
    expect(utf8Length(summary)).toBeLessThanOrEqual(summaryLimit);
    expect(xyCharts(summary)).toHaveLength(4);
    expect(summary).toContain('model.layer\\_699.units\\_with\\_a\\_long\\_name');
  });

  it('drops metric rows last, unchanged first, keeping the regression and the status lines', () => {
    const comment = renderMarkdown(bigReport({ params: 700, checks: 400, metrics: 3000 }));
    expect(comment.length).toBeLessThanOrEqual(commentLimit);
    expect(comment).toContain('| roc\\_auc |');
    expect(comment).toMatch(/_\d+ of 3\d{3} metrics not shown to stay within GitHub's size limit\._/);
    expect(comment).toMatch(/\*\*What changed\*\* \(run\.json\)/);
    expect(comment).not.toContain('| Param |');
    expect(comment).toContain('**Data quality**');
  });
});
