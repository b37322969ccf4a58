import { z } from 'zod';
import { DRIFT_METHODS } from './methods.ts';

const count = z.number().int().nonnegative();

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
  reference: z.object({ path: z.string(), rows: count }),
  current: z.object({ path: z.string(), rows: count }),
  columns: z.array(driftColumnSchema),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
