import { argsortWithTies } from './sort.ts';
import { type RowWeights, weightsOrOnes } from './types.ts';

/**
 * ROC AUC and average precision of one score against 0/1 truth, as scikit-learn defines them:
 * thresholds are the distinct scores (ties form one step), AUC is the trapezoid area under the
 * ROC curve, AP is sum over thresholds of (recall increment) x precision, not interpolated.
 * Prepared once (one sort); each call is a single weighted pass over the sorted rows.
 */
export class RankingCurve {
  private readonly order: Int32Array;
  private readonly sortedTruth: Uint8Array;
  private readonly groupEnds: Uint8Array;

  constructor(score: Float64Array, truth: Uint8Array) {
    const { order, groupEnds } = argsortWithTies(score);
    this.order = order;
    this.groupEnds = groupEnds;
    this.sortedTruth = new Uint8Array(score.length);
    for (let k = 0; k < score.length; k++) this.sortedTruth[k] = truth[this.order[k]!]!;
  }

  /** [roc_auc, average_precision, positives, negatives]; NaN where undefined (no positives or negatives). */
  compute(weights: RowWeights | null): [number, number, number, number] {
    const { order, sortedTruth, groupEnds } = this;
    const n = order.length;
    const w8 = weightsOrOnes(weights, n, this);
    let tp = 0;
    let seen = 0;
    let tpBefore = 0;
    let fpBefore = 0;
    let twiceArea = 0;
    let precisionSum = 0;
    for (let k = 0; k < n; k++) {
      // Branch-free accumulation: truth is random, so a branch on it would mispredict half the time.
      const w = w8[order[k]!]!;
      tp += w * sortedTruth[k]!;
      seen += w;
      if (groupEnds[k] === 1) {
        const fp = seen - tp;
        twiceArea += (fp - fpBefore) * (tp + tpBefore);
        if (tp !== tpBefore) precisionSum += (tp - tpBefore) * (tp / seen);
        tpBefore = tp;
        fpBefore = fp;
      }
    }
    const fp = seen - tp;
    const [auc, averagePrecision] = rankingMetrics(twiceArea, precisionSum, tp, fp);
    return [auc, averagePrecision, tp, fp];
  }
}

/**
 * ROC AUC and average precision from the sums of a pass over rows by decreasing score (here and,
 * fused with the other binary metrics, in binary.ts): twice the unnormalised ROC area and the
 * unnormalised AP step sum. NaN where undefined.
 */
export function rankingMetrics(twiceArea: number, precisionSum: number, positives: number, negatives: number): [number, number] {
  const auc = positives > 0 && negatives > 0 ? twiceArea / (2 * positives * negatives) : NaN;
  // scikit-learn sets recall to 1 everywhere without positives, so AP is 0 (with a warning).
  const averagePrecision = positives > 0 ? precisionSum / positives : negatives > 0 ? 0 : NaN;
  return [auc, averagePrecision];
}
