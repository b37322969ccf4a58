// Every chart of the report is read back into its series with the xychart grammar (parse-xychart.ts):
// the curves of evaluate outputs, the trend of the gated metrics, and user text inside them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvaluationOutput, type HistoryEntry, buildReviewReport, configSchema, evaluationReport, renderMarkdown, snapshotFromDocument } from '@modelgate/core';
import { loadPredictions } from '@modelgate/data';
import { describe, expect, it } from 'vitest';
import { xyCharts } from './parse-xychart.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');
const config = (document: unknown = {}) => configSchema.parse(document);

async function evaluated(file: string, options: { positiveLabel?: string; score?: string; label?: string } = {}): Promise<EvaluationOutput> {
  const loaded = await loadPredictions(join(fixtures, file), { task: 'binary', labelColumn: options.label ?? 'label', scoreColumn: options.score ?? 'score', threshold: 0.5, ...(options.positiveLabel ? { positiveLabel: options.positiveLabel } : {}) });
  // Through JSON, as the report reads a metrics file.
  return JSON.parse(JSON.stringify(evaluationReport({ data: loaded.data }))) as EvaluationOutput;
}

function reportOf(base: unknown, head: unknown, extra: Partial<Parameters<typeof buildReviewReport>[0]> = {}) {
  return buildReviewReport({
    head: snapshotFromDocument(head),
    headSource: 'metrics.json',
    baseline: base ? { snapshot: snapshotFromDocument(base), source: 'base.json' } : { reason: 'none' },
    config: config({ gate: { rules: { roc_auc: { min: 0.5 } } } }),
    context: { version: 'test' },
    ...extra,
  } as Parameters<typeof buildReviewReport>[0]);
}

/** Values as the chart writes them: 4 decimals. */
const near = (actual: number[], expected: readonly (number | null)[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(5e-5));
};

describe('curve charts', () => {
  it('draw base and head ROC, precision-recall and calibration curves on the same axes, each series read back', async () => {
    const base = await evaluated('binary_ties.csv');
    const head = await evaluated('binary_curve_edges.csv');
    const markdown = renderMarkdown(reportOf(base, head));
    const [roc, pr, calibration, ...rest] = xyCharts(markdown);
    expect(rest).toEqual([]);

    expect(roc!.title).toBe('ROC curve');
    expect(roc!.xAxis.range).toEqual([0, 100]);
    expect(roc!.yAxis.range).toEqual([0, 1]);
    expect(roc!.lines).toHaveLength(3);
    near(roc!.lines[0]!, base.curves!.roc.tpr);
    near(roc!.lines[1]!, head.curves!.roc.tpr);
    near(roc!.lines[2]!, base.curves!.roc.fpr); // chance: tpr = fpr
    expect(roc!.palette).toEqual(['#8c959f', '#0969da', '#d0d7de']);
    expect(markdown).toContain('grey: base, blue: head (this change), light grey: chance');

    expect(pr!.title).toBe('Precision-recall curve');
    near(pr!.lines[0]!, base.curves!.pr.precision);
    near(pr!.lines[1]!, head.curves!.pr.precision);
    expect(pr!.palette).toHaveLength(2);

    // Only bins with rows on both sides: a line cannot have a gap.
    const bins = [...Array(10).keys()].filter((b) => base.curves!.calibration!.count[b]! > 0 && head.curves!.calibration!.count[b]! > 0);
    expect(calibration!.xAxis.categories).toEqual(bins.map((b) => `${(b / 10).toFixed(1)}-${((b + 1) / 10).toFixed(1)}`));
    near(calibration!.lines[0]!, bins.map((b) => base.curves!.calibration!.fraction_positive[b]!));
    near(calibration!.lines[1]!, bins.map((b) => head.curves!.calibration!.fraction_positive[b]!));
    near(calibration!.lines[2]!, bins.map((b) => (b + 0.5) / 10));
  });

  it('draws the head alone without a baseline, and no chart for a file without curves', async () => {
    const head = await evaluated('binary_ties.csv');
    const [roc] = xyCharts(renderMarkdown(reportOf(undefined, head)));
    expect(roc!.lines).toHaveLength(2);
    near(roc!.lines[0]!, head.curves!.roc.tpr);
    expect(roc!.palette).toEqual(['#0969da', '#d0d7de']);
    expect(xyCharts(renderMarkdown(reportOf({ roc_auc: 0.8 }, { roc_auc: 0.81 })))).toEqual([]);
  });

  it('leaves out a curve that is undefined on one side (one class) and says so', async () => {
    const base = await evaluated('binary_one_class.csv');
    const head = await evaluated('binary_ties.csv');
    const markdown = renderMarkdown(reportOf(base, head));
    const roc = xyCharts(markdown).find((chart) => chart.title === 'ROC curve')!;
    expect(roc.lines).toHaveLength(2);
    near(roc.lines[0]!, head.curves!.roc.tpr);
    expect(markdown).toContain('The base ROC curve is undefined (one class only) and not drawn.');
  });

  it('opens the section when a gated metric regressed, and keeps it closed otherwise', async () => {
    const base = await evaluated('binary_ties.csv');
    const worse = { ...base, metrics: { ...base.metrics, roc_auc: base.metrics.roc_auc! - 0.1 } };
    expect(renderMarkdown(reportOf(base, worse))).toContain('<details open><summary>Curves, confusion matrix</summary>');
    expect(renderMarkdown(reportOf(base, base))).toContain('<details><summary>Curves, confusion matrix</summary>');
  });
});

describe('trend charts', () => {
  const history: HistoryEntry[] = Array.from({ length: 25 }, (_, i) => ({
    schema: 'modelgate.history/v1',
    sha: `${String(i).padStart(2, '0')}${'a'.repeat(38)}`,
    run_id: String(100 + i),
    at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    metrics: { roc_auc: 0.8 + (i % 5) * 0.001, loss: 0.4 },
  }));

  it('draws the last 20 default-branch values then the PR value, with the spread of the 20 as flat lines', () => {
    const report = reportOf({ roc_auc: 0.803 }, { roc_auc: 0.79 }, { history });
    const markdown = renderMarkdown(report);
    const [chart] = xyCharts(markdown);
    const last20 = history.slice(-20);
    expect(chart!.xAxis.categories).toEqual([...last20.map((e) => e.sha.slice(0, 7)), 'this PR']);
    expect(chart!.lines[0]).toEqual([...last20.map((e) => e.metrics.roc_auc!), 0.79]);
    expect(new Set(chart!.lines[1])).toEqual(new Set([0.8]));
    expect(new Set(chart!.lines[2])).toEqual(new Set([0.804]));
    expect(markdown).toContain('**roc\\_auc**: this change has 0.79, below every one of them (the last 20 default-branch runs: 0.8 to 0.804).');
  });

  it('draws at most 4 gated metrics, only those the history holds', () => {
    const rules = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'roc_auc'].map((name) => [name, { min: 0 }]));
    const values = { a: 1, b: 2, c: 3, d: 4, e: 5, roc_auc: 0.8 };
    const withAll = history.map((e) => ({ ...e, metrics: { ...e.metrics, a: 1, b: 2, d: 4, e: 5 } }));
    const report = buildReviewReport({ head: snapshotFromDocument(values), headSource: 'm.json', baseline: { reason: 'none' }, config: config({ gate: { rules } }), context: { version: 't' }, history: withAll });
    expect(xyCharts(renderMarkdown(report)).map((c) => c.title)).toEqual(['a', 'b', 'd', 'e'].map((m) => `${m}: default branch, then this change`));
  });

  it('numbers repeated commits apart (a band axis merges equal labels) and writes no exponent', () => {
    const tiny = history.slice(0, 3).map((e, i) => ({ ...e, sha: 'same', metrics: { roc_auc: 1e-7 * (i + 1) } }));
    const [chart] = xyCharts(renderMarkdown(reportOf(undefined, { roc_auc: 4e-7 }, { history: tiny })));
    expect(chart!.xAxis.categories).toEqual(['same', 'same (2)', 'same (3)', 'this PR']);
    expect(chart!.lines[0]).toEqual([1e-7, 2e-7, 3e-7, 4e-7]);
  });
});

describe('user text inside charts', () => {
  const hostile = ['a"] \n  line [9, 9', 'x`` `y', '%%{init: {"theme": "dark"}}%%', '#quot; &amp; #35;', 'back\\slash -->', '<img src=x> @org/team #12'];

  it.each(hostile)('a metric or file named %j stays inside its string and the chart still parses', (name) => {
    const history: HistoryEntry[] = [{ schema: 'modelgate.history/v1', sha: `${name}abc`, run_id: '1', at: '2026-01-01T00:00:00.000Z', metrics: { [name]: 0.5 } }];
    const report = buildReviewReport({
      files: [
        { path: `${name}.json`, head: snapshotFromDocument({ [name]: 0.6 }), baseline: { reason: 'none' } },
        { path: 'other.json', head: snapshotFromDocument({ x: 1 }), baseline: { reason: 'none' } },
      ],
      config: config({ gate: { rules: { [name]: { min: 0 } } } }),
      context: { version: 't' },
      history: [{ ...history[0]!, metrics: { [`${name}.json:${name}`]: 0.5 } }],
    });
    const markdown = renderMarkdown(report);
    const charts = xyCharts(markdown);
    expect(charts).toHaveLength(1);
    const [chart] = charts;
    expect(chart!.lines).toEqual([[0.5, 0.6], [0.5, 0.5], [0.5, 0.5]]);
    for (const text of [chart!.title, chart!.yAxis.title, ...chart!.xAxis.categories!]) {
      expect(text).not.toMatch(/["`\n]|%%|#\w+;/);
    }
    // The fence is closed by modelgate's own line only.
    expect(markdown.match(/^```/gm)!.length % 2).toBe(0);
  });
});

describe('the demo data', () => {
  it("parses every chart of a real evaluate output's report", () => {
    const metrics = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'churn', 'baseline', 'metrics.json'), 'utf8'));
    expect(xyCharts(renderMarkdown(reportOf(metrics, metrics))).map((c) => c.title)).toEqual(['ROC curve', 'Precision-recall curve', 'Calibration']);
  });
});
