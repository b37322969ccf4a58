import { describe, expect, it } from 'vitest';
import { diffMetrics } from './diff.ts';
import { evaluateGate } from './gate.ts';
import { config, snap } from './test-helpers.ts';

const gateOf = (base: Record<string, unknown> | undefined, head: Record<string, unknown>, cfg: unknown) => {
  const c = config(cfg);
  return evaluateGate(diffMetrics(base ? snap(base) : undefined, snap(head), c), c);
};

describe('evaluateGate', () => {
  it('fails a metric below its min, naming the metric, value and rule', () => {
    const gate = gateOf(undefined, { accuracy: 0.81 }, { gate: { rules: { accuracy: { min: 0.85 } } } });
    expect(gate.passed).toBe(false);
    expect(gate.failures).toEqual([
      { metric: 'accuracy', rule: 'min', value: 0.81, limit: 0.85, message: 'accuracy = 0.81 is below the minimum 0.85 (rule min)' },
    ]);
  });

  it('passes min and max at exactly the limit (inclusive)', () => {
    const gate = gateOf(undefined, { accuracy: 0.85, rmse: 3.2 }, { gate: { rules: { accuracy: { min: 0.85 }, rmse: { max: 3.2 } } } });
    expect(gate.passed).toBe(true);
    expect(gate.results.map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });

  it('checks max_regression in absolute terms and in the metric direction', () => {
    const rules = { gate: { rules: { accuracy: { max_regression: 0.01 }, rmse: { max_regression: 0.1 } } } };
    const gate = gateOf({ accuracy: 0.9, rmse: 3 }, { accuracy: 0.885, rmse: 2.5 }, rules);
    expect(gate.results.map((r) => [r.metric, r.outcome])).toEqual([
      ['accuracy', 'fail'],
      ['rmse', 'pass'],
    ]);
    expect(gate.failures[0]!.value).toBe(0.885); // value is always the head value; the message has the regression
    expect(gate.failures[0]!.message).toBe('accuracy regressed by 0.015 (0.9 -> 0.885), more than the allowed 0.01 (rule max_regression)');
  });

  it('checks relative max_regression ("1%") against the base value', () => {
    const rules = { gate: { rules: { accuracy: { max_regression: '1%' } } } };
    expect(gateOf({ accuracy: 0.9 }, { accuracy: 0.8911 }, rules).passed).toBe(true); // 0.99%
    const failed = gateOf({ accuracy: 0.9 }, { accuracy: 0.8909 }, rules); // 1.01%
    expect(failed.passed).toBe(false);
    expect(failed.failures[0]).toMatchObject({ limit: '1%', rule: 'max_regression' });
    expect(failed.failures[0]!.message).toContain('1.01%');
  });

  it('applies on_missing_baseline to regression rules', () => {
    const rules = (policy: string) => ({ gate: { on_missing_baseline: policy, rules: { accuracy: { max_regression: 0.01 } } } });
    const skipped = gateOf(undefined, { accuracy: 0.5 }, rules('pass'));
    expect(skipped.passed).toBe(true);
    expect(skipped.results[0]!.outcome).toBe('skip');
    const failed = gateOf(undefined, { accuracy: 0.5 }, rules('fail'));
    expect(failed.passed).toBe(false);
    expect(failed.failures[0]!.message).toContain('there is no baseline');
  });

  it('fails a required metric that is missing and suggests the nearest name', () => {
    const gate = gateOf(undefined, { rmse_test: 3 }, { gate: { rules: { rmse: { max: 3.2, required: true } } } });
    expect(gate.failures).toHaveLength(1);
    expect(gate.failures[0]).toMatchObject({ metric: 'rmse', rule: 'required' });
    expect(gate.failures[0]!.message).toContain('did you mean "rmse_test"');
  });

  it('skips, visibly, rules on a metric that is absent and not required', () => {
    const gate = gateOf(undefined, { acc: 0.9 }, { gate: { rules: { f1: { min: 0.5 } } } });
    expect(gate.passed).toBe(true);
    expect(gate.results[0]).toMatchObject({ outcome: 'skip', rule: 'min' });
  });

  it('fails every rule on a NaN head value', () => {
    const gate = gateOf(undefined, { acc: 'NaN' }, { gate: { rules: { acc: { min: 0.5, max: 1 } } } });
    expect(gate.failures.map((f) => f.rule)).toEqual(['min', 'max']);
    expect(gate.failures[0]!.message).toContain('acc is NaN');
  });
});

describe('config', () => {
  it('rejects unknown keys naming the key and the nearest valid one', () => {
    expect(() => config({ gate: { rules: { acc: { minimum: 0.5 } } } })).toThrow(/^modelgate\.yml: gate\.rules\.acc\.minimum: unknown key "minimum" \(did you mean "min"\?\)/);
    expect(() => config({ gates: {} })).toThrow('modelgate.yml: gates: unknown key "gates" (did you mean "gate"?)');
  });

  it('names the path and the expectation for a wrong type', () => {
    expect(() => config({ gate: { rules: { acc: { min: 'high' } } } })).toThrow('modelgate.yml: gate.rules.acc.min: expected number, got string "high"');
    expect(() => config({ gate: { rules: { acc: { max_regression: '2 percent' } } } })).toThrow(/gate\.rules\.acc\.max_regression: .*"2%"/);
  });

  it('accepts the documented shape with defaults', () => {
    const c = config({ metrics: { latency_ms: { direction: 'lower', tolerance: 0.5 } }, gate: { rules: { accuracy: { min: 0.85, max_regression: '1%' }, rmse: { max: 3.2, required: true } } } });
    expect(c.gate.on_missing_baseline).toBe('pass');
    expect(c.gate.rules.accuracy!.max_regression).toEqual({ kind: 'relative', value: 0.01, text: '1%' });
  });
});

describe('max_regression wording', () => {
  it('says "improved" rather than "regressed by 0" when the metric got better', () => {
    const gate = gateOf({ auc: 0.8 }, { auc: 0.83 }, { gate: { rules: { auc: { max_regression: 0.01 } } } });
    expect(gate.results[0]).toMatchObject({ outcome: 'pass', value: 0.83, message: 'auc improved (0.8 -> 0.83); allowed regression 0.01' });
  });
});

describe('honest limits and numbers', () => {
  it('treats limits as inclusive despite float round-off', () => {
    const rules = { gate: { rules: { rmse: { max_regression: 0.1 }, loss: { max_regression: '10%' }, f1: { max_regression: '1%' } } } };
    const gate = gateOf({ rmse: 2, loss: 1, f1: 0.9 }, { rmse: 2.1, loss: 1.1, f1: 0.891 }, rules);
    expect(gate.results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass']);
  });

  it('shows enough digits that a value never reads as equal to the limit it fails', () => {
    const gate = gateOf(undefined, { accuracy: 0.84999, rmse: 1.0000001 }, { gate: { rules: { accuracy: { min: 0.85 }, rmse: { max: 1 } } } });
    expect(gate.failures.map((f) => f.message)).toEqual([
      'accuracy = 0.84999 is below the minimum 0.85 (rule min)',
      'rmse = 1.0000001 is above the maximum 1 (rule max)',
    ]);
    const relative = gateOf({ f1: 0.9 }, { f1: 0.89099 }, { gate: { rules: { f1: { max_regression: '1%' } } } });
    expect(relative.failures[0]!.message).toBe('f1 regressed by 1.001% (0.9 -> 0.891), more than the allowed 1% (rule max_regression)');
  });

  it('fails regression rules when the baseline could not be fetched, whatever on_missing_baseline says', () => {
    const c = config({ gate: { on_missing_baseline: 'pass', rules: { accuracy: { max_regression: '1%', min: 0.1 } } } });
    const gate = evaluateGate(diffMetrics(undefined, snap({ accuracy: 0.5 }), c), c, { baselineFault: 'HTTP 503 reading metrics.json' });
    expect(gate.passed).toBe(false);
    expect(gate.failures).toEqual([
      { metric: 'accuracy', rule: 'max_regression', value: 0.5, limit: '1%', message: 'accuracy: the baseline could not be read (HTTP 503 reading metrics.json), so rule max_regression cannot be checked' },
    ]);
  });

  it('never suggests the missing metric itself', () => {
    const gate = gateOf({ gone: 1, other: 2 }, { other: 2 }, { gate: { rules: { gone: { required: true } } } });
    expect(gate.failures[0]!.message).toBe('gone is required but missing from the head metrics (rule required)');
  });
});
