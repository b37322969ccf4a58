import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidationSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { validateFile } from './validate-table.ts';

describe('validateFile on JSONL', () => {
  it('tells apart ids beyond 2^53 that a double would round to the same value', async () => {
    // 2^53 + 1 and 2^53 are one double; as JSON numbers they are two different ids.
    const dir = testdir({ 'd.jsonl': '{"id":9007199254740993}\n{"id":9007199254740992}\n{"id":9007199254740993}\n' });
    const schema = parseValidationSchema({ columns: { id: { type: 'integer', unique: true } } }, 'schema.yml');
    const report = await validateFile(join(dir, 'd.jsonl'), schema);
    const unique = report.checks.find((check) => check.check === 'unique')!;
    expect(unique.failed).toBe(2);
    expect(unique.examples.map((example) => [example.row, example.line])).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });

  it("names the line of a duplicate's first occurrence in an earlier batch", async () => {
    // 9,000 records (batches of 8,192) after a blank line, so rows and lines differ by one; id 1 repeats at the end.
    const records = Array.from({ length: 9000 }, (_, i) => `{"id":${i === 8999 ? 1 : i + 1}}`);
    const dir = testdir({ 'd.jsonl': `\n${records.join('\n')}\n` });
    const schema = parseValidationSchema({ columns: { id: { type: 'integer', unique: true } } }, 'schema.yml');
    const unique = (await validateFile(join(dir, 'd.jsonl'), schema)).checks.find((check) => check.check === 'unique')!;
    expect(unique.examples.map((example) => [example.row, example.line])).toEqual([
      [1, 2],
      [9000, 9001],
    ]);
  });

  it('keys a large integer by its value however it is written (1e20 and its digits are one id)', async () => {
    const dir = testdir({ 'd.jsonl': '{"u":1e20}\n{"u":100000000000000000000}\n{"u":9007199254740992.0}\n{"u":9007199254740992}\n{"u":7}\n' });
    const schema = parseValidationSchema({ columns: { u: { type: 'integer', unique: true } } }, 'schema.yml');
    const unique = (await validateFile(join(dir, 'd.jsonl'), schema)).checks.find((check) => check.check === 'unique')!;
    expect(unique.failed).toBe(4);
    expect(unique.examples.map((example) => example.row)).toEqual([1, 2, 3, 4]);
  });

  it('takes an integer beyond the range of a double (over 308 digits) as a type failure, in JSONL and CSV', async () => {
    const huge = `1${'0'.repeat(400)}`;
    const dir = testdir({ 'd.jsonl': `{"a":${huge}}\n{"a":5}\n`, 'd.csv': `a\n${huge}\n5\n` });
    for (const type of ['integer', 'number'] as const) {
      const schema = parseValidationSchema({ columns: { a: { type, min: 0, exclusive_max: 10, mean: { max: 10 } } } }, 'schema.yml');
      for (const file of ['d.jsonl', 'd.csv']) {
        const report = await validateFile(join(dir, file), schema);
        const failed = Object.fromEntries(report.checks.map((check) => [check.check, check.failed]));
        expect(failed, `${type} ${file}`).toMatchObject({ type: 1, min: 0, exclusive_max: 0, mean: 0 });
      }
    }
  });
});

