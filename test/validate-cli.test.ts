// `modelgate validate` and `modelgate infer-schema` end to end through the CLI entry, on files
// with planted violations whose counts are known by construction.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CheckResult, ValidationReport } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './harness/cli.ts';

const N = 5000;
const countries = ['US', 'FR', 'DE'];

/** Row i (1-based) of the planted data set; see the expected counts below. */
function row(i: number) {
  const id = i === 100 || i === 200 ? 50 : i === 300 ? 299 : i;
  const age = i === 7 ? 'x' : i % 1000 === 1 ? null : i % 500 === 0 ? 150 : i % 90;
  const day = i === 13 ? '2023-02-30' : new Date(Date.UTC(2024, 0, 1 + (i % 365))).toISOString().slice(0, 10);
  return {
    id,
    age,
    country: i % 250 === 0 ? 'XX' : countries[i % 3]!,
    email: i % 400 === 0 ? 'broken' : `u${i}@x.com`,
    score: i / N,
    day,
    note: i % 1000 === 0 ? 'two\nlines, "quoted"' : `n${i}`,
  };
}

// By construction: id 50 at rows 50, 100, 200 and 299 at rows 299, 300 -> 5 duplicate rows;
// age: 'x' at row 7 (type only), nulls at 1, 1001, ..., 4001 (5), 150 at every 500th row (10);
// country XX at every 250th row (20); email broken at every 400th row (12); day 2023-02-30 at row 13.
const expected: Record<string, number> = {
  'id unique': 5,
  'age type': 1,
  'age nullable': 5,
  'age max': 10,
  'age min': 0,
  'country allowed': 20,
  'email pattern': 12,
  'day type': 1,
  'score mean': 0,
};

const schema = `
columns:
  id: {type: integer, nullable: false, unique: true}
  age: {type: integer, nullable: false, min: 0, max: 120}
  country: {type: category, allowed: [US, FR, DE]}
  email: {type: string, pattern: '[^@\\s]+@[^@\\s]+\\.[a-z]+', severity: warn}
  score: {type: number, min: 0, max: 1, mean: {min: 0.49, max: 0.51}}
  day: {type: date}
  note: {type: string}
table:
  rows: {min: ${N}, max: ${N}}
  columns: strict
`;

function csvText(): string {
  const quote = (value: unknown) => (value === null ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value));
  const lines = ['id,age,country,email,score,day,note'];
  for (let i = 1; i <= N; i++) lines.push(Object.values(row(i)).map(quote).join(','));
  return `${lines.join('\n')}\n`;
}

function jsonlText(): string {
  return `${Array.from({ length: N }, (_, k) => JSON.stringify(row(k + 1))).join('\n')}\n`;
}

async function writeParquet(csvPath: string, parquetPath: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await db.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}', header = true)) TO '${parquetPath}' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
}

const byName = (report: ValidationReport) => Object.fromEntries(report.checks.map((c) => [`${c.column ?? 'table'} ${c.check}`, c])) as Record<string, CheckResult>;

describe('modelgate validate', () => {
  it('counts every planted violation exactly, in CSV, gzipped CSV, JSONL and Parquet', async () => {
    const dir = testdir({ 'schema.yml': schema, 'data.csv': csvText(), 'data.csv.gz': gzipSync(csvText()), 'data.jsonl': jsonlText() });
    await writeParquet(join(dir, 'data.csv'), join(dir, 'data.parquet'));
    for (const file of ['data.csv', 'data.csv.gz', 'data.jsonl', 'data.parquet']) {
      const result = await run(['validate', file, '--schema', 'schema.yml', '--output', `${file}.report.json`], dir);
      expect(result.err, file).toBe('');
      expect(result.code, file).toBe(1);
      const report = JSON.parse(readFileSync(join(dir, `${file}.report.json`), 'utf8')) as ValidationReport;
      const checks = byName(report);
      expect(report.rows, file).toBe(N);
      for (const [name, failed] of Object.entries(expected)) expect(checks[name]?.failed, `${file}: ${name}`).toBe(failed);
      expect(checks['table rows']!.passed).toBe(true);
      expect(checks['table columns']!.passed).toBe(true);
      expect(checks['id unique']!.examples.map((e) => e.row)).toEqual([50, 100, 200, 299, 300]);
      expect(checks['age max']!.examples.map((e) => e.row)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
      expect(checks['age type']!.examples).toMatchObject([{ row: 7, value: 'x' }]);
      expect(checks['age nullable']!.failed_share).toBe(5 / N);
      expect(checks['age max']!.failed_share).toBe(10 / (N - 5));
      expect(checks['email pattern']!.severity).toBe('warn');
      expect(report.passed).toBe(false);
    }
  });

  it('gives CSV examples the file line, which differs from the row after a multi-line field', async () => {
    const dir = testdir({ 'schema.yml': schema, 'data.csv': csvText() });
    await run(['validate', 'data.csv', '--schema', 'schema.yml', '--output', 'r.json'], dir);
    const checks = byName(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
    // Header is line 1; row 1000's note spans two lines, so row 2000 starts on line 2002.
    expect(checks['age type']!.examples[0]).toEqual({ row: 7, value: 'x', line: 8 });
    expect(checks['age max']!.examples[3]).toEqual({ row: 2000, value: 150, line: 2002 });
  });

  it('validates several files or a glob into one {passed, reports} file, as the action does', async () => {
    const dir = testdir({ 'schema.yml': 'columns:\n  a: {type: integer, max: 1}\n', 'data/x.csv': 'a\n1\n', 'data/y.csv': 'a\n2\n', 'z.csv': 'a\n0\n' });
    const result = await run(['validate', 'data/*.csv', 'z.csv', '--schema', 'schema.yml', '--output', 'r.json'], dir);
    expect(result.code).toBe(1);
    const combined = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { passed: boolean; reports: ValidationReport[] };
    expect(combined.passed).toBe(false);
    expect(combined.reports.map((report) => [report.source?.path, report.passed])).toEqual([
      [join('data', 'x.csv'), true],
      [join('data', 'y.csv'), false],
      ['z.csv', true],
    ]);
    expect((await run(['validate', 'data/x.csv', 'z.csv', '--schema', 'schema.yml'], dir)).code).toBe(0);
    expect(await run(['validate', 'data/*.parquet', '--schema', 'schema.yml'], dir)).toMatchObject({ code: 2, err: expect.stringMatching(/^modelgate: data: nothing matches "data\/\*\.parquet"/) });
  });

  it('passes with --fail-on never, fails on warnings with --fail-on warn', async () => {
    const dir = testdir({ 'schema.yml': 'columns:\n  a: {type: integer, max: 1, severity: warn}\n', 'd.csv': 'a\n1\n2\n' });
    expect((await run(['validate', 'd.csv', '--schema', 'schema.yml'], dir)).code).toBe(0);
    expect((await run(['validate', 'd.csv', '--schema', 'schema.yml', '--fail-on', 'warn'], dir)).code).toBe(1);
    expect((await run(['validate', 'd.csv', '--schema', 'schema.yml', '--fail-on', 'never'], dir)).code).toBe(0);
  });
});

describe('modelgate validate: bad input is one line, exit 2, no report', () => {
  const cases: [string, string | Uint8Array, string, RegExp][] = [
    ['unbalanced quote', 'a,b\n1,2\n3,"x\n4,5\n', 'd.csv', /d\.csv: line 3: unbalanced quote: the quoted field opened on line 3 is never closed/],
    ['ragged row', 'a,b\n1,2\n3,4,5\n', 'd.csv', /d\.csv: row 2 \(line 3\) has more than 2 fields/],
    ['invalid UTF-8', Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe9]), Buffer.from('t\xe9\n')]), 'd.csv', /d\.csv: line 2: invalid UTF-8/],
    ['corrupt Parquet', Buffer.from('PAR1 this is not really parquet at all PAR1'), 'd.parquet', /d\.parquet: corrupt or truncated Parquet file/],
    ['empty file', '', 'd.csv', /d\.csv: data file is empty/],
    ['schema column the data lacks', 'a,bb\n1,2\n', 'd.csv', /d\.csv: the schema names column "b" but the data has no such column \(did you mean "bb"\?\)/],
  ];
  for (const [name, content, file, message] of cases) {
    it(name, async () => {
      const dir = testdir({ [file]: content, 'schema.yml': 'columns:\n  a: {type: integer}\n  b: {type: integer}\n' });
      const result = await run(['validate', file, '--schema', 'schema.yml', '--output', 'report.json'], dir);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err.trim().split('\n')).toHaveLength(1);
      expect(result.out).toBe('');
      expect(existsSync(join(dir, 'report.json'))).toBe(false);
    });
  }

  it('missing file, regex that does not compile, unknown schema key', async () => {
    const dir = testdir({ 'd.csv': 'a\n1\n', 'bad-regex.yml': "columns:\n  a: {type: string, pattern: '(x'}\n", 'typo.yml': 'columns:\n  a: {type: integer, nulable: false}\n' });
    const typo = await run(['validate', 'nope.csv', '--schema', 'typo.yml'], dir);
    expect([typo.code, typo.err]).toEqual([2, expect.stringMatching(/typo\.yml: columns\.a\.nulable: unknown key "nulable" \(did you mean "nullable"\?\)/)]);
    const schemaFine = await run(['validate', 'nope.csv', '--schema', 'bad-regex.yml'], dir);
    expect(schemaFine.err).toMatch(/bad-regex\.yml: columns\.a\.pattern: invalid regular expression "\(x"/);
    writeFileSync(join(dir, 'ok.yml'), 'columns:\n  a: {type: integer}\n');
    const noData = await run(['validate', 'nope.csv', '--schema', 'ok.yml'], dir);
    expect([noData.code, noData.err.trim()]).toEqual([2, `modelgate: ${join(dir, 'nope.csv')}: data file not found`]);
  });
});

describe('modelgate infer-schema', () => {
  it('infers a schema that validates the file it came from (CSV, JSONL, Parquet)', async () => {
    const dir = testdir({ 'data.csv': csvText(), 'data.jsonl': jsonlText() });
    await writeParquet(join(dir, 'data.csv'), join(dir, 'data.parquet'));
    for (const file of ['data.csv', 'data.jsonl', 'data.parquet']) {
      const inferred = await run(['infer-schema', file, '--output', `${file}.schema.yml`], dir);
      expect(inferred.err, file).toBe('');
      expect(inferred.code, file).toBe(0);
      const validated = await run(['validate', file, '--schema', `${file}.schema.yml`, '--output', `${file}.json`], dir);
      expect(validated.err, file).toBe('');
      expect(validated.out, file).toMatch(/^PASSED/);
      expect(validated.code, file).toBe(0);
    }
  });

  it('infers types, nullability, ranges, categories and uniqueness', async () => {
    const dir = testdir({
      'd.csv': 'id,n,x,flag,cat,day,at,free\n1,5,0.5,true,a,2024-01-01,2024-01-01T00:00:00Z,p\n2,,1.5,false,b,2024-02-29,2024-01-02 10:00,q\n3,7,-2,TRUE,a,2023-12-31,2024-01-01T00:00:00+01:00,r\n',
    });
    const result = await run(['infer-schema', 'd.csv', '--output', 's.json'], dir);
    expect(result.code).toBe(0);
    const inferred = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(inferred.columns).toEqual({
      id: { type: 'integer', min: 1, max: 3, nullable: false, unique: true },
      n: { type: 'integer', min: 5, max: 7, nullable: true, unique: true },
      x: { type: 'number', min: -2, max: 1.5, nullable: false },
      flag: { type: 'boolean', nullable: false },
      cat: { type: 'category', allowed: ['a', 'b'], nullable: false },
      day: { type: 'date', min: '2023-12-31', max: '2024-02-29', nullable: false },
      at: { type: 'datetime', min: '2024-01-01T00:00:00+01:00', max: '2024-01-02 10:00', nullable: false },
      free: { type: 'string', nullable: false, unique: true },
    });
    expect(inferred.table).toEqual({ rows: { min: 1 }, columns: 'strict' });
  });
});
