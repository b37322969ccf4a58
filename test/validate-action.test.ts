// actions/validate-data bundled and run as the runner runs it (INPUT_*, GITHUB_OUTPUT, step summary).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction, testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

const schema = `
columns:
  id: {type: integer, unique: true}
  age: {type: integer, min: 0, max: 120}
  country: {type: category, allowed: [US, FR]}
  note: {type: string, length: {max: 20}, severity: warn}
`;

// Row 2 spans lines 3-4 (quoted newline), so row 3 starts on line 5.
const bad = 'id,age,country,note\n1,30,US,ok\n2,31,FR,"two\nlines"\n3,200,US,ok\n3,40,<img src=x>,@org/team | x |\n';
const good = 'id,age,country,note\n1,30,US,ok\n';

describe('actions/validate-data (bundled, run as the runner does)', () => {
  it('annotates failing CSV rows with file and line, writes the summary, report and outputs, and fails', async () => {
    const dir = testdir({ 'schema.yml': schema, 'data/a.csv': good, 'data/b.csv': bad });
    const result = await runAction('validate-data', { workspace: dir, inputs: { data: 'data/*.csv', schema: 'schema.yml' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe('false');
    expect(result.outputs['report-path']).toBe(join(dir, '.modelgate/validation/report.json'));
    const report = JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8'));
    expect(report.passed).toBe(false);
    expect(report.reports.map((r: { source: { path: string } }) => r.source.path)).toEqual(['data/a.csv', 'data/b.csv']);
    const annotations = result.annotations.filter((a) => a.file !== undefined);
    expect(annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', file: 'data/b.csv', line: 5, message: expect.stringMatching(/^age max: 1 of 4 non-null values are above max 120 \(first at row 3: 200\)/) }),
        expect.objectContaining({ level: 'error', file: 'data/b.csv', line: 5, message: expect.stringMatching(/^id unique: 2 of 4/) }),
        expect.objectContaining({ level: 'error', file: 'data/b.csv', line: 6, message: expect.stringMatching(/^country allowed/) }),
      ]),
    );
    expect(result.annotations.find((a) => a.level === 'error' && a.file === undefined)?.message).toBe('data validation: 1 of 2 files with failed error-level checks: data/b.csv');
    // The summary shows hostile values as text.
    expect(result.summary).toContain('❌ Data validation failed');
    expect(result.summary).toContain('&lt;img src=x&gt;');
    expect(result.summary).not.toContain('<img');
  });

  it('passes with fail-on never and reports passed=false', async () => {
    const dir = testdir({ 'schema.yml': schema, 'b.csv': bad });
    const result = await runAction('validate-data', { workspace: dir, inputs: { data: 'b.csv', schema: 'schema.yml', 'fail-on': 'never' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.passed).toBe('false');
  });

  it('fails with one line for a glob that matches nothing or bad input', async () => {
    const dir = testdir({ 'schema.yml': schema, 'x.csv': 'id,age,country,note\n1,"2\n' });
    const none = await runAction('validate-data', { workspace: dir, inputs: { data: 'data/*.csv', schema: 'schema.yml' } });
    expect(none.exitCode).toBe(1);
    expect(none.annotations).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^data: nothing matches "data\/\*\.csv"/) })]);
    const broken = await runAction('validate-data', { workspace: dir, inputs: { data: 'x.csv', schema: 'schema.yml', 'fail-on': 'sometimes' } });
    expect(broken.annotations[0]?.message).toBe('input "fail-on": expected one of error, warn, never, got "sometimes"');
    const unbalanced = await runAction('validate-data', { workspace: dir, inputs: { data: 'x.csv', schema: 'schema.yml' } });
    expect(unbalanced.annotations[0]?.message).toMatch(/^x\.csv: line 2: unbalanced quote/);
    expect(unbalanced.outputs.passed).toBeUndefined();
  });

  it('keeps within GitHub\'s 10 error annotations and says how many more failed', async () => {
    const columns = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const dir = testdir({
      'schema.yml': `columns:\n${columns.map((c) => `  ${c}: {type: integer, max: 0}`).join('\n')}\n`,
      'd.csv': `${columns.join(',')}\n${columns.map(() => '1').join(',')}\n`,
    });
    const result = await runAction('validate-data', { workspace: dir, inputs: { data: 'd.csv', schema: 'schema.yml' } });
    const fileErrors = result.annotations.filter((a) => a.level === 'error' && a.file === 'd.csv');
    // 8 checks + "4 more" + the step's own failure = GitHub's 10 error annotations per step.
    expect(fileErrors).toHaveLength(9);
    expect(fileErrors[8]!.message).toMatch(/^4 more failed error-level checks are not annotated/);
    expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
  });

  it('splits a large CSV across worker threads running the bundle itself, with exact counts', async () => {
    // ~18 MB, above the 16 MB threshold: two byte ranges, the second on a worker started from dist/index.js.
    const rows = 300_000;
    const lines = ['id,age,country,note'];
    for (let i = 1; i <= rows; i++) lines.push(`${i === 250_000 ? 7 : i},${i % 1000 === 0 ? 130 : i % 90},${i % 7 === 0 ? 'FR' : 'US'},${'n'.repeat(50)}`);
    const dir = testdir({ 'schema.yml': schema, 'big.csv': `${lines.join('\n')}\n` });
    const result = await runAction('validate-data', { workspace: dir, inputs: { data: 'big.csv', schema: 'schema.yml' } });
    expect(result.stderr).toBe('');
    const report = JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8'));
    const checks = Object.fromEntries(report.reports[0].checks.map((c: { column: string; check: string }) => [`${c.column} ${c.check}`, c]));
    expect(report.reports[0].rows).toBe(rows);
    expect(checks['age max'].failed).toBe(300);
    expect(checks['id unique'].failed).toBe(2);
    expect(checks['id unique'].examples).toEqual([
      { row: 7, value: 7, line: 8 },
      { row: 250_000, value: 7, line: 250_001 },
    ]);
    expect(checks['note length'].failed).toBe(rows);
  });

  it('reads Parquet from the bundle (zstd pages, nulls, int64)', async () => {
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'data', 'sample-zstd.parquet'));
    // DuckDB wrote i = 1..5000: name is null when i % 4 == 0, big = i * 10^12.
    const dir = testdir({ 'd.parquet': fixture, 'schema.yml': 'columns:\n  id: {type: integer, unique: true, max: 4990}\n  name: {type: string, nullable: false}\n  big: {type: integer, min: 0}\n' });
    const result = await runAction('validate-data', { workspace: dir, inputs: { data: 'd.parquet', schema: 'schema.yml' } });
    expect(result.stderr).toBe('');
    const checks = Object.fromEntries(JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8')).reports[0].checks.map((c: { column: string; check: string; failed: number }) => [`${c.column} ${c.check}`, c.failed]));
    expect(checks).toEqual({ 'id type': 0, 'id max': 10, 'id unique': 0, 'name type': 0, 'name nullable': 1250, 'big type': 0, 'big min': 0 });
  });
});
