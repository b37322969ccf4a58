import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidationSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { validateFile } from './validate-table.ts';

const schema = parseValidationSchema(
  {
    columns: {
      id: { type: 'integer', unique: true },
      name: { type: 'string', unique: true },
      age: { type: 'integer', max: 100 },
      score: { type: 'number', mean: { max: 1 }, quantiles: { '0.5': { max: 1 } } },
      big: { type: 'integer', unique: true },
    },
    table: { unique_together: [['age', 'name']] },
  },
  'schema.yml',
);

/** 4,000 records with blank lines (rows and lines differ), duplicates inside each half and across them. */
function jsonl(extra = ''): string {
  const lines: string[] = [];
  for (let i = 1; i <= 4000; i++) {
    const id = i === 3500 ? 10 : i === 20 ? 19 : i;
    const name = `n${i === 3999 ? 2 : i}\u00e9`;
    // Beyond 2^53: 9007199254740993 at rows 7 and 3007 (a double would merge it with ...992 at row 8).
    const big = i === 7 || i === 3007 ? '9007199254740993' : i === 8 ? '9007199254740992' : String(i);
    lines.push(`{"id":${id},"name":"${name}","age":${i % 333 === 0 ? 101 : i % 90},"score":${(i % 100) / 100},"big":${big}}`);
    if (i % 97 === 0) lines.push('');
  }
  return `${lines.join('\n')}\n${extra}`;
}

describe('validating JSONL in parallel byte ranges', () => {
  it('gives the single-threaded report, rows and lines included', async () => {
    const dir = testdir({ 'd.jsonl': jsonl() });
    const single = await validateFile(join(dir, 'd.jsonl'), schema, { parallelMinBytes: Infinity });
    const parallel = await validateFile(join(dir, 'd.jsonl'), schema, { parallelMinBytes: 1 });
    // Means and deviations merged from parts are summed in another order: equal to ~1e-15, not bit for bit.
    const observed = (report: typeof single) => report.checks.map((check) => check.observed);
    const withoutObserved = (report: typeof single) => ({ ...report, checks: report.checks.map(({ observed: _, ...check }) => check) });
    expect(withoutObserved(parallel)).toEqual(withoutObserved(single));
    observed(parallel).forEach((value, i) => (typeof value === 'number' ? expect(value).toBeCloseTo(observed(single)[i] as number, 12) : expect(value).toEqual(observed(single)[i])));
    const unique = (column: string) => single.checks.find((c) => c.column === column && c.check === 'unique')!;
    expect(unique('id').examples.map((e) => [e.row, e.line])).toEqual([[10, 10], [19, 19], [20, 20], [3500, 3536]]);
    expect(unique('big').examples.map((e) => e.row)).toEqual([7, 3007]);
    expect(unique('name').failed).toBe(2);
    expect(single.checks.find((c) => c.column === 'age' && c.check === 'max')!.failed).toBe(12);
  });

  it('names the absolute line of an error in a later range', async () => {
    const dir = testdir({ 'd.jsonl': jsonl('{"id":1,\n') });
    await expect(validateFile(join(dir, 'd.jsonl'), schema, { parallelMinBytes: 1 })).rejects.toThrow(/d\.jsonl: line 4042: malformed JSON/);
    await expect(validateFile(join(dir, 'd.jsonl'), schema, { parallelMinBytes: Infinity })).rejects.toThrow(/d\.jsonl: line 4042: malformed JSON/);
  });

  it('rejects a byte order mark at the start of a later range, as one thread does', async () => {
    const records = `${Array.from({ length: 2000 }, (_, i) => `{"id":${i}}`).join('\n')}\n`;
    const bytes = Buffer.byteLength(records) + 3; // with the BOM
    // The second range starts after the first line break at or past the middle of the file.
    const split = records.indexOf('\n', Math.floor(bytes / 2)) + 1;
    const dir = testdir({ 'd.jsonl': `${records.slice(0, split)}\ufeff${records.slice(split)}` });
    const ids = parseValidationSchema({ columns: { id: { type: 'integer' } } }, 'schema.yml');
    const line = records.slice(0, split).split('\n').length;
    for (const parallelMinBytes of [Infinity, 1]) {
      await expect(validateFile(join(dir, 'd.jsonl'), ids, { parallelMinBytes })).rejects.toThrow(new RegExp(`d\\.jsonl: line ${line}: malformed JSON`));
    }
  });
});

