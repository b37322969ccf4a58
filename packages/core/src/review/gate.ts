import { nearest } from '../nearest.ts';
import { type Config, type GateRule, matchesPattern } from './config.ts';
import type { MetricChange, MetricsDiff } from './diff.ts';
import { formatDistinct, formatPercent, roundOffSlack } from './format.ts';

export type RuleName = 'min' | 'max' | 'max_regression' | 'required';
export type RuleOutcome = 'pass' | 'fail' | 'skip';

export interface RuleResult {
  metric: string;
  rule: RuleName;
  outcome: RuleOutcome;
  /** The metric's head value (null when it is missing or not a number). */
  value: number | null;
  /** The rule's limit as configured: a number, or a percentage such as "1%" for relative regressions. */
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

export interface GateOptions {
  /**
   * Set when the baseline could not be read (an API fault), as opposed to not existing:
   * regression rules then fail, because "no baseline" must not be assumed from a fault.
   */
  baselineFault?: string;
}

/** Apply the gate rules of `config` to a diff. Pure. */
export function evaluateGate(diff: MetricsDiff, config: Config, options: GateOptions = {}): GateResult {
  const byName = new Map(diff.changes.map((c) => [c.name, c]));
  const headNames = diff.changes.filter((c) => c.head !== null).map((c) => c.name);
  const results: RuleResult[] = [];
  const context = { hasBaseline: diff.hasBaseline, config, headNames, ...options };
  for (const [metric, rule] of Object.entries(config.gate.rules)) {
    // A pattern (`recall[country=*]`) applies the rule to every metric it matches, in head or base;
    // with several files a plain name applies to that metric in every file (see metric-files.ts).
    const matched = diff.changes.filter((c) => ruleNames(metric, c)).map((c) => c.name);
    if (matched.length === 0) results.push(...applyRule(metric, rule, byName.get(metric), context));
    for (const name of matched) results.push(...applyRule(name, rule, byName.get(name), context));
  }
  const failures = results.filter((r) => r.outcome === 'fail').map(({ outcome: _, ...failure }) => failure);
  return { passed: failures.length === 0, results, failures };
}

/** Whether a rule key names a change: its full name, or its name inside its file; `*` as a pattern. */
function ruleNames(key: string, change: MetricChange): boolean {
  const names = change.metric === undefined ? [change.name] : [change.name, change.metric];
  return names.some((name) => (key.includes('*') ? matchesPattern(key, name, change.sliced !== undefined) : key === name));
}

interface RuleContext extends GateOptions {
  hasBaseline: boolean;
  config: Config;
  headNames: string[];
}

function applyRule(metric: string, rule: GateRule, change: MetricChange | undefined, context: RuleContext): RuleResult[] {
  const ruleNames = (['required', 'min', 'max', 'max_regression'] as const).filter((name) => rule[name] !== undefined && rule[name] !== false);
  const head = change?.head ?? null;

  if (change?.status === 'invalid' && change.invalid?.side === 'head') {
    const message = `${metric} is ${change.invalid.raw} in the head metrics, not a number a gate can check`;
    return ruleNames.map((name) => result(metric, name, 'fail', null, limitOf(rule, name), `${message} (rule ${name})`));
  }
  if (head === null) {
    const suggestion = nearest(metric, context.headNames.filter((name) => name !== metric));
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    if (rule.required) return [result(metric, 'required', 'fail', null, null, `${metric} is required but missing from the head metrics${hint} (rule required)`)];
    return ruleNames.map((name) => result(metric, name, 'skip', null, limitOf(rule, name), `${metric} is not in the head metrics${hint}; rule ${name} skipped (set required: true to fail instead)`));
  }

  const results: RuleResult[] = [];
  if (rule.required) results.push(result(metric, 'required', 'pass', head, null, `${metric} is present`));
  // Value and limit share their digits, so "0.84999 is below 0.85" never reads "0.85 is below 0.85".
  const pair = (a: number, b: number) => formatDistinct([a, b], change?.precision);
  if (rule.min !== undefined) {
    const [value, limit] = pair(head, rule.min);
    results.push(
      head >= rule.min
        ? result(metric, 'min', 'pass', head, rule.min, `${metric} = ${value} is at least ${limit}`)
        : result(metric, 'min', 'fail', head, rule.min, `${metric} = ${value} is below the minimum ${limit} (rule min)`),
    );
  }
  if (rule.max !== undefined) {
    const [value, limit] = pair(head, rule.max);
    results.push(
      head <= rule.max
        ? result(metric, 'max', 'pass', head, rule.max, `${metric} = ${value} is at most ${limit}`)
        : result(metric, 'max', 'fail', head, rule.max, `${metric} = ${value} is above the maximum ${limit} (rule max)`),
    );
  }
  if (rule.max_regression !== undefined) results.push(regressionResult(metric, rule, change!, context));
  return results;
}

function regressionResult(metric: string, rule: GateRule, change: MetricChange, context: RuleContext): RuleResult {
  const allowed = rule.max_regression!;
  const limit = allowed.kind === 'absolute' ? allowed.value : allowed.text;
  const { base, head } = change;
  if (base === null || head === null) {
    if (context.baselineFault) {
      return result(metric, 'max_regression', 'fail', head, limit, `${metric}: the baseline could not be read (${context.baselineFault}), so rule max_regression cannot be checked`);
    }
    const why = !context.hasBaseline ? 'there is no baseline' : change.status === 'invalid' ? `the base value is ${change.invalid?.raw}` : `${metric} is not in the baseline`;
    return context.config.gate.on_missing_baseline === 'fail'
      ? result(metric, 'max_regression', 'fail', head, limit, `${metric}: ${why} to compare with (on_missing_baseline: fail, rule max_regression)`)
      : result(metric, 'max_regression', 'skip', head, limit, `${metric}: ${why}; rule max_regression skipped (on_missing_baseline: pass)`);
  }
  const [shownBase, shownHead] = formatDistinct([base, head], change.precision);
  const trail = `${shownBase} -> ${shownHead}`;
  // Regression measured in the metric's bad direction; an improvement is a regression of 0.
  const regression = Math.max(0, change.direction === 'higher' ? base - head : head - base);
  if (regression <= roundOffSlack(base, head)) {
    const word = regression === 0 && head !== base ? 'improved' : 'is unchanged';
    return result(metric, 'max_regression', 'pass', head, limit, `${metric} ${word} (${trail}); allowed regression ${allowed.kind === 'absolute' ? allowed.value : allowed.text}`);
  }
  // Limits are inclusive; the slack absorbs float round-off (2 -> 2.1 is a regression of exactly 0.1).
  if (allowed.kind === 'absolute') {
    const [shownRegression, shownAllowed] = formatDistinct([regression, allowed.value]);
    return regression <= allowed.value + roundOffSlack(base, head)
      ? result(metric, 'max_regression', 'pass', head, limit, `${metric} regressed by ${shownRegression} (${trail}), within the allowed ${shownAllowed}`)
      : result(metric, 'max_regression', 'fail', head, limit, `${metric} regressed by ${shownRegression} (${trail}), more than the allowed ${shownAllowed} (rule max_regression)`);
  }
  const relative = base === 0 ? Infinity : regression / Math.abs(base);
  const shownRelative = Number.isFinite(relative) ? percentBeside(relative, allowed.value) : 'an unbounded share (base is 0)';
  return relative <= allowed.value + 1e-12
    ? result(metric, 'max_regression', 'pass', head, limit, `${metric} regressed by ${shownRelative} (${trail}), within the allowed ${allowed.text}`)
    : result(metric, 'max_regression', 'fail', head, limit, `${metric} regressed by ${shownRelative} (${trail}), more than the allowed ${allowed.text} (rule max_regression)`);
}

// A share as a percentage with enough digits to tell it from the limit (1.0001% vs 1%).
function percentBeside(share: number, limit: number): string {
  const plain = formatPercent(share);
  if (Number.parseFloat(plain) !== limit * 100 || Math.abs(share - limit) <= 1e-12) return plain;
  return `${formatDistinct([share * 100, limit * 100])[0]}%`;
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
