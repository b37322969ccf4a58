import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
      note: { type: 'string' },
    },
    table: { unique_together: [['age', 'note']] },
  },
  'schema.yml',
);

/** 4,000 rows; duplicates inside each half and across the halves; a multi-line field every 97th row. */
function csv(straddle: boolean): string {
  const lines = ['id,name,age,score,note'];
  for (let i = 1; i <= 4000; i++) {
    const id = i === 3500 ? 10 : i === 20 ? 19 : i;
    const name = i === 3999 ? 'n2' : `n${i}`;
    const age = i % 333 === 0 ? 101 : i % 90;
    const note = straddle && i >= 1900 && i <= 2100 ? `"long\n${'x'.repeat(50)}\nfield"` : i % 97 === 0 ? '"two\nlines"' : `x${i % 7}`;
    lines.push(`${id},${name},${age},${(i % 100) / 100},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('validating a CSV in parallel byte ranges', () => {
  for (const straddle of [false, true]) {
    it(`gives exactly the single-threaded report${straddle ? ' when quoted newlines straddle the split' : ''}`, async () => {
      const dir = testdir({ 'd.csv': csv(straddle) });
      const single = await validateFile(join(dir, 'd.csv'), schema, { parallelMinBytes: Infinity });
      const parallel = await validateFile(join(dir, 'd.csv'), schema, { parallelMinBytes: 1 });
      expect(parallel).toEqual(single);
      const unique = single.checks.find((c) => c.column === 'id' && c.check === 'unique')!;
      // id 19 at rows 19 and 20; id 10 at rows 10 and 3500 (across the halves).
      expect(unique.failed).toBe(4);
      expect(unique.examples.map((e) => e.row)).toEqual([10, 19, 20, 3500]);
      expect(single.checks.find((c) => c.column === 'age' && c.check === 'max')!.failed).toBe(12);
      expect(single.checks.find((c) => c.column === 'name' && c.check === 'unique')!.examples.map((e) => e.row)).toEqual([2, 3999]);
    });
  }
});

describe('a worker thread that dies', () => {
  it('fails the validation loudly instead of being redone quietly on the main thread', async () => {
    const dir = testdir({ 'd.csv': csv(false), 'broken-worker.mjs': "throw new Error('cannot load');\n" });
    const broken = pathToFileURL(join(dir, 'broken-worker.mjs'));
    await expect(validateFile(join(dir, 'd.csv'), schema, { parallelMinBytes: 1, workerScript: broken })).rejects.toThrow(/a validation worker thread failed: cannot load/);
  });
});
