// The drift methods `modelgate drift --method` accepts, their defaults and what their statistic is.

import { InputError } from '../errors.ts';
import { nearest } from '../nearest.ts';

export const DRIFT_METHODS = ['ks', 'wasserstein', 'psi', 'js', 'chisquare', 'ztest', 'linf'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];
/** A method, or `auto` (chosen per column as Evidently does by default). */
export type MethodChoice = DriftMethod | 'auto';

/** Methods whose threshold applies to a p-value (drift when p < threshold). */
export const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(['ks', 'chisquare', 'ztest']);

/** Default thresholds: 0.05 for p-values, 0.1 for distances (drift when statistic >= threshold). */
export function defaultThreshold(method: DriftMethod): number {
  return P_VALUE_METHODS.has(method) ? 0.05 : 0.1;
}

/** What `statistic` holds, as the report and the table name it. */
export const STATISTIC_NAMES: Record<DriftMethod, string> = {
  ks: 'KS D',
  wasserstein: 'Wasserstein W1 / std(reference)',
  psi: 'PSI',
  js: 'Jensen-Shannon distance (natural log)',
  chisquare: 'chi-square',
  ztest: '|z|',
  linf: 'L-infinity',
};

/** Methods that compare numbers as numbers (need numeric values on both sides). */
export const NUMERIC_METHODS: ReadonlySet<DriftMethod> = new Set(['ks', 'wasserstein']);
/** Methods that compare categories (a numeric column qualifies with at most 5 distinct reference values). */
export const CATEGORICAL_METHODS: ReadonlySet<DriftMethod> = new Set(['chisquare', 'ztest', 'linf']);

export function isDriftMethod(name: string): name is DriftMethod {
  return (DRIFT_METHODS as readonly string[]).includes(name);
}

/**
 * `auto`, one method, or a comma-separated list of methods (`ks,psi`), as --method takes it.
 * `where` names the option or key in the error (`--method`).
 */
export function parseMethodList(text: string, where: string): MethodChoice[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.length === 1 && names[0] === 'auto') return ['auto'];
  const methods: DriftMethod[] = [];
  for (const name of names) {
    if (!isDriftMethod(name)) {
      const suggestion = nearest(name, [...DRIFT_METHODS, 'auto']);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      const why = name === 'auto' ? 'auto cannot be combined with other methods' : `unknown method "${name}"${hint}`;
      throw new InputError(`${where}: ${why}; use auto, or one or more of ${DRIFT_METHODS.join(', ')} separated by commas`);
    }
    if (!methods.includes(name)) methods.push(name);
  }
  return methods;
}
