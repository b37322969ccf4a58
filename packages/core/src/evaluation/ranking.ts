import { argsort, tieGroupEnds } from './sort.ts';

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
    this.order = argsort(score);
    this.groupEnds = tieGroupEnds(score, this.order);
    this.sortedTruth = new Uint8Array(score.length);
    for (let k = 0; k < score.length; k++) this.sortedTruth[k] = truth[this.order[k]!]!;
  }

  /** [roc_auc, average_precision, positives, negatives]; NaN where undefined (no positives or negatives). */
  compute(weights: Int32Array | null): [number, number, number, number] {
    const { order, sortedTruth, groupEnds } = this;
    let tp = 0;
    let fp = 0;
    let tpBefore = 0;
    let fpBefore = 0;
    let twiceArea = 0;
    let precisionSum = 0;
    for (let k = 0; k < order.length; k++) {
      const w = weights === null ? 1 : weights[order[k]!]!;
      if (sortedTruth[k] === 1) tp += w;
      else fp += w;
      if (groupEnds[k] === 1) {
        twiceArea += (fp - fpBefore) * (tp + tpBefore);
        if (tp !== tpBefore) precisionSum += (tp - tpBefore) * (tp / (tp + fp));
        tpBefore = tp;
        fpBefore = fp;
      }
    }
    const auc = tp > 0 && fp > 0 ? twiceArea / (2 * tp * fp) : NaN;
    // scikit-learn sets recall to 1 everywhere without positives, so AP is 0 (with a warning).
    const averagePrecision = tp > 0 ? precisionSum / tp : fp > 0 ? 0 : NaN;
    return [auc, averagePrecision, tp, fp];
  }
}
