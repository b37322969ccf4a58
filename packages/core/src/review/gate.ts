import { nearest } from '../nearest.ts';
import type { Config, GateRule } from './config.ts';
import type { MetricChange, MetricsDiff } from './diff.ts';
import { formatNumber, formatPercent } from './format.ts';

export type RuleName = 'min' | 'max' | 'max_regression' | 'required';
export type RuleOutcome = 'pass' | 'fail' | 'skip';

export interface RuleResult {
  metric: string;
  rule: RuleName;
  outcome: RuleOutcome;
  /** The head value the rule looked at (the regression amount for max_regression). */
  value: number | null;
  limit: number | string | null;
  /** A sentence a person can act on, naming the metric, the value and the rule. */
  message: string;
}

/** The shape of the gate's `failures` output: `{metric, rule, value, limit, message}`. */
export type GateFailure = Omit<RuleResult, 'outcome'>;

export interface GateResult {
  passed: boolean;
  results: RuleResult[];
  failures: GateFailure[];
}

/** Apply the gate rules of `config` to a diff. Pure. */
export function evaluateGate(diff: MetricsDiff, config: Config): GateResult {
  const byName = new Map(diff.changes.map((c) => [c.name, c]));
  const results: RuleResult[] = [];
  for (const [metric, rule] of Object.entries(config.gate.rules)) {
    results.push(...applyRule(metric, rule, byName.get(metric), diff.hasBaseline, config, [...byName.keys()]));
  }
  const failures = results.filter((r) => r.outcome === 'fail').map(({ outcome: _, ...failure }) => failure);
  return { passed: failures.length === 0, results, failures };
}

function applyRule(metric: string, rule: GateRule, change: MetricChange | undefined, hasBaseline: boolean, config: Config, known: string[]): RuleResult[] {
  const ruleNames = (['required', 'min', 'max', 'max_regression'] as const).filter((name) => rule[name] !== undefined && rule[name] !== false);
  const head = change?.head ?? null;

  if (change?.status === 'invalid' && change.invalid?.side === 'head') {
    const message = `${metric} is ${change.invalid.raw} in the head metrics, not a number a gate can check`;
    return ruleNames.map((name) => result(metric, name, 'fail', null, limitOf(rule, name), `${message} (rule ${name})`));
  }
  if (head === null) {
    const suggestion = nearest(metric, known);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    if (rule.required) return [result(metric, 'required', 'fail', null, null, `${metric} is required but missing from the head metrics${hint} (rule required)`)];
    return ruleNames.map((name) => result(metric, name, 'skip', null, limitOf(rule, name), `${metric} is not in the head metrics${hint}; rule ${name} skipped (set required: true to fail instead)`));
  }

  const results: RuleResult[] = [];
  if (rule.required) results.push(result(metric, 'required', 'pass', head, null, `${metric} is present`));
  const shown = (value: number) => formatNumber(value, change?.precision);
  if (rule.min !== undefined) {
    results.push(
      head >= rule.min
        ? result(metric, 'min', 'pass', head, rule.min, `${metric} = ${shown(head)} is at least ${shown(rule.min)}`)
        : result(metric, 'min', 'fail', head, rule.min, `${metric} = ${shown(head)} is below the minimum ${shown(rule.min)} (rule min)`),
    );
  }
  if (rule.max !== undefined) {
    results.push(
      head <= rule.max
        ? result(metric, 'max', 'pass', head, rule.max, `${metric} = ${shown(head)} is at most ${shown(rule.max)}`)
        : result(metric, 'max', 'fail', head, rule.max, `${metric} = ${shown(head)} is above the maximum ${shown(rule.max)} (rule max)`),
    );
  }
  if (rule.max_regression !== undefined) results.push(regressionResult(metric, rule, change!, hasBaseline, config));
  return results;
}

function regressionResult(metric: string, rule: GateRule, change: MetricChange, hasBaseline: boolean, config: Config): RuleResult {
  const allowed = rule.max_regression!;
  const limit = allowed.kind === 'absolute' ? allowed.value : allowed.text;
  const base = change.base;
  if (base === null || change.head === null) {
    const why = !hasBaseline ? 'there is no baseline' : change.status === 'invalid' ? `the base value is ${change.invalid?.raw}` : `${metric} is not in the baseline`;
    const policy = config.gate.on_missing_baseline;
    return policy === 'fail'
      ? result(metric, 'max_regression', 'fail', null, limit, `${metric}: ${why} to compare with (on_missing_baseline: fail, rule max_regression)`)
      : result(metric, 'max_regression', 'skip', null, limit, `${metric}: ${why}; rule max_regression skipped (on_missing_baseline: pass)`);
  }
  const head = change.head;
  // Regression measured in the metric's bad direction; an improvement is a regression of 0.
  const regression = Math.max(0, change.direction === 'higher' ? base - head : head - base);
  const shown = (value: number) => formatNumber(value, change.precision);
  const trail = `${shown(base)} -> ${shown(head)}`;
  if (regression === 0) {
    const word = head === base ? 'is unchanged' : 'improved';
    return result(metric, 'max_regression', 'pass', 0, limit, `${metric} ${word} (${trail}); allowed regression ${allowed.kind === 'absolute' ? shown(allowed.value) : allowed.text}`);
  }
  if (allowed.kind === 'absolute') {
    return regression <= allowed.value
      ? result(metric, 'max_regression', 'pass', regression, limit, `${metric} regressed by ${shown(regression)} (${trail}), within the allowed ${shown(allowed.value)}`)
      : result(metric, 'max_regression', 'fail', regression, limit, `${metric} regressed by ${shown(regression)} (${trail}), more than the allowed ${shown(allowed.value)} (rule max_regression)`);
  }
  const relative = base === 0 ? (regression === 0 ? 0 : Infinity) : regression / Math.abs(base);
  const shownRelative = Number.isFinite(relative) ? formatPercent(relative) : 'an unbounded share (base is 0)';
  return relative <= allowed.value
    ? result(metric, 'max_regression', 'pass', relative, limit, `${metric} regressed by ${shownRelative} (${trail}), within the allowed ${allowed.text}`)
    : result(metric, 'max_regression', 'fail', Number.isFinite(relative) ? relative : null, limit, `${metric} regressed by ${shownRelative} (${trail}), more than the allowed ${allowed.text} (rule max_regression)`);
}

function limitOf(rule: GateRule, name: RuleName): number | string | null {
  if (name === 'min') return rule.min ?? null;
  if (name === 'max') return rule.max ?? null;
  if (name === 'max_regression') return rule.max_regression ? (rule.max_regression.kind === 'absolute' ? rule.max_regression.value : rule.max_regression.text) : null;
  return null;
}

function result(metric: string, rule: RuleName, outcome: RuleOutcome, value: number | null, limit: number | string | null, message: string): RuleResult {
  return { metric, rule, outcome, value, limit, message };
}
