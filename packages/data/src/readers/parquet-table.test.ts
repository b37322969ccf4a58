import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { openTable } from './open-table.ts';
import type { Cell } from './types.ts';

const fixtures = new URL('../../../../test/fixtures/data/', import.meta.url).pathname;

async function rowsOf(path: string, columns?: string[]) {
  const table = await openTable(path, columns ? { columns } : {});
  const rows: Cell[][] = [];
  const firstRows: number[] = [];
  for await (const batch of table.batches()) {
    firstRows.push(batch.firstRow);
    const cols = table.columns.map((_, i) => batch.column(i));
    for (let r = 0; r < batch.rowCount; r++) rows.push(cols.map((c) => c[r]!));
  }
  return { columns: table.columns, rows, firstRows };
}

// The fixtures were written by DuckDB (make-parquet.ts) from formulas in i = 1..5000, 2048-row groups.
function expectedRow(i: number): Cell[] {
  const day = new Date(Date.UTC(2024, 0, 1 + (i % 28))).toISOString().slice(0, 10);
  const at = new Date(Date.UTC(2024, 0, 1) + i * 3600_000).toISOString();
  return [i, i * 1.5, i % 4 === 0 ? null : `name-${i}`, i % 2 === 0, day, at, BigInt(i) * 1_000_000_000_000n];
}

describe('Parquet reader', () => {
  for (const codec of ['snappy', 'gzip', 'zstd']) {
    it(`reads ${codec} pages row group by row group`, async () => {
      const result = await rowsOf(join(fixtures, `sample-${codec}.parquet`));
      expect(result.columns).toEqual(['id', 'score', 'name', 'flag', 'day', 'at', 'big']);
      expect(result.rows).toEqual(Array.from({ length: 5000 }, (_, k) => expectedRow(k + 1)));
      expect(result.firstRows).toEqual([1, 2049, 4097]);
    });
  }

  it('selects columns', async () => {
    const result = await rowsOf(join(fixtures, 'sample-zstd.parquet'), ['name', 'id']);
    expect(result.rows[3]).toEqual([null, 4]);
  });

  it('rejects truncated and corrupt files with one line', async () => {
    const bytes = readFileSync(join(fixtures, 'sample-snappy.parquet'));
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0xff, 4, 400); // wipes the first page header
    const dir = testdir({
      'truncated.parquet': bytes.subarray(0, bytes.length - 100),
      'corrupt.parquet': corrupt,
      'tiny.parquet': 'PAR1',
    });
    await expect(rowsOf(join(dir, 'truncated.parquet'))).rejects.toThrow(/truncated\.parquet: corrupt or truncated Parquet file/);
    await expect(rowsOf(join(dir, 'corrupt.parquet'))).rejects.toThrow(/corrupt\.parquet: corrupt or truncated Parquet file/);
    await expect(rowsOf(join(dir, 'tiny.parquet'))).rejects.toThrow(/tiny\.parquet: not a Parquet file/);
  });
});
