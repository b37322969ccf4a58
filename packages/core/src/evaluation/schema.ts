import { z } from 'zod';

/** A metric value in JSON: a number, or null when undefined (never NaN). */
const metricValue = z.number().nullable();
const metricMap = z.record(z.string(), metricValue);
const interval = z.tuple([z.number(), z.number()]).nullable();

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
  slices: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), metrics: metricMap, intervals: z.record(z.string(), interval).optional() })).optional(),
  confusion_matrix: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).optional(),
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
