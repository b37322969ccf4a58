import { argsort } from './sort.ts';
import { type MetricEvaluator, type RegressionData, type RowWeights, weightsOrOnes } from './types.ts';

export const REGRESSION_METRICS = ['mae', 'mse', 'rmse', 'r2', 'mape', 'median_ae'] as const;

// scikit-learn's mean_absolute_percentage_error divides by max(|y|, float64 eps).
const EPS = 2 ** -52;

/** Regression metrics with scikit-learn's definitions; `mape` is a fraction, not a percent. */
export function regressionEvaluator(data: RegressionData): MetricEvaluator {
  const n = data.truth.length;
  const { truth, predicted } = data;
  const absolute = new Float64Array(n);
  const percentage = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const error = Math.abs(predicted[i]! - truth[i]!);
    absolute[i] = error;
    percentage[i] = error / Math.max(Math.abs(truth[i]!), EPS);
  }
  // The median of a weighted multiset is found by walking the errors in ascending order.
  const byError = argsort(absolute, { ascending: true });

  return {
    names: REGRESSION_METRICS,
    rows: n,
    compute(weights, warnings) {
      const w8 = weightsOrOnes(weights, n, data);
      let total = 0;
      let sumAbsolute = 0;
      let sumSquared = 0;
      let sumPercentage = 0;
      let sumTruth = 0;
      let zeroTruth = 0;
      for (let i = 0; i < n; i++) {
        const w = w8[i]!;
        if (w === 0) continue;
        if (truth[i] === 0) zeroTruth += w;
        total += w;
        sumAbsolute += w * absolute[i]!;
        sumSquared += w * absolute[i]! * absolute[i]!;
        sumPercentage += w * percentage[i]!;
        sumTruth += w * truth[i]!;
      }
      const out = new Float64Array(REGRESSION_METRICS.length).fill(NaN);
      if (total === 0) {
        warnings?.push('no rows to evaluate; metrics set to null');
        return out;
      }
      const mean = sumTruth / total;
      let spread = 0;
      for (let i = 0; i < n; i++) {
        const w = w8[i]!;
        if (w !== 0) spread += w * (truth[i]! - mean) ** 2;
      }
      out[0] = sumAbsolute / total;
      out[1] = sumSquared / total;
      out[2] = Math.sqrt(sumSquared / total);
      out[3] = rSquared(sumSquared, spread, total, warnings);
      out[4] = sumPercentage / total;
      if (zeroTruth > 0) {
        warnings?.push(`mape: the label is 0 in ${zeroTruth} of ${total} rows; scikit-learn divides their errors by machine epsilon (2.2e-16), so mape is huge and says little`);
      }
      out[5] = weightedMedian(absolute, byError, w8, total);
      return out;
    },
  };
}

// scikit-learn's force_finite conventions: constant truth gives 1.0 for a perfect fit, else 0.0.
function rSquared(residual: number, spread: number, total: number, warnings?: string[]): number {
  if (total < 2) {
    warnings?.push('r2: not well-defined with fewer than two rows; set to null');
    return NaN;
  }
  if (spread === 0) {
    warnings?.push(`r2: the labels are constant; set to ${residual === 0 ? '1.0 (perfect fit)' : '0.0'} as scikit-learn does`);
    return residual === 0 ? 1 : 0;
  }
  return 1 - residual / spread;
}

/** np.median of the multiset where row i appears weights[i] times. */
function weightedMedian(values: Float64Array, ascending: Int32Array, weights: RowWeights, total: number): number {
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let seen = 0;
  let low = NaN;
  for (let k = 0; k < ascending.length; k++) {
    const i = ascending[k]!;
    const w = weights[i]!;
    if (w === 0) continue;
    seen += w;
    if (Number.isNaN(low) && seen > lowRank) low = values[i]!;
    if (seen > highRank) return (low + values[i]!) / 2;
  }
  return low;
}
