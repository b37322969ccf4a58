import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parseValidationSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
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

  it('reports a corrupt row group in a later part exactly as one thread does', async () => {
    const bytes = readFileSync(fixture);
    const corrupt = Buffer.from(bytes);
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const chunk = metadata.row_groups.at(-1)!.columns[0]!.meta_data!;
    const start = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
    corrupt.fill(0xff, start, start + 64); // the last row group's first page header
    const dir = testdir({ 'd.parquet': corrupt });
    const schema = parseValidationSchema({ columns: { id: { type: 'integer' } } }, 'schema.yml');
    const single = validateFile(join(dir, 'd.parquet'), schema, { parallelMinRows: Infinity });
    await expect(single).rejects.toThrow(/d\.parquet/);
    const message = await single.catch((error: Error) => error.message);
    await expect(validateFile(join(dir, 'd.parquet'), schema, { parallelMinRows: 1 })).rejects.toThrow(message);
  });
});
