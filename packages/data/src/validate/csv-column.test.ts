import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidationSchema, type CheckResult } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { validateFile } from './validate-table.ts';

// The CSV byte fast paths (numbers, dates, booleans, allowed sets, null tokens) must give exactly
// what the text path gives: the same file is validated as CSV and as JSONL of the same strings.
const schema = parseValidationSchema(
  {
    null_values: ['NA'],
    columns: {
      n: { type: 'integer', max: 5, nullable: false },
      x: { type: 'number', min: 0 },
      day: { type: 'date', min: '2024-01-01' },
      flag: { type: 'boolean' },
      cat: { type: 'category', allowed: ['a', 'b "q"', 'é'] },
    },
  },
  'schema.yml',
);

const rows: [string, string, string, string, string][] = [
  ['1', '0.5', '2024-02-29', 'true', 'a'],
  ['NA', '-1', '2023-12-31', 'FALSE', '"b ""q"""'],
  ['7', '12345678901234567890', '2023-02-29', '1', 'é'],
  ['x', '1e400', '', 'yes', 'c'],
  ['', '', '2024-13-01', '0', '"a"'],
  ['"3"', '-0.0', '2025-01-01', 'True', 'NA'],
];

describe('CSV fast paths', () => {
  it('count exactly what the text path counts', async () => {
    const csv = `n,x,day,flag,cat\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const unquote = (v: string) => (v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v);
    const jsonl = rows
      .map((r) => JSON.stringify(Object.fromEntries(['n', 'x', 'day', 'flag', 'cat'].map((k, i) => [k, r[i] === '' || r[i] === 'NA' ? null : unquote(r[i]!)]))))
      .join('\n');
    const dir = testdir({ 'd.csv': csv, 'd.jsonl': `${jsonl}\n` });
    const fromCsv = await validateFile(join(dir, 'd.csv'), schema);
    const fromJsonl = await validateFile(join(dir, 'd.jsonl'), schema);
    const summary = (checks: CheckResult[]) => checks.map((c) => [`${c.column} ${c.check}`, c.failed, c.examples.map((e) => e.row)]);
    expect(summary(fromCsv.checks)).toEqual(summary(fromJsonl.checks));
    const failed = Object.fromEntries(fromCsv.checks.map((c) => [`${c.column} ${c.check}`, c.failed]));
    // By construction: n: 'x' fails type; nulls at rows 2 and 5; 7 > 5. x: '1e400' is not finite; -1 < 0.
    // day: 2023-02-29 and 2024-13-01 fail type, 2023-12-31 < min. flag: 'yes'. cat: 'c' (quoted "a" is a).
    expect(failed).toMatchObject({ 'n type': 1, 'n nullable': 2, 'n max': 1, 'x type': 1, 'x min': 1, 'day type': 2, 'day min': 1, 'flag type': 1, 'cat allowed': 1 });
  });
});
