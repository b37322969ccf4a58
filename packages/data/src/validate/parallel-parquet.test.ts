import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseValidationSchema } from '@modelgate/core';
import { validateFile } from './validate-table.ts';

const fixture = new URL('../../../../test/fixtures/data/sample-snappy.parquet', import.meta.url).pathname;

describe('validating Parquet row groups on worker threads', () => {
  it('gives exactly the single-threaded report, duplicates across parts included', async () => {
    // i = 1..5000 in three row groups; day repeats every 28 rows, so unique fails across the parts.
    const schema = parseValidationSchema(
      {
        columns: {
          id: { type: 'integer', unique: true, max: 4000, mean: { max: 10 } },
          name: { type: 'string', nullable: false },
          day: { type: 'date', unique: true },
          big: { type: 'integer', quantiles: { '0.5': { max: 0 } } },
        },
        table: { unique_together: [['name', 'day']], columns: 'strict' },
      },
      'schema.yml',
    );
    const single = await validateFile(fixture, schema, { parallelMinRows: Infinity });
    const parallel = await validateFile(fixture, schema, { parallelMinRows: 1 });
    expect(parallel).toEqual(single);
    const failed = Object.fromEntries(single.checks.map((c) => [`${c.column} ${c.check}`, c.failed]));
    expect(failed).toMatchObject({ 'id max': 1000, 'id unique': 0, 'name nullable': 1250, 'day unique': 5000, 'null unique_together': 0, 'null columns': 3 });
    expect(single.checks.find((c) => c.check === 'unique' && c.column === 'day')!.examples.map((e) => e.row)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  });
});
