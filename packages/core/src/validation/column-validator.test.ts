import { describe, expect, it } from 'vitest';
import type { Cell } from './cell.ts';
import { parseValidationSchema, type ColumnRulesInput } from './schema.ts';
import { finishValidation, planValidation } from './table-validator.ts';
import type { CheckResult } from './report.ts';

/** Runs one column's rules over `values` (row i+1 holds values[i]), with the unique second pass. */
function check(rules: ColumnRulesInput, values: Cell[]): Record<string, CheckResult> {
  const schema = parseValidationSchema({ columns: { x: rules } }, 'schema.yml');
  const plan = planValidation(schema, ['x'], 'data.csv');
  const validator = plan.columns[0]!.validator;
  values.forEach((value, i) => validator.observe(value, i + 1));
  if (validator.needsUniqueExamples()) {
    for (let i = 0; i < values.length; i++) if (validator.collectUniqueExample(values[i]!, i + 1)) break;
  }
  const report = finishValidation(plan, values.length);
  return Object.fromEntries(report.checks.map((c) => [c.quantile !== undefined ? `${c.check}:${c.quantile}` : c.check, c]));
}

const rows = (result: CheckResult) => result.examples.map((e) => e.row);

describe('ColumnValidator with planted violations', () => {
  it('counts each failing value once per check; a type failure counts only for type', () => {
    // 100 rows of "10"; planted: type at 5 ("abc") and 17 ("1.5"), min at 30 ("-1"),
    // max at 40 and 41, nulls at 50 and 51 (nullable: false), a value failing min and allowed at 60.
    const values: Cell[] = Array.from({ length: 100 }, () => '10');
    values[4] = 'abc';
    values[16] = '1.5';
    values[29] = '-1';
    values[39] = '150';
    values[40] = '121';
    values[49] = null;
    values[50] = null;
    values[59] = '-5';
    const r = check({ type: 'integer', nullable: false, min: 0, max: 120, allowed: [10, -1, 150, 121] }, values);
    expect([r.type!.failed, r.nullable!.failed, r.min!.failed, r.max!.failed, r.allowed!.failed]).toEqual([2, 2, 2, 2, 1]);
    expect(rows(r.type!)).toEqual([5, 17]);
    expect(r.type!.examples[0]!.value).toBe('abc');
    expect(rows(r.min!)).toEqual([30, 60]);
    expect(rows(r.max!)).toEqual([40, 41]);
    expect(rows(r.nullable!)).toEqual([50, 51]);
    expect(rows(r.allowed!)).toEqual([60]);
    // Value checks are over the 98 non-null values; nullable over all 100 rows.
    expect(r.min!.failed_share).toBeCloseTo(2 / 98, 12);
    expect(r.nullable!.failed_share).toBeCloseTo(2 / 100, 12);
    expect(r.max!.passed).toBe(false);
  });

  it('exclusive bounds exclude the bound itself', () => {
    const r = check({ type: 'number', exclusive_min: 0, exclusive_max: 1 }, ['0', '0.5', '1', '1.0000001', '-0']);
    expect(rows(r.exclusive_min!)).toEqual([1, 5]);
    expect(rows(r.exclusive_max!)).toEqual([3, 4]);
  });

  it('unique counts every row whose value occurs more than once, and the examples are the first such rows', () => {
    // 7 appears at rows 2, 9 and 30; 3 at rows 4 and 25; everything else distinct; nulls ignored.
    const values: Cell[] = Array.from({ length: 30 }, (_, i) => String(100 + i));
    values[1] = '7';
    values[8] = '7';
    values[29] = '07'; // the same integer written differently
    values[3] = '3';
    values[24] = '3';
    values[10] = null;
    values[11] = null;
    const r = check({ type: 'integer', unique: true }, values);
    expect(r.unique!.failed).toBe(5);
    expect(rows(r.unique!)).toEqual([2, 4, 9, 25, 30]);
    expect(r.unique!.examples[4]!.value).toBe(7); // numbers show as numbers
  });

  it('keeps only the first 20 examples but counts every failure', () => {
    const values: Cell[] = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 'bad' : 'a'));
    const r = check({ type: 'string', allowed: ['a'] }, values);
    expect(r.allowed!.failed).toBe(100);
    expect(r.allowed!.examples).toHaveLength(20);
    expect(rows(r.allowed!).at(-1)).toBe(191);
    const u = check({ type: 'string', unique: true }, values);
    expect(u.unique!.failed).toBe(1000);
    expect(rows(u.unique!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('mostly excludes nulls from the denominator (Great Expectations semantics)', () => {
    // 100 rows: 4 null, 5 below min: (96 - 5) / 96 = 0.9479.
    const values: Cell[] = Array.from({ length: 100 }, (_, i) => (i < 4 ? null : i < 9 ? '-1' : '1'));
    expect(check({ type: 'integer', min: 0, mostly: 0.95 }, values).min!.passed).toBe(false);
    expect(check({ type: 'integer', min: 0, mostly: 0.94 }, values).min!.passed).toBe(true);
    expect(check({ type: 'integer', min: 0, mostly: 0.94 }, values).min!.failed).toBe(5);
    // All null: vacuously true.
    expect(check({ type: 'integer', min: 0, mostly: 0.9 }, [null, null]).min!.passed).toBe(true);
  });

  it('mean, sample std and numpy-linear quantiles over the valid values', () => {
    // [2,4,4,4,5,5,7,9]: mean 5, sum of squares 32, sample std sqrt(32/7); numpy.quantile(.., 0.25) = 4, 0.9 -> 7.6.
    const values: Cell[] = ['2', '4', '4', '4', '5', '5', '7', '9', 'oops', null];
    const r = check({ type: 'number', mean: { min: 4, max: 4.9 }, std: { max: 3 }, quantiles: { '0.25': { min: 4 }, '0.9': { max: 7.5 } } }, values);
    expect(r.mean!.observed).toBe(5);
    expect(r.mean!.passed).toBe(false);
    expect(r.std!.observed).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(r.std!.passed).toBe(true);
    expect(r['quantiles:0.25']!.observed).toBe(4);
    expect(r['quantiles:0.9']!.observed).toBeCloseTo(7.6, 12);
    expect(r['quantiles:0.9']!.passed).toBe(false);
  });

  it('missing_share, pattern full match, code-point length, dates', () => {
    expect(check({ missing_share: { max: 0.25 } }, ['a', null, null, 'b', 'c']).missing_share!.observed).toBe(0.4);
    expect(rows(check({ type: 'string', pattern: 'a+' }, ['aaa', 'aab', 'baa', 'a']).pattern!)).toEqual([2, 3]);
    expect(rows(check({ type: 'string', length: { min: 3, max: 4 } }, ['😀😀', 'abc', '😀😀😀', 'abcde', 'ab']).length!)).toEqual([1, 4, 5]);
    const d = check({ type: 'date', min: '2024-01-01' }, ['2024-02-29', '2023-02-29', '2023-12-31', '2024-13-01']);
    expect(rows(d.type!)).toEqual([2, 4]);
    expect(rows(d.min!)).toEqual([3]);
    const t = check({ type: 'datetime', max: '2024-01-01T00:00:00Z' }, ['2024-01-01T01:00:00+02:00', '2024-01-01T01:00:00Z', '2024-01-01']);
    expect(rows(t.max!)).toEqual([2]);
    expect(rows(t.type!)).toEqual([3]);
  });

  it('typed values from JSONL and Parquet', () => {
    const r = check({ type: 'integer', max: 10 }, [1, 2.5, 11n, 12, '3', true, null]);
    // Text that spells the type passes (CSV has only text), so '3' is an integer here.
    expect(rows(r.type!)).toEqual([2, 6]);
    expect(rows(r.max!)).toEqual([3, 4]);
    const b = check({ type: 'boolean', allowed: [true] }, [true, false, 'true', 'no']);
    expect(rows(b.allowed!)).toEqual([2]);
    expect(rows(b.type!)).toEqual([4]);
  });
});

describe('UniqueCounter at scale', () => {
  it('counts 2 million integer keys with planted duplicates exactly (no clustering blow-up)', async () => {
    const { UniqueCounter, numberKey } = await import('./unique-counter.ts');
    const counter = new UniqueCounter();
    const key = new Int32Array(2);
    for (let i = 1; i <= 2_000_000; i++) {
      numberKey(i % 400_000 === 0 ? i - 1 : i, key);
      counter.add(key[0]!, key[1]!);
    }
    // 5 planted repeats, each making a pair: 10 duplicate rows.
    expect(counter.duplicateRows()).toBe(10);
    expect(counter.size).toBe(2_000_000 - 5);
  });
});
