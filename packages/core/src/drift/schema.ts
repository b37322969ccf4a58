import { z } from 'zod';
import { DRIFT_METHODS } from './methods.ts';

const count = z.number().int().nonnegative();

/**
 * How far a statistic computed from profiles may be from the one exact mode computes on the same
 * data (DataSketches' 99% confidence for the KLL sketches; counts and category tables are exact).
 */
export const sketchErrorSchema = z.object({
  /** |sketched - exact| <= this; 0 when both profiles hold every value; null when no bound holds (categories pooled). */
  statistic: z.number().nullable(),
  /** The same for effect_size. */
  effect_size: z.number().nullable(),
  /** ks: the p-values at the statistic minus and plus its bound (p_value is computed from the sketched statistic). */
  p_value_range: z.tuple([z.number(), z.number()]).optional(),
  /** psi, js on numbers: how far each bin's share may be from exact mode's, at most. */
  share_error: z.number().optional(),
  /** Rank error of each side's quantile sketch over all queries at once (0: every value held). */
  reference_rank_error: z.number(),
  current_rank_error: z.number(),
  /** Values in categories beyond the profiles' kept ones, compared as one bin. */
  reference_pooled: count.optional(),
  current_pooled: count.optional(),
  /** Whether the verdict (drifted or not) is the same for every value within the bound (false when there is none). */
  verdict_holds: z.boolean(),
  /** How the bound was made. */
  basis: z.string(),
});
export type SketchError = z.infer<typeof sketchErrorSchema>;

/** One test of one column (with several methods, one entry per column and method). */
export const driftColumnSchema = z.object({
  name: z.string(),
  /** numeric, or categorical: text, a column named categorical, or at most 5 distinct reference numbers. */
  type: z.enum(['numeric', 'categorical']),
  /** null for a column missing on one side under `auto` (no method could be chosen). */
  method: z.enum(DRIFT_METHODS).nullable(),
  /** tested; not_tested (see reason; never drifted, left out of the share); schema_change (drifted). */
  status: z.enum(['tested', 'not_tested', 'schema_change']),
  reason: z.string().nullable(),
  /** D, W1 / std(reference), PSI, JS distance, chi-square, |z| or L-infinity; null when not tested. */
  statistic: z.number().nullable(),
  statistic_name: z.string().nullable(),
  /** ks, chisquare and ztest; null for distances and untested columns. */
  p_value: z.number().nullable(),
  /** Applies to p_value for ks/chisquare/ztest (drift when p < threshold), else to statistic (>=). */
  threshold: z.number().nullable(),
  drifted: z.boolean(),
  /** How far apart the distributions are, beside the p-value: normalised W1 for ks, JS distance for chisquare/ztest, the statistic itself for distances. */
  effect_size: z.object({ name: z.string(), value: z.number() }).nullable(),
  /** Non-null finite values tested on each side; the dropped ones are counted beside them. */
  reference_rows: count,
  current_rows: count,
  reference_nulls: count,
  current_nulls: count,
  reference_nan: count,
  current_nan: count,
  reference_infinite: count,
  current_infinite: count,
  distinct_reference: count.nullable(),
  /** ks: exact, asymptotic, or asymptotic after exact failed (scipy's fallback). */
  ks_mode: z.enum(['exact', 'asymptotic', 'asymptotic after exact failed']).optional(),
  /** chisquare: degrees of freedom (categories - 1). */
  df: count.optional(),
  /** psi, js: bins compared (deciles of the reference, or categories). */
  bins: count.optional(),
  /** ztest: the category whose share is compared. */
  category: z.string().optional(),
  /** Categories of the current data the reference lacks (the first 100), and how many there are. */
  unseen_categories: z.array(z.string()).optional(),
  unseen_categories_total: count.optional(),
  /** From profiles only: the error bound of the sketched statistic. */
  sketch_error: sketchErrorSchema.optional(),
});
export type DriftColumn = z.infer<typeof driftColumnSchema>;

/** The file `modelgate drift` writes. */
export const driftReportSchema = z.object({
  /** Dataset drift: drifted_share >= drift_share. */
  drifted: z.boolean(),
  /** Drifted entries / entries counted (tested ones and schema changes). */
  drifted_share: z.number(),
  drift_share: z.number(),
  counted: count,
  drifted_count: count,
  reference: z.object({ path: z.string(), rows: count, profile: z.boolean().optional() }),
  current: z.object({ path: z.string(), rows: count, profile: z.boolean().optional() }),
  /** Present only when the statistics come from profiles (`profile`: each tested entry then has sketch_error); exact mode leaves it out. */
  mode: z.literal('profile').optional(),
  columns: z.array(driftColumnSchema),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
