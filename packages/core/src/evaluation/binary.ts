import { binaryCurves } from './curves.ts';
import { rankingMetrics } from './ranking.ts';
import { argsortWithTies } from './sort.ts';
import { type BinaryData, type MetricEvaluator, type RowWeights, weightsOrOnes } from './types.ts';

export const BINARY_LABEL_METRICS = ['accuracy', 'precision', 'recall', 'f1'] as const;
export const BINARY_SCORE_METRICS = ['roc_auc', 'average_precision', 'log_loss', 'brier'] as const;

// scikit-learn 1.2's log_loss clips to [eps, 1 - eps] with eps = float64 machine epsilon.
const EPS = 2 ** -52;

/** Weighted sums from one pass; the metrics are ratios of these. */
interface BinarySums {
  total: number;
  positives: number;
  predictedPositives: number;
  hits: number;
  logLoss: number;
  brier: number;
  /** Twice the area under the unnormalised ROC curve, and the unnormalised AP sum. */
  twiceArea: number;
  precisionSum: number;
}

/**
 * Binary metrics with scikit-learn's defaults (pos_label = the positive class, average='binary',
 * zero_division='warn' meaning 0.0 plus a warning). Score metrics appear only when scores are given.
 * With scores, every per-row value is stored in decreasing-score order so that one sequential,
 * branch-light pass yields all eight metrics (ROC AUC as sklearn's trapezoid over distinct
 * thresholds, AP as its step sum).
 */
export function binaryEvaluator(data: BinaryData): MetricEvaluator {
  const n = data.truth.length;
  const { score } = data;
  const names = score ? [...BINARY_LABEL_METRICS, ...BINARY_SCORE_METRICS] : [...BINARY_LABEL_METRICS];
  const sorted = score ? argsortWithTies(score) : null;
  const order = sorted?.order ?? null;
  const at = (i: number) => (order ? order[i]! : i);
  const truth = new Uint8Array(n);
  const predicted = new Uint8Array(n);
  const rowLogLoss = score ? new Float64Array(n) : null;
  const rowBrier = score ? new Float64Array(n) : null;
  let scoresAreProbabilities = true;
  for (let k = 0; k < n; k++) {
    const i = at(k);
    truth[k] = data.truth[i]!;
    predicted[k] = data.predicted[i]!;
    if (score) {
      const p = score[i]!;
      if (p < 0 || p > 1) scoresAreProbabilities = false;
      // As scikit-learn: clip, expand to [1 - q, q], renormalise by the row sum, -log of the true column.
      const q = Math.min(Math.max(p, EPS), 1 - EPS);
      const rowSum = 1 - q + q;
      rowLogLoss![k] = truth[k] === 1 ? -Math.log(q / rowSum) : -Math.log((1 - q) / rowSum);
      rowBrier![k] = (truth[k]! - p) ** 2;
    }
  }

  function sums(weights: RowWeights): BinarySums {
    let total = 0;
    let positives = 0;
    let predictedPositives = 0;
    let hits = 0;
    let logLoss = 0;
    let brier = 0;
    let twiceArea = 0;
    let precisionSum = 0;
    if (!order) {
      for (let k = 0; k < n; k++) {
        // Branch-free (labels are random, so branches on them would mispredict half the time).
        const w = weights[k]!;
        const t = truth[k]!;
        const p = predicted[k]!;
        total += w;
        positives += w * t;
        predictedPositives += w * p;
        hits += w * t * p;
      }
      return { total, positives, predictedPositives, hits, logLoss, brier, twiceArea, precisionSum };
    }
    const groupEnds = sorted!.groupEnds;
    let positivesBefore = 0;
    let negativesBefore = 0;
    // The ROC/AP step of RankingCurve (ranking.ts), fused here with the other sums so that all eight
    // metrics take one pass over the rows.
    for (let k = 0; k < n; k++) {
      const w = weights[order[k]!]!;
      const t = truth[k]!;
      const p = predicted[k]!;
      total += w;
      positives += w * t;
      predictedPositives += w * p;
      hits += w * t * p;
      logLoss += w * rowLogLoss![k]!;
      brier += w * rowBrier![k]!;
      if (groupEnds[k] === 1) {
        // End of a distinct threshold: one ROC trapezoid and one AP step.
        const negatives = total - positives;
        twiceArea += (negatives - negativesBefore) * (positives + positivesBefore);
        if (positives !== positivesBefore) precisionSum += (positives - positivesBefore) * (positives / total);
        positivesBefore = positives;
        negativesBefore = negatives;
      }
    }
    return { total, positives, predictedPositives, hits, logLoss, brier, twiceArea, precisionSum };
  }

  return {
    names,
    rows: n,
    // From the rows already sorted for the ranking metrics: one more pass, no second sort.
    ...(score ? { curves: (warnings?: string[]) => binaryCurves(truth, sorted!.groupEnds, score, data.truth, warnings) } : {}),
    compute(weights, warnings) {
      const s = sums(weightsOrOnes(weights, n, data));
      const tp = s.hits;
      const fn = s.positives - s.hits;
      const fp = s.predictedPositives - s.hits;
      const tn = s.total - s.positives - fp;
      const out = new Float64Array(names.length);
      if (s.total === 0) {
        // No rows (an empty slice of a resample): nothing is defined, not even by convention.
        warnings?.push('no rows to evaluate; metrics set to null');
        return out.fill(NaN);
      }
      out[0] = (tp + tn) / s.total;
      const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
      const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
      out[1] = precision;
      out[2] = recall;
      out[3] = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      if (warnings) {
        if (tp + fp === 0) warnings.push('precision: no predicted positives; set to 0.0 (scikit-learn zero_division default)');
        if (tp + fn === 0) warnings.push('recall: no true positives in the labels; set to 0.0 (scikit-learn zero_division default)');
        if (tp + fp === 0 && tp + fn === 0) warnings.push('f1: no true nor predicted positives; set to 0.0 (scikit-learn zero_division default)');
      }
      if (score) {
        const negatives = s.total - s.positives;
        [out[4], out[5]] = rankingMetrics(s.twiceArea, s.precisionSum, s.positives, negatives);
        // Like scikit-learn: log_loss clips scores outside [0, 1]; brier_score_loss rejects them.
        out[6] = s.logLoss / s.total;
        out[7] = scoresAreProbabilities ? s.brier / s.total : NaN;
        if (warnings) {
          if (Number.isNaN(out[4]!)) warnings.push(`roc_auc: undefined with only one class present (${s.positives > 0 ? 'no negatives' : 'no positives'}); set to null`);
          if (s.positives === 0 && negatives > 0) warnings.push('average_precision: no positive class in the labels, recall is 1 at every threshold; set to 0.0 as scikit-learn does');
          if (!scoresAreProbabilities) warnings.push('scores outside [0, 1] are not probabilities: log_loss clips them to [eps, 1 - eps] as scikit-learn does, brier is set to null');
        }
      }
      return out;
    },
  };
}
