// Regression tests for review 5 of validate-data. Expected values are worked out by hand from the
// file contents (each case is a few lines) or, where noted, were read off DuckDB's read_csv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, ValidationReport } from '@modelgate/core';
import { renderValidationMarkdown } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './harness/cli.ts';

async function validate(files: Record<string, string>, data: string): Promise<{ code: number; err: string; report: ValidationReport | null }> {
  const dir = testdir(files);
  const result = await run(['validate', data, '--schema', 'schema.yml', '--output', 'report.json'], dir);
  let report: ValidationReport | null = null;
  try {
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ValidationReport;
  } catch {
    report = null;
  }
  return { code: result.code, err: result.err, report };
}

function check(report: ValidationReport | null, column: string | null, name: string): CheckResult {
  const found = report?.checks.find((c) => c.column === column && c.check === name);
  if (!found) throw new Error(`no check ${column} ${name}`);
  return found;
}

describe('CSV reading', () => {
  it('an unbalanced quote names the line where it opened, also when a later field is quoted', async () => {
    // Line 2 opens a quote that swallows the line break and closes at the first quote of line 3.
    const { code, err, report } = await validate({ 'schema.yml': 'columns:\n  a: {type: integer}\n  b: {type: string}\n', 'd.csv': 'a,b\n1,"x\n2,"y"\n3,z\n' }, 'd.csv');
    expect(code).toBe(2);
    expect(err).toMatch(/d\.csv: line 2: unbalanced quote: the quoted field 2 opened on line 2 runs to line 3/);
    expect(report).toBeNull();
  });

  it('a blank line in a one-column CSV is a null row (RFC 4180 and DuckDB read_csv: 3 rows, 2 non-null)', async () => {
    const { code, report } = await validate({ 'schema.yml': 'columns:\n  a: {type: integer, nullable: false}\n', 'd.csv': 'a\n1\n\n3\n' }, 'd.csv');
    expect(code).toBe(1);
    expect(report!.rows).toBe(3);
    expect(check(report, 'a', 'nullable')).toMatchObject({ failed: 1, examples: [{ row: 2, value: null, line: 3 }] });
  });

  it('a blank line in a CSV with several columns is still skipped, and CRLF blank lines count as rows in one column', async () => {
    const several = await validate({ 'schema.yml': 'columns:\n  a: {type: integer}\n  b: {type: integer}\n', 'd.csv': 'a,b\n1,2\n\n3,4\n' }, 'd.csv');
    expect(several.report!.rows).toBe(2);
    // DuckDB: 'a\r\n1\r\n\r\n3\r\n' -> 3 rows; 'a\n1\n\n' -> 2 rows with 1 null.
    const crlf = await validate({ 'schema.yml': 'columns:\n  a: {type: integer}\n', 'd.csv': 'a\r\n1\r\n\r\n3\r\n' }, 'd.csv');
    expect(crlf.report!.rows).toBe(3);
    const trailing = await validate({ 'schema.yml': 'columns:\n  a: {type: integer}\n', 'd.csv': 'a\n1\n\n' }, 'd.csv');
    expect(trailing.report!.rows).toBe(2);
  });
});

describe('values', () => {
  it('datetimes in years 0000-0099 are not read as 1900-1999', async () => {
    const { report } = await validate(
      { 'schema.yml': "columns:\n  t: {type: datetime, unique: true, max: '1950-01-01T00:00'}\n", 'd.csv': 't\n0099-06-01T00:00\n1999-06-01T00:00\n0000-01-01T12:00Z\n' },
      'd.csv',
    );
    // Only 1999 is after 1950; the three instants are all different.
    expect(check(report, 't', 'max')).toMatchObject({ failed: 1, examples: [{ row: 2, value: '1999-06-01T00:00' }] });
    expect(check(report, 't', 'unique').failed).toBe(0);
  });

  it("a duplicate's first occurrence shows its own text, not the later row's", async () => {
    // 10:00Z and 12:00+02:00 are the same instant, written differently.
    const { report } = await validate(
      { 'schema.yml': 'columns:\n  t: {type: datetime, unique: true}\n  f: {type: boolean, unique: true}\n', 'd.csv': 't,f\n2024-01-01T10:00Z,true\n2024-01-01T11:00Z,0\n2024-01-01T12:00+02:00,1\n' },
      'd.csv',
    );
    expect(check(report, 't', 'unique').examples).toEqual([
      { row: 1, value: '2024-01-01T10:00Z', line: 2 },
      { row: 3, value: '2024-01-01T12:00+02:00', line: 4 },
    ]);
    expect(check(report, 'f', 'unique').examples.map((e) => [e.row, e.value])).toEqual([
      [1, 'true'],
      [3, '1'],
    ]);
  });

  it('integers above 2^53 are told apart by unique (and shown as written)', async () => {
    // 2^53 = 9007199254740992; +1 rounds to it as a double. Rows 1 and 4 are equal (0-padded).
    const { report } = await validate(
      { 'schema.yml': 'columns:\n  id: {type: integer, unique: true}\n', 'd.csv': 'id\n9007199254740993\n9007199254740992\n12345678901234567890\n09007199254740993\n' },
      'd.csv',
    );
    const unique = check(report, 'id', 'unique');
    expect(unique.failed).toBe(2);
    expect(unique.examples.map((e) => [e.row, e.value])).toEqual([
      [1, '9007199254740993'],
      [4, '9007199254740993'],
    ]);
  });

  it('JSONL examples carry the line of their JSON object', async () => {
    // Line 3 is blank, so row 3 is on line 4.
    const { report } = await validate({ 'schema.yml': 'columns:\n  a: {type: integer, max: 5}\n', 'd.jsonl': '{"a":1}\n{"a":9}\n\n{"a":7}\n' }, 'd.jsonl');
    expect(check(report, 'a', 'max').examples).toEqual([
      { row: 2, value: 9, line: 2 },
      { row: 3, value: 7, line: 4 },
    ]);
  });
});

describe('schema errors', () => {
  it('an unknown key under severity gets a suggestion, and a second typo is not hidden', async () => {
    const { code, err } = await validate({ 'schema.yml': 'columns:\n  a: {type: string, pattern: x, severity: {patern: warn}}\ntabel: {}\n', 'd.csv': 'a\nx\n' }, 'd.csv');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/columns\.a\.severity\.patern: unknown key "patern" \(did you mean "pattern"\?\)/);
    expect(err).toMatch(/tabel: unknown key "tabel" \(did you mean "table"\?\)/);
  });

  it('a regex that does not compile is quoted as the user wrote it', async () => {
    const { code, err } = await validate({ 'schema.yml': "columns:\n  a: {type: string, pattern: '([a-z]'}\n", 'd.csv': 'a\nx\n' }, 'd.csv');
    expect(code).toBe(2);
    expect(err).toMatch(/columns\.a\.pattern: invalid regular expression "\(\[a-z\]" \(JavaScript syntax, u flag\): Unterminated group$/m);
    expect(err).not.toContain('(?:');
  });
});

describe('infer-schema', () => {
  it('a header-only CSV validates against its own inferred schema', async () => {
    const dir = testdir({ 'd.csv': 'a,b\n' });
    expect((await run(['infer-schema', 'd.csv', '--output', 'schema.yml'], dir)).code).toBe(0);
    const result = await run(['validate', 'd.csv', '--schema', 'schema.yml'], dir);
    expect([result.code, result.err]).toEqual([0, '']);
  });

  it('still infers unique for an id column and a category with repeats after recording stops', async () => {
    // 300 rows: id distinct, n a float (recording stops at once), c 3 repeating values, s distinct text.
    const lines = ['id,n,c,s'];
    for (let i = 1; i <= 300; i++) lines.push(`${i},${i / 7},${['x', 'y', 'z'][i % 3]},s${i}`);
    const dir = testdir({ 'd.csv': `${lines.join('\n')}\n` });
    expect((await run(['infer-schema', 'd.csv', '--output', 'schema.json'], dir)).code).toBe(0);
    const columns = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')).columns;
    expect(columns.id).toMatchObject({ type: 'integer', unique: true, min: 1, max: 300 });
    expect(columns.n.type).toBe('number');
    expect(columns.n.unique).toBeUndefined();
    expect(columns.c).toMatchObject({ type: 'category', allowed: ['x', 'y', 'z'] });
    expect(columns.c.unique).toBeUndefined();
    expect(columns.s).toMatchObject({ type: 'string', unique: true });
    expect((await run(['validate', 'd.csv', '--schema', 'schema.json'], dir)).code).toBe(0);
  });
});

describe('markdown', () => {
  it('an aggregate check shows its observed value, not "100%"', async () => {
    // Mean of 1, 2, 3, 10 is 4.
    const { report } = await validate({ 'schema.yml': 'columns:\n  a: {type: integer, mean: {max: 3}}\n', 'd.csv': 'a\n1\n2\n3\n10\n' }, 'd.csv');
    const markdown = renderValidationMarkdown(report!);
    const line = markdown.split('\n').find((l) => l.includes('| mean'))!;
    expect(line).not.toContain('100%');
    expect(line.split('|').map((cell) => cell.trim())).toContain('4');
  });
});
