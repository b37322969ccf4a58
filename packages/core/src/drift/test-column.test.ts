import { describe, expect, it } from 'vitest';
import type { CategoricalSample, ColumnSample, NumericSample } from './samples.ts';
import { buildDriftReport } from './report.ts';
import { autoMethod } from './select-method.ts';
import { type MethodSetting, PreparedColumn, testColumn } from './test-column.ts';

function numbers(values: number[]): NumericSample {
  return { kind: 'numeric', sorted: Float64Array.from(values).sort(), nulls: 0, nan: 0, infinite: 0 };
}

function categories(counts: Record<string, number>): CategoricalSample {
  return { kind: 'categorical', counts: new Map(Object.entries(counts)), nulls: 0, nan: 0, infinite: 0 };
}

function test(reference: ColumnSample | undefined, current: ColumnSample | undefined, setting: MethodSetting = { method: 'auto' }) {
  return testColumn(new PreparedColumn({ name: 'c', reference, current }), setting);
}

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('auto', () => {
  it("follows Evidently's defaults on the reference's rows and distinct values", () => {
    expect(autoMethod('numeric', 1000, 6)).toBe('ks');
    expect(autoMethod('categorical', 1000, 3)).toBe('chisquare');
    expect(autoMethod('categorical', 1000, 2)).toBe('ztest');
    expect(autoMethod('categorical', 1000, 1)).toBe('ztest');
    expect(autoMethod('numeric', 1001, 6)).toBe('wasserstein');
    expect(autoMethod('categorical', 1001, 2)).toBe('js');
  });

  it('treats numbers with at most 5 distinct reference values as categories', () => {
    const reference = numbers(range(200, (i) => i % 5));
    expect(test(reference, numbers(range(100, (i) => i % 4)))).toMatchObject({ type: 'categorical', method: 'chisquare', distinct_reference: 5 });
    expect(test(numbers(range(200, (i) => i % 6)), numbers(range(100, (i) => i % 6)))).toMatchObject({ type: 'numeric', method: 'ks' });
    // ks still runs on such a column when asked for: the values are numbers.
    expect(test(reference, numbers(range(100, (i) => i % 4)), { method: 'ks' })).toMatchObject({ type: 'categorical', status: 'tested' });
  });
});

describe('testColumn', () => {
  it('tests a constant reference against a current sample that moved', () => {
    const entry = test(numbers(range(50, () => 3)), numbers([...range(30, () => 3), ...range(10, () => 4)]), { method: 'wasserstein' });
    // W1 = 0.25, over the std floor 0.001.
    expect(entry).toMatchObject({ status: 'tested', statistic: 250, drifted: true });
  });

  it('gives reasons instead of NaN', () => {
    expect(test(numbers([]), numbers([1, 2]))).toMatchObject({ status: 'not_tested', reason: 'no values in reference (all null, NaN or infinite)', drifted: false });
    expect(test(numbers([1, 2]), numbers([]))).toMatchObject({ status: 'not_tested', reason: 'no values in current (all null, NaN or infinite)' });
    expect(test(categories({ a: 5 }), categories({ a: 3 }))).toMatchObject({ status: 'not_tested', reason: 'constant: every value is "a" on both sides' });
    expect(test(categories({ a: 5, b: 2, c: 1 }), categories({ a: 3 }), { method: 'ztest' })).toMatchObject({ status: 'not_tested', reason: 'ztest compares two categories; the reference has 3' });
    const tied = numbers([...range(95, () => 0), 1, 2, 3, 4, 5]);
    expect(test(tied, numbers(range(50, (i) => i)), { method: 'psi' })).toMatchObject({ status: 'not_tested', reason: 'the reference deciles collapse into a single bin (most values tie)' });
    // The gap between -1.7e308 and 1.7e308 is beyond the largest double.
    expect(test(numbers([-1.7e308, -1.7e308, 0]), numbers([1.7e308, 1.7e308, 0]), { method: 'wasserstein' })).toMatchObject({ status: 'not_tested', reason: 'wasserstein overflows a double on these values' });
  });

  it('compares a binary column by the share of the reference first category, unseen categories named', () => {
    const entry = test(categories({ no: 70, yes: 30 }), categories({ no: 40, yes: 40, maybe: 20 }));
    expect(entry).toMatchObject({ method: 'ztest', category: 'no', unseen_categories: ['maybe'], unseen_categories_total: 1 });
    expect(entry.effect_size?.name).toBe('js');
  });

  it('lists a column missing on one side as a drifted schema change', () => {
    expect(test(numbers([1, 2, 3]), undefined)).toMatchObject({ status: 'schema_change', reason: 'missing in current', drifted: true, method: null, current_rows: 0 });
    expect(test(undefined, categories({ a: 1 }), { method: 'psi' })).toMatchObject({ status: 'schema_change', reason: 'missing in reference', method: 'psi' });
  });
});

describe('buildDriftReport', () => {
  const side = (columns: Record<string, ColumnSample>, rows = 100) => ({ path: 'x.csv', rows, columns: new Map(Object.entries(columns)) });

  it('counts tests and schema changes in the share, not the untested, and drifts at the share exactly', () => {
    const reference = side({ a: numbers(range(100, (i) => i)), b: numbers(range(100, (i) => i)), k: categories({ x: 4 }), gone: categories({ x: 1, y: 1 }) });
    const current = side({ a: numbers(range(100, (i) => i + 0.5)), b: numbers(range(100, (i) => i + 60)), k: categories({ x: 2 }) });
    const report = buildDriftReport({ reference, current, columns: ['a', 'b', 'k', 'gone'], settings: () => [{ method: 'ks' }], driftShare: 2 / 3 });
    expect(report.columns.map((c) => [c.name, c.status, c.drifted])).toEqual([
      ['a', 'tested', false],
      ['b', 'tested', true],
      ['k', 'not_tested', false],
      ['gone', 'schema_change', true],
    ]);
    expect(report).toMatchObject({ counted: 3, drifted_count: 2, drifted: true, drift_share: 2 / 3 });
  });

  it('refuses a report where nothing could be tested', () => {
    const reference = side({ k: categories({ x: 4 }), gone: numbers([1, 2]) });
    const current = side({ k: categories({ x: 2 }) });
    expect(() => buildDriftReport({ reference, current, columns: ['k', 'gone'], settings: () => [{ method: 'auto' }] })).toThrow(
      'nothing to test: k: constant: every value is "x" on both sides; gone: missing in current',
    );
  });
});
