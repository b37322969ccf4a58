import type { ColumnValidator, ValueCheck } from './column-validator.ts';
import { describeBounds, formatCount, formatNumber, formatShare } from './format.ts';
import type { CheckExample, CheckResult, FailureTally } from './report.ts';
import type { ColumnCheckName } from './schema.ts';

type Emit = (check: ColumnCheckName, passed: boolean, failed: number, denominator: number, message: string, tally?: { examples: CheckExample[] }, extra?: Partial<CheckResult>) => void;

/** A column's check results from what its validator observed, in schema key order. */
export function columnResults(v: ColumnValidator): CheckResult[] {
  const rules = v.rules;
  const out: CheckResult[] = [];
  const result: Emit = (check, passed, failed, denominator, message, tally, extra) => {
    out.push({
      column: rules.name,
      check,
      severity: rules.severity[check],
      passed,
      failed,
      failed_share: denominator > 0 ? failed / denominator : 0,
      examples: tally ? tally.examples : [],
      message,
      ...extra,
    });
  };
  const valueResult = (check: ValueCheck, what: string) => {
    const tally = check === 'unique' ? v.uniqueExamples! : v.tallies.get(check)!;
    const failed = check === 'unique' ? v.unique!.duplicateRows() : (tally as FailureTally).failed;
    const passed = mostlyPassed(failed, v.nonNull, rules.mostly);
    const mostly = rules.mostly !== undefined ? ` (mostly ${rules.mostly}: ${formatShare(v.nonNull > 0 ? 1 - failed / v.nonNull : 1)} passed)` : '';
    const message = failed === 0 ? `all ${formatCount(v.nonNull)} non-null values pass` : `${formatCount(failed)} of ${formatCount(v.nonNull)} non-null values ${what}${mostly}`;
    result(check, passed, failed, v.nonNull, message, tally);
  };
  if (rules.type !== undefined) valueResult('type', `are not ${/^[aeiou]/.test(rules.type) ? 'an' : 'a'} ${rules.type}`);
  if (!rules.nullable) {
    const nulls = v.tallies.get('nullable')!;
    result('nullable', nulls.failed === 0, nulls.failed, v.rows, nulls.failed === 0 ? `no nulls in ${formatCount(v.rows)} rows` : `${formatCount(nulls.failed)} of ${formatCount(v.rows)} values are null`, nulls);
  }
  const b = rules.bounds;
  if (b.min !== undefined) valueResult('min', `are below min ${b.min}`);
  if (b.max !== undefined) valueResult('max', `are above max ${b.max}`);
  if (b.exclusive_min !== undefined) valueResult('exclusive_min', `are not above exclusive_min ${b.exclusive_min}`);
  if (b.exclusive_max !== undefined) valueResult('exclusive_max', `are not below exclusive_max ${b.exclusive_max}`);
  if (rules.allowed) valueResult('allowed', `are not in the allowed set of ${rules.allowed.length}`);
  if (rules.pattern) valueResult('pattern', `do not fully match the pattern ${rules.pattern.source}`);
  if (rules.unique) valueResult('unique', 'share their value with another row');
  if (rules.length) valueResult('length', `have a length (code points) outside ${describeBounds(rules.length)}`);
  for (const key of ['mean', 'std'] as const) {
    const bounds = rules[key];
    if (!bounds) continue;
    const observed = key === 'mean' ? (v.moments!.count > 0 ? v.moments!.mean : NaN) : v.moments!.std();
    aggregate(result, key, key, observed, bounds);
  }
  for (const spec of rules.quantiles ?? []) {
    const approx = v.sketch!.exact ? '' : ' (approximate)';
    aggregate(result, 'quantiles', `quantile ${spec.q}${approx}`, v.sketch!.quantile(spec.q), spec, { quantile: spec.q });
  }
  if (rules.missing_share) {
    const share = v.rows > 0 ? v.nulls / v.rows : 0;
    const passed = share <= rules.missing_share.max;
    result('missing_share', passed, passed ? 0 : 1, 1, `${formatShare(share)} of values are null (max ${formatShare(rules.missing_share.max)})`, undefined, { observed: share });
  }
  return out;
}

function aggregate(result: Emit, check: ColumnCheckName, label: string, observed: number, bounds: { min?: number; max?: number }, extra: Partial<CheckResult> = {}): void {
  if (Number.isNaN(observed)) {
    result(check, false, 1, 1, `${label} cannot be computed: too few valid values`, undefined, { observed: null, ...extra });
    return;
  }
  const passed = (bounds.min === undefined || observed >= bounds.min) && (bounds.max === undefined || observed <= bounds.max);
  result(check, passed, passed ? 0 : 1, 1, `${label} is ${formatNumber(observed)}, expected ${describeBounds(bounds)}`, undefined, { observed, ...extra });
}

/** Great Expectations: (nonnull - unexpected) / nonnull >= mostly; nulls are not in the denominator. */
function mostlyPassed(failed: number, nonNull: number, mostly: number | undefined): boolean {
  if (failed === 0) return true;
  if (mostly === undefined) return false;
  return nonNull - failed >= mostly * nonNull - 1e-9;
}
