import { describe, expect, it } from 'vitest';
import { binaryEvaluator } from './binary.ts';
import { calibrationCurve, curveGrid } from './curves.ts';
import { binaryData } from './test-helpers.ts';

describe('binary curves', () => {
  // scikit-learn's docstring example: roc_curve gives fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1];
  // precision_recall_curve precision [.5, .667, .5, 1, 1] at recall [1, 1, .5, .5, 0].
  const curves = binaryEvaluator(binaryData([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).curves!();

  it('reads the ROC curve at each false positive rate as the best true positive rate within it', () => {
    expect(curves.roc.fpr).toEqual(curveGrid());
    expect(curves.roc.tpr.slice(0, 3)).toEqual([0.5, 0.5, 0.5]);
    expect(curves.roc.tpr[25]).toBe(1); // fpr 0.5 reaches the point (0.5, 1)
    expect(curves.roc.tpr[24]).toBe(0.5);
    expect(curves.roc.tpr[50]).toBe(1);
  });

  it('interpolates precision as the best precision at or beyond each recall', () => {
    expect(curves.pr.precision[0]).toBe(1);
    expect(curves.pr.precision[25]).toBe(1); // recall 0.5: the point (0.5, 1)
    expect(curves.pr.precision[26]).toBeCloseTo(2 / 3, 15); // beyond 0.5 only recall 1 points remain
    expect(curves.pr.precision[50]).toBeCloseTo(2 / 3, 15);
  });

  it('leaves the ROC curve null with one class and keeps precision-recall as scikit-learn does', () => {
    const warnings: string[] = [];
    const negatives = binaryEvaluator(binaryData([0, 0, 0], [0.2, 0.6, 0.6])).curves!(warnings);
    expect(negatives.roc.tpr.every((v) => v === null)).toBe(true);
    expect(warnings).toContain('curves.roc: undefined with only one class present; tpr set to null');
    // No positives: recall is 1 everywhere, precision 0, and the appended (0, 1) point.
    expect(negatives.pr.precision[0]).toBe(1);
    expect(negatives.pr.precision.slice(1).every((v) => v === 0)).toBe(true);
  });
});

describe('calibrationCurve', () => {
  it('puts a score on an edge in the lower bin, with numpy linspace edges (0.3 < 0.30000000000000004)', () => {
    const score = Float64Array.from([0, 0.1, 0.2, 0.3, 0.30000000000000004, 0.31, 1]);
    const curve = calibrationCurve(score, Uint8Array.from([0, 1, 0, 1, 1, 0, 1]))!;
    expect(curve.count).toEqual([2, 1, 2, 1, 0, 0, 0, 0, 0, 1]);
    expect(curve.fraction_positive).toEqual([0.5, 0, 1, 0, null, null, null, null, null, 1]);
    expect(curve.mean_predicted[2]).toBe((0.3 + 0.30000000000000004) / 2);
  });

  it('is left out for scores that are not probabilities', () => {
    expect(calibrationCurve(Float64Array.from([0.5, 1.2]), Uint8Array.from([0, 1]))).toBeNull();
  });
});
