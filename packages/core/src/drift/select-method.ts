// `auto`: Evidently's default choice of test (its legacy `_get_default_stattest`), counted on the
// reference's non-null values: up to 1,000 rows, KS for numbers with more than 5 distinct values,
// chi-square for more than 2 categories, the z-test for 2 (or 1); beyond, Wasserstein normalised
// by the reference's std for numbers and Jensen-Shannon for categories. A numeric column with at
// most 5 distinct reference values counts as categorical.

import type { DriftMethod } from './methods.ts';

/** Largest reference (non-null rows) that gets a statistical test rather than a distance. */
export const AUTO_SMALL_REFERENCE = 1000;
/** A numeric column with at most this many distinct reference values is categorical. */
export const AUTO_MAX_CATEGORY_NUMBERS = 5;

export function autoMethod(type: 'numeric' | 'categorical', referenceRows: number, distinctReference: number): DriftMethod {
  if (referenceRows <= AUTO_SMALL_REFERENCE) {
    if (type === 'numeric') return 'ks';
    return distinctReference > 2 ? 'chisquare' : 'ztest';
  }
  return type === 'numeric' ? 'wasserstein' : 'js';
}
