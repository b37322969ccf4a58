import { describe, expect, it } from 'vitest';
import { validationFileSchema } from '../validation/report-schema.ts';
import { dataQualityFrom, dataQualityLine, failedChecksTable } from './data-quality.ts';

const check = (column: string | null, name: string, severity: 'error' | 'warn', failed: number, share: number) => ({
  column, check: name, severity, passed: failed === 0, failed, failed_share: share, examples: [], message: `${name} failed`,
});

describe('data quality', () => {
  const file = validationFileSchema.parse({
    passed: false,
    reports: [
      { passed: true, rows: 100, columns: ['a'], checks: [check('a', 'min', 'error', 0, 0), check('a', 'mean', 'warn', 1, 1)], source: { path: 'train.csv', format: 'csv' } },
      { passed: false, rows: 50, columns: ['a'], checks: [check('a', 'min', 'error', 2, 0.04), check('a', 'max', 'error', 10, 0.2), check(null, 'rows', 'warn', 1, 1)], source: { path: 'prod.csv', format: 'csv' } },
    ],
  });

  it('lists failed checks worst first: errors, then by failing share and count', () => {
    const quality = dataQualityFrom(file, 'validation.json');
    expect(quality.failed.map((c) => [c.file, c.column, c.check])).toEqual([
      ['prod.csv', 'a', 'max'],
      ['prod.csv', 'a', 'min'],
      ['train.csv', 'a', 'mean'],
      ['prod.csv', null, 'rows'],
    ]);
    expect(dataQualityLine(quality)).toBe('❌ Data validation failed: 2 checks failed, 2 warnings (5 checks on 2 files, 150 rows)');
    const table = failedChecksTable(quality, 2)!;
    expect(table).toContain('| prod.csv | a | max | 10 | 20.0% | ❌ error |');
    expect(table).toContain('_2 more failed checks; the job summary lists them all._');
  });

  it('reads one report as written for a single file, and says when it passed', () => {
    const single = validationFileSchema.parse({ passed: true, rows: 3, columns: ['a'], checks: [check('a', 'min', 'error', 0, 0)] });
    const quality = dataQualityFrom(single, 'v.json');
    expect(dataQualityLine(quality)).toBe('✅ Data validation passed (1 check on 1 file, 3 rows)');
    expect(failedChecksTable(quality)).toBeUndefined();
  });

  it('rejects a file of another shape', () => {
    expect(validationFileSchema.safeParse({ passed: true, reports: [{ rows: 1 }] }).success).toBe(false);
    expect(validationFileSchema.safeParse({ verdict: 'ok' }).success).toBe(false);
  });
});
