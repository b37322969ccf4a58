import { describe, expect, it } from 'vitest';
import { renderValidationMarkdown, renderValidationText } from './render.ts';
import type { ValidationReport } from './report.ts';

const hostile = '<img src=x> @org/team | x |';

const report: ValidationReport = {
  passed: false,
  rows: 1000,
  columns: [hostile, 'age'],
  source: { path: 'data/train.csv', format: 'csv' },
  checks: [
    { column: hostile, check: 'allowed', severity: 'error', passed: false, failed: 2, failed_share: 0.002, examples: [{ row: 3, value: hostile }, { row: 9, value: '#12' }], message: `2 of 1,000 non-null values are not in the allowed set of 1` },
    { column: 'age', check: 'max', severity: 'warn', passed: false, failed: 1, failed_share: 0.001, examples: [{ row: 7, value: 200 }], message: '1 of 1,000 non-null values are above max 120' },
    { column: null, check: 'rows', severity: 'error', passed: true, failed: 0, failed_share: 0, examples: [], message: '1,000 rows, expected at least 1', observed: 1000 },
  ],
};

describe('validation renderings', () => {
  it('markdown escapes every user string: no HTML, no mentions, no broken table', () => {
    const markdown = renderValidationMarkdown(report);
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;img src=x&gt;');
    expect(markdown).not.toMatch(/@org/); // a word joiner sits between @ and org
    expect(markdown).not.toMatch(/(^|[^\\])#12/);
    // Every table line has the same number of unescaped pipes as the header.
    const tableLines = markdown.split('\n').filter((line) => line.startsWith('|'));
    const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const failedTable = tableLines.slice(0, 4);
    expect(new Set(failedTable.map(pipes)).size).toBe(1);
    expect(markdown).toContain('❌ Data validation failed');
    expect(markdown).toContain('1 check passed');
  });

  it('terminal text lists failed checks with examples and strips control characters', () => {
    const text = renderValidationText({ ...report, columns: ['a\u001b[2Jb'], checks: [{ ...report.checks[0]!, column: 'a\u001b[2Jb' }] });
    expect(text).toContain('FAILED data/train.csv: 1,000 rows, 1 columns; 1 error, 0 warnings, 0 passed');
    expect(text).toContain('a\\x1b[2Jb allowed');
    expect(text).toContain('e.g. row 3:');
    expect(text).not.toContain('\u001b');
  });
});
