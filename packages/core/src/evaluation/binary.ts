import { RankingCurve } from './ranking.ts';
import { type BinaryData, type MetricEvaluator, weightsOrOnes } from './types.ts';

export const BINARY_LABEL_METRICS = ['accuracy', 'precision', 'recall', 'f1'] as const;
export const BINARY_SCORE_METRICS = ['roc_auc', 'average_precision', 'log_loss', 'brier'] as const;

// scikit-learn 1.2's log_loss clips to [eps, 1 - eps] with eps = float64 machine epsilon.
const EPS = 2 ** -52;

/**
 * Binary metrics with scikit-learn's defaults (pos_label = the positive class, average='binary',
 * zero_division='warn' meaning 0.0 plus a warning). Score metrics appear only when scores are given.
 */
export function binaryEvaluator(data: BinaryData): MetricEvaluator {
  const n = data.truth.length;
  const { truth, predicted, score } = data;
  const curve = score ? new RankingCurve(score, truth) : null;
  // Per-row losses, computed once; each evaluation is then a weighted sum.
  let rowLogLoss: Float64Array | null = null;
  let rowBrier: Float64Array | null = null;
  let scoresAreProbabilities = true;
  if (score) {
    rowLogLoss = new Float64Array(n);
    rowBrier = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = score[i]!;
      if (p < 0 || p > 1) scoresAreProbabilities = false;
      // As scikit-learn: clip, expand to [1 - q, q], renormalise by the row sum, -log of the true column.
      const q = Math.min(Math.max(p, EPS), 1 - EPS);
      const rowSum = 1 - q + q;
      rowLogLoss[i] = truth[i] === 1 ? -Math.log(q / rowSum) : -Math.log((1 - q) / rowSum);
      rowBrier[i] = (truth[i]! - p) ** 2;
    }
  }
  const names = score ? [...BINARY_LABEL_METRICS, ...BINARY_SCORE_METRICS] : [...BINARY_LABEL_METRICS];

  return {
    names,
    rows: n,
    compute(weights, warnings) {
      const w8 = weightsOrOnes(weights, n, data);
      // Branch-free sums (labels are random, branches on them mispredict): the four confusion
      // counts follow from total, positives, predicted positives and hits, all exact integers.
      let total = 0;
      let positives = 0;
      let predictedPositives = 0;
      let hits = 0;
      let logLoss = 0;
      let brier = 0;
      for (let i = 0; i < n; i++) {
        const w = w8[i]!;
        const t = truth[i]!;
        const p = predicted[i]!;
        total += w;
        positives += w * t;
        predictedPositives += w * p;
        hits += w * t * p;
      }
      if (rowLogLoss) {
        for (let i = 0; i < n; i++) {
          const w = w8[i]!;
          logLoss += w * rowLogLoss[i]!;
          brier += w * rowBrier![i]!;
        }
      }
      const tp = hits;
      const fn = positives - hits;
      const fp = predictedPositives - hits;
      const tn = total - positives - fp;
      const out = new Float64Array(names.length);
      out[0] = total > 0 ? (tp + tn) / total : NaN;
      const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
      const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
      out[1] = precision;
      out[2] = recall;
      out[3] = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      if (warnings) {
        if (total === 0) warnings.push('accuracy: no rows to evaluate; set to null');
        if (tp + fp === 0) warnings.push('precision: no predicted positives; set to 0.0 (scikit-learn zero_division default)');
        if (tp + fn === 0) warnings.push('recall: no true positives in the labels; set to 0.0 (scikit-learn zero_division default)');
        if (tp + fp === 0 && tp + fn === 0) warnings.push('f1: no true nor predicted positives; set to 0.0 (scikit-learn zero_division default)');
      }
      if (curve) {
        const [auc, averagePrecision, positives, negatives] = curve.compute(weights);
        out[4] = auc;
        out[5] = averagePrecision;
        out[6] = scoresAreProbabilities && total > 0 ? logLoss / total : NaN;
        out[7] = scoresAreProbabilities && total > 0 ? brier / total : NaN;
        if (warnings) {
          if (Number.isNaN(auc)) warnings.push(`roc_auc: undefined with only one class present (${positives > 0 ? 'no negatives' : 'no positives'}); set to null`);
          if (positives === 0 && negatives > 0) warnings.push('average_precision: no positive class in the labels, recall is 1 at every threshold; set to 0.0 as scikit-learn does');
          if (!scoresAreProbabilities) warnings.push('log_loss, brier: scores outside [0, 1] are not probabilities; set to null');
        }
      }
      return out;
    },
  };
}
