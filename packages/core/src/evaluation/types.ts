import type { BinaryCurves } from './schema.ts';

/** The three tasks `modelgate evaluate` knows, each with scikit-learn's metric names. */
export type Task = 'binary' | 'multiclass' | 'regression';

/**
 * Binary predictions, row-aligned typed arrays. `truth` and `predicted` hold 1 for the positive
 * class and 0 for the negative one; `score` is the probability (or any score) of the positive class.
 */
export interface BinaryData {
  task: 'binary';
  truth: Uint8Array;
  predicted: Uint8Array;
  score: Float64Array | null;
  /** Label names as written in the file, for the confusion matrix. */
  positiveLabel: string;
  negativeLabel: string;
  /** Whether the positive label sorts before the negative one (scikit-learn's label order). */
  positiveSortsFirst: boolean;
}

/** Multiclass predictions: class indices into `classes` (sorted as scikit-learn sorts them). */
export interface MulticlassData {
  task: 'multiclass';
  classes: readonly string[];
  truth: Int32Array;
  predicted: Int32Array;
  /** Row-major n x classes.length probabilities, column j for classes[j]; null without --proba-prefix. */
  proba: Float64Array | null;
}

export interface RegressionData {
  task: 'regression';
  truth: Float64Array;
  predicted: Float64Array;
}

export type EvaluationData = BinaryData | MulticlassData | RegressionData;

/** How many times each row counts: 0/1 for a slice, multinomial counts for a bootstrap resample. */
export type RowWeights = Uint8Array | Int32Array;

/**
 * A task's metrics, prepared once (sorts, per-row losses) so that each evaluation is one O(n) pass.
 * `weights[i]` is how many times row i counts: null for every row once, a 0/1 mask for a slice,
 * multinomial counts for a bootstrap resample. Undefined metrics come back as NaN; `warnings`,
 * when given, collects why (and scikit-learn's zero-division notes).
 */
export interface MetricEvaluator {
  readonly names: readonly string[];
  readonly rows: number;
  compute(weights: RowWeights | null, warnings?: string[]): Float64Array;
  /** Binary with scores: the curves of every row (once; slices and resamples have none). */
  curves?(warnings?: string[]): BinaryCurves;
}

export function rowCount(data: EvaluationData): number {
  return data.truth.length;
}

const onesCache = new WeakMap<object, Uint8Array>();

/**
 * `weights`, or every row once. Metric loops always read a typed array, so each stays
 * monomorphic (V8 slows down a loop that sees both null and arrays); the ones are cached per owner.
 */
export function weightsOrOnes(weights: RowWeights | null, rows: number, owner: object): RowWeights {
  if (weights !== null) return weights;
  let ones = onesCache.get(owner);
  if (!ones || ones.length !== rows) {
    ones = new Uint8Array(rows).fill(1);
    onesCache.set(owner, ones);
  }
  return ones;
}
