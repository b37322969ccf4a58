import { RankingCurve } from './ranking.ts';
import { type MetricEvaluator, type MulticlassData, weightsOrOnes } from './types.ts';

export const MULTICLASS_LABEL_METRICS = ['accuracy', 'balanced_accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted'] as const;
export const MULTICLASS_PROBA_METRICS = ['log_loss', 'roc_auc_ovr'] as const;

const EPS = 2 ** -52;

/**
 * Multiclass metrics with scikit-learn's defaults. As in scikit-learn, the averaged metrics run
 * over the classes present in the labels or predictions of the evaluated rows (so a class that a
 * resample or slice lacks drops out), log_loss over every probability column (labels=classes),
 * and roc_auc_ovr is the macro mean of one-vs-rest AUCs, undefined when a class has no rows.
 */
export function multiclassEvaluator(data: MulticlassData): MetricEvaluator {
  const n = data.truth.length;
  const k = data.classes.length;
  const { truth, predicted, proba } = data;
  let rowLogLoss: Float64Array | null = null;
  let curves: RankingCurve[] = [];
  if (proba) {
    rowLogLoss = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // scikit-learn: clip every probability to [eps, 1 - eps], renormalise the row, -log of the true column.
      let rowSum = 0;
      for (let j = 0; j < k; j++) rowSum += clip(proba[i * k + j]!);
      rowLogLoss[i] = -Math.log(clip(proba[i * k + truth[i]!]!) / rowSum);
    }
    curves = data.classes.map((_, j) => {
      const column = new Float64Array(n);
      const isClass = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        column[i] = proba[i * k + j]!;
        isClass[i] = truth[i] === j ? 1 : 0;
      }
      return new RankingCurve(column, isClass);
    });
  }
  const names = proba ? [...MULTICLASS_LABEL_METRICS, ...MULTICLASS_PROBA_METRICS] : [...MULTICLASS_LABEL_METRICS];
  const confusion = new Float64Array(k * k);

  return {
    names,
    rows: n,
    compute(weights, warnings) {
      const w8 = weightsOrOnes(weights, n, data);
      confusion.fill(0);
      let logLoss = 0;
      for (let i = 0; i < n; i++) {
        const w = w8[i]!;
        if (w === 0) continue;
        confusion[truth[i]! * k + predicted[i]!]! += w;
        if (rowLogLoss) logLoss += w * rowLogLoss[i]!;
      }
      let total = 0;
      let correct = 0;
      let present = 0;
      let withTruth = 0;
      let recallOverTruth = 0;
      let precisionSum = 0;
      let recallSum = 0;
      let f1Sum = 0;
      let f1Weighted = 0;
      const noPredictions: string[] = [];
      const notInTruth: string[] = [];
      for (let j = 0; j < k; j++) {
        let trueCount = 0;
        let predictedCount = 0;
        for (let m = 0; m < k; m++) {
          trueCount += confusion[j * k + m]!;
          predictedCount += confusion[m * k + j]!;
        }
        const hits = confusion[j * k + j]!;
        total += trueCount;
        correct += hits;
        if (trueCount === 0 && predictedCount === 0) continue;
        present++;
        const precision = predictedCount > 0 ? hits / predictedCount : 0;
        const recall = trueCount > 0 ? hits / trueCount : 0;
        const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
        precisionSum += precision;
        recallSum += recall;
        f1Sum += f1;
        f1Weighted += f1 * trueCount;
        if (trueCount > 0) {
          withTruth++;
          recallOverTruth += recall;
        } else notInTruth.push(data.classes[j]!);
        if (predictedCount === 0) noPredictions.push(data.classes[j]!);
      }
      const out = new Float64Array(names.length);
      out[0] = total > 0 ? correct / total : NaN;
      out[1] = withTruth > 0 ? recallOverTruth / withTruth : NaN;
      out[2] = present > 0 ? precisionSum / present : NaN;
      out[3] = present > 0 ? recallSum / present : NaN;
      out[4] = present > 0 ? f1Sum / present : NaN;
      out[5] = total > 0 ? f1Weighted / total : NaN;
      let undefinedAuc = '';
      if (proba) {
        out[6] = total > 0 ? logLoss / total : NaN;
        let aucSum = 0;
        for (let j = 0; j < k && !undefinedAuc; j++) {
          const [auc] = curves[j]!.compute(weights);
          if (Number.isNaN(auc)) undefinedAuc = data.classes[j]!;
          aucSum += auc;
        }
        out[7] = undefinedAuc ? NaN : aucSum / k;
      }
      if (warnings) {
        if (total === 0) warnings.push('no rows to evaluate; metrics set to null');
        if (noPredictions.length > 0) warnings.push(`precision_macro: no predictions of class ${listed(noPredictions)}; its precision set to 0.0 (scikit-learn zero_division default)`);
        if (notInTruth.length > 0) warnings.push(`recall_macro: class ${listed(notInTruth)} never occurs in the labels; its recall set to 0.0 (scikit-learn zero_division default) and balanced_accuracy leaves it out`);
        if (undefinedAuc) warnings.push(`roc_auc_ovr: undefined because class ${JSON.stringify(undefinedAuc)} is ${total > 0 && isWholeTruth(confusion, k, data.classes.indexOf(undefinedAuc), total) ? 'the only class' : 'absent'} in the labels; set to null`);
      }
      return out;
    },
  };
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function listed(classes: string[]): string {
  return classes.map((c) => JSON.stringify(c)).join(', ');
}

function isWholeTruth(confusion: Float64Array, k: number, j: number, total: number): boolean {
  let count = 0;
  for (let m = 0; m < k; m++) count += confusion[j * k + m]!;
  return count === total;
}
