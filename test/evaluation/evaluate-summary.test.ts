// The job summary of actions/evaluate (evaluationMarkdown) draws the curves, confusion matrix and
// per-class table of the output, as the PR report draws the head's.
import { join } from 'node:path';
import { evaluationMarkdown, evaluationReport } from '@modelgate/core';
import { loadPredictions } from '@modelgate/data';
import { describe, expect, it } from 'vitest';
import { xyCharts } from '../review/parse-xychart.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');

describe('evaluate job summary', () => {
  it('draws ROC, precision-recall and calibration for binary scores', async () => {
    const loaded = await loadPredictions(join(fixtures, 'binary_ties.csv'), { task: 'binary', labelColumn: 'label', scoreColumn: 'score' });
    const output = evaluationReport({ data: loaded.data });
    const markdown = evaluationMarkdown(output);
    const charts = xyCharts(markdown);
    expect(charts.map((c) => c.title)).toEqual(['ROC curve', 'Precision-recall curve', 'Calibration']);
    expect(charts[0]!.lines[0]!.every((v, i) => Math.abs(v - output.curves!.roc.tpr[i]!) <= 5e-5)).toBe(true);
    expect(markdown).toContain('**Confusion matrix**: rows are the true class, columns the predicted one; head.');
  });

  it('lists the per-class values of a multiclass evaluation', async () => {
    const loaded = await loadPredictions(join(fixtures, 'multiclass_proba.csv'), { task: 'multiclass', labelColumn: 'animal', predictionColumn: 'pred', probaPrefix: 'p_' });
    const markdown = evaluationMarkdown(evaluationReport({ data: loaded.data }));
    expect(xyCharts(markdown)).toEqual([]);
    expect(markdown).toMatch(/\| Class \| Support \| Precision \| Recall \| F1 \|\n\| :- \| -: \| -: \| -: \| -: \|\n\| bird \| \d+ \| 0\.\d+ \|/);
  });
});
