import { describe, expect, it } from 'vitest';
import { binaryEvaluator } from './binary.ts';
import { metricRecord } from './report.ts';
import { binaryData } from './test-helpers.ts';

describe('binaryEvaluator', () => {
  it('clips scores outside [0, 1] for log_loss and leaves brier undefined, as scikit-learn does', () => {
    const evaluator = binaryEvaluator(binaryData([0, 1, 1, 0], [-0.5, 1.7, 0.6, 0.2]));
    const warnings: string[] = [];
    const metrics = metricRecord(evaluator.names, evaluator.compute(null, warnings));
    // /usr/bin/python3 -c "from sklearn.metrics import log_loss; print(log_loss([0,1,1,0], [-0.5,1.7,0.6,0.2], labels=[0,1]))"
    expect(metrics.log_loss).toBeCloseTo(0.18349229377005022, 12);
    expect(metrics.brier).toBeNull(); // brier_score_loss raises "y_prob contains values greater than 1."
    expect(warnings).toEqual(['scores outside [0, 1] are not probabilities: log_loss clips them to [eps, 1 - eps] as scikit-learn does, brier is set to null']);
  });

  it('gives null for every metric of an empty weighting', () => {
    const evaluator = binaryEvaluator(binaryData([0, 1], [0.2, 0.9]));
    expect(Object.values(metricRecord(evaluator.names, evaluator.compute(new Uint8Array(2))))).toEqual(Array(8).fill(null));
  });

  it('counts a row weighted k like k copies of it', () => {
    const evaluator = binaryEvaluator(binaryData([0, 1, 1, 0, 1], [0.2, 0.9, 0.4, 0.4, 0.7]));
    const copies = binaryEvaluator(binaryData([0, 1, 1, 1, 0, 1, 1], [0.2, 0.9, 0.4, 0.4, 0.4, 0.7, 0.7]));
    const weighted = evaluator.compute(Uint8Array.from([1, 1, 2, 1, 2]));
    const expanded = copies.compute(null);
    weighted.forEach((value, m) => expect(value, evaluator.names[m]).toBeCloseTo(expanded[m]!, 14));
  });
});
