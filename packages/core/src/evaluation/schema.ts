import { z } from 'zod';

/** A metric value in JSON: a number, or null when undefined (never NaN). */
const metricValue = z.number().nullable();
const metricMap = z.record(z.string(), metricValue);
const interval = z.tuple([z.number(), z.number()]).nullable();

/** classification_report's values for one class (multiclass). */
const classMetrics = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int().nonnegative() });
/** Label -> its metrics, for the classes present in the labels or predictions. */
const perClass = z.record(z.string(), classMetrics);

/** Curve values on a grid: null where the definition gives none (see curves.ts). */
const onGrid = z.array(z.number().nullable());
const sameLength = (a: unknown[], b: unknown[]) => a.length === b.length;

/** Binary curves on fixed grids (curves.ts pins each to scikit-learn). */
export const curvesSchema = z.object({
  roc: z.object({ fpr: z.array(z.number()), tpr: onGrid }).refine((c) => sameLength(c.fpr, c.tpr), 'fpr and tpr differ in length'),
  pr: z.object({ recall: z.array(z.number()), precision: onGrid }).refine((c) => sameLength(c.recall, c.precision), 'recall and precision differ in length'),
  /** 10 uniform bins of the score over [0, 1]; absent when scores are not probabilities. */
  calibration: z
    .object({ mean_predicted: onGrid, fraction_positive: onGrid, count: z.array(z.number().int().nonnegative()) })
    .refine((c) => sameLength(c.mean_predicted, c.count) && sameLength(c.fraction_positive, c.count), 'bins differ in length')
    .optional(),
});
export type BinaryCurves = z.infer<typeof curvesSchema>;
export type RocCurve = BinaryCurves['roc'];
export type PrecisionRecallCurve = BinaryCurves['pr'];
export type CalibrationCurve = NonNullable<BinaryCurves['calibration']>;
export const perClassSchema = perClass;
export type PerClassMetrics = z.infer<typeof perClass>;

/** The file `modelgate evaluate` writes; the diff, gate and report read it. */
export const evaluationOutputSchema = z.object({
  task: z.enum(['binary', 'multiclass', 'regression']),
  rows: z.number().int().nonnegative(),
  metrics: metricMap,
  /** name -> [lo, hi]: 95% percentile bootstrap interval, present with --bootstrap. */
  intervals: z.record(z.string(), interval).optional(),
  bootstrap: z.object({ n: z.number().int().positive(), seed: z.number().int().nonnegative(), confidence: z.number() }).optional(),
  /** --slice-by: the column, and per value its row count, every task metric and, with --bootstrap, intervals. */
  slice_by: z.string().optional(),
  slices: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), metrics: metricMap, intervals: z.record(z.string(), interval).optional(), per_class: perClass.optional() })).optional(),
  confusion_matrix: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
  /** Multiclass: precision, recall, f1 and support per class, as classification_report gives them. */
  per_class: perClass.optional(),
  /** Binary with scores: ROC, precision-recall and calibration curves on fixed grids. */
  curves: curvesSchema.optional(),
  positive_label: z.string().optional(),
  threshold: z.number().optional(),
  warnings: z.array(z.string()),
});
export type EvaluationOutput = z.infer<typeof evaluationOutputSchema>;

const metricDelta = z.object({
  delta: z.number().nullable(),
  interval,
  head_better_share: z.number().nullable(),
  within_noise: z.boolean().nullable(),
});

/** The file `modelgate compare` writes: paired-bootstrap deltas, head minus base. */
export const comparisonOutputSchema = z.object({
  task: z.enum(['binary', 'multiclass', 'regression']),
  rows: z.number().int().nonnegative(),
  id_column: z.string(),
  base: z.object({ metrics: metricMap }),
  head: z.object({ metrics: metricMap }),
  /** Keyed by metric; with --slice-by also by `metric[column=value]` for each slice. */
  deltas: z.record(z.string(), metricDelta),
  bootstrap: z.object({ n: z.number().int().positive(), seed: z.number().int().nonnegative(), confidence: z.number() }),
  slice_by: z.string().optional(),
  slices: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), base: z.object({ metrics: metricMap }), head: z.object({ metrics: metricMap }) })).optional(),
  positive_label: z.string().optional(),
  threshold: z.number().optional(),
  warnings: z.array(z.string()),
});
export type ComparisonOutput = z.infer<typeof comparisonOutputSchema>;
