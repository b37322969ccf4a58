// Binary curves on fixed grids, so a base and a head file line up point by point and a PR comment
// can draw them without holding every threshold. Each definition is pinned to scikit-learn 1.2
// (test/fixtures/sklearn/generate.py checks them) and computed in one streaming pass: memory does
// not grow with the number of rows or distinct scores.
import type { BinaryCurves, CalibrationCurve, PrecisionRecallCurve, RocCurve } from './schema.ts';

/** Grid steps of the ROC and precision-recall curves: 0, 0.02, ..., 1 (51 points). */
export const CURVE_STEPS = 50;
/** Uniform score bins of the calibration curve, as calibration_curve(n_bins=10, strategy="uniform"). */
export const CALIBRATION_BINS = 10;

/** 0, 0.02, ..., 1 as the doubles nearest those decimals (i / 50). */
export function curveGrid(): number[] {
  return Array.from({ length: CURVE_STEPS + 1 }, (_, i) => i / CURVE_STEPS);
}

/**
 * ROC and precision-recall curves from 0/1 truth in decreasing-score order, `groupEnds[k]` = 1 where
 * a run of tied scores ends (one threshold of scikit-learn's _binary_clf_curve).
 *
 * - `roc.tpr[i]`: the largest true positive rate among roc_curve(drop_intermediate=False)'s points
 *   (which start at (0, 0)) whose false positive rate is <= `roc.fpr[i]`; null without positives or
 *   negatives, where scikit-learn's rates are NaN.
 * - `pr.precision[i]`: the largest precision among precision_recall_curve's points (including its
 *   final (recall 0, precision 1)) whose recall is >= `pr.recall[i]`; null where there is none.
 *   Without positives scikit-learn sets recall to 1 at every threshold, and so does this.
 */
export function rankingCurves(sortedTruth: Uint8Array, groupEnds: Uint8Array): { roc: RocCurve; pr: PrecisionRecallCurve } {
  const n = sortedTruth.length;
  let positives = 0;
  for (let k = 0; k < n; k++) positives += sortedTruth[k]!;
  const negatives = n - positives;
  const grid = curveGrid();
  const tpr: (number | null)[] = new Array(grid.length).fill(null);
  // best[j]: the largest precision among points whose recall reaches grid[j] but not grid[j + 1].
  const best = new Float64Array(grid.length).fill(-Infinity);
  const rocDefined = positives > 0 && negatives > 0;
  let rocAt = 0;
  let rocBest = 0; // the (0, 0) point that starts scikit-learn's ROC curve
  let prAt = 0;
  let tp = 0;
  let seen = 0;
  for (let k = 0; k < n; k++) {
    tp += sortedTruth[k]!;
    seen++;
    if (groupEnds[k] !== 1) continue;
    if (rocDefined) {
      // Points come with non-decreasing rates: grid values below this point's fpr are final.
      const fpr = (seen - tp) / negatives;
      while (rocAt <= CURVE_STEPS && fpr > grid[rocAt]!) tpr[rocAt++] = rocBest;
      rocBest = tp / positives;
    }
    const recall = positives > 0 ? tp / positives : 1;
    while (prAt < CURVE_STEPS && recall >= grid[prAt + 1]!) prAt++;
    const precision = tp / seen;
    if (precision > best[prAt]!) best[prAt] = precision;
  }
  if (rocDefined) while (rocAt <= CURVE_STEPS) tpr[rocAt++] = rocBest;
  if (n > 0 && best[0]! < 1) best[0] = 1; // scikit-learn's last point: recall 0, precision 1
  const precision: (number | null)[] = new Array(grid.length).fill(null);
  let suffix = -Infinity;
  for (let i = CURVE_STEPS; i >= 0; i--) {
    suffix = Math.max(suffix, best[i]!);
    precision[i] = suffix === -Infinity ? null : suffix;
  }
  return { roc: { fpr: grid, tpr }, pr: { recall: grid.slice(), precision } };
}

/**
 * scikit-learn's calibration_curve(strategy="uniform", n_bins=10) with every bin kept: bin i holds
 * the scores above edge i and up to edge i + 1, where edge i is numpy.linspace(0, 1, 11)[i] (so a
 * score exactly on an edge falls in the lower bin, as numpy.searchsorted puts it). Sums run in row
 * order, as numpy.bincount adds them. Null when a score lies outside [0, 1], which scikit-learn rejects.
 */
export function calibrationCurve(score: Float64Array, truth: Uint8Array): CalibrationCurve | null {
  const edges = Float64Array.from({ length: CALIBRATION_BINS + 1 }, (_, i) => i * (1 / CALIBRATION_BINS));
  edges[CALIBRATION_BINS] = 1;
  const sums = new Float64Array(CALIBRATION_BINS);
  const hits = new Float64Array(CALIBRATION_BINS);
  const counts = new Float64Array(CALIBRATION_BINS);
  for (let i = 0; i < score.length; i++) {
    const p = score[i]!;
    if (!(p >= 0 && p <= 1)) return null;
    // The multiplication finds the bin to within one; the exact edges settle scores on or near one.
    let bin = (p * CALIBRATION_BINS) | 0;
    if (bin > CALIBRATION_BINS - 1) bin = CALIBRATION_BINS - 1;
    if (bin > 0 && p <= edges[bin]!) bin--;
    else if (bin < CALIBRATION_BINS - 1 && p > edges[bin + 1]!) bin++;
    sums[bin]! += p;
    hits[bin]! += truth[i]!;
    counts[bin]!++;
  }
  const perBin = (values: Float64Array) => Array.from(values, (value, bin) => (counts[bin] === 0 ? null : value / counts[bin]!));
  return { mean_predicted: perBin(sums), fraction_positive: perBin(hits), count: Array.from(counts) };
}

/** The curves of binary data with scores: ranking curves from the sorted rows, calibration from the scores. */
export function binaryCurves(sortedTruth: Uint8Array, groupEnds: Uint8Array, score: Float64Array, truth: Uint8Array, warnings?: string[]): BinaryCurves {
  const curves: BinaryCurves = rankingCurves(sortedTruth, groupEnds);
  if (warnings && curves.roc.tpr[0] === null) warnings.push('curves.roc: undefined with only one class present; tpr set to null');
  const calibration = calibrationCurve(score, truth);
  if (calibration) curves.calibration = calibration;
  else warnings?.push('curves.calibration: left out because scores outside [0, 1] are not probabilities');
  return curves;
}
