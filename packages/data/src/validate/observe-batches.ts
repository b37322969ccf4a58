import type { ValidationPlan } from '@modelgate/core';
import { CsvBatch } from '../readers/csv-batch.ts';
import type { Cell, RowBatch } from '../readers/types.ts';
import type { ParquetBatch } from '../readers/parquet-table.ts';
import { csvColumnReader } from './csv-column.ts';
import { observeTypedColumn } from './typed-column.ts';

/**
 * Feeds every batch to the plan's validators; returns the number of rows seen. `expected` (rows,
 * or bytes of CSV) lets unique checks size their tables once instead of growing step by step.
 */
export async function observeBatches(batches: AsyncIterable<RowBatch>, plan: ValidationPlan, expected: { rows?: number; bytes?: number } = {}): Promise<number> {
  const csvReaders = plan.columns.map(({ validator }) => csvColumnReader(validator, plan.schema.nullValues));
  let rows = 0;
  let sized = false;
  for await (const batch of batches) {
    if (!sized) {
      sized = true;
      const estimate = expected.rows ?? (expected.bytes !== undefined && batch instanceof CsvBatch ? Math.ceil((expected.bytes / Math.max(1, batch.byteLength)) * batch.rowCount * 1.05) : 0);
      if (estimate > 0) {
        for (const { validator } of plan.columns) validator.reserve(estimate);
        for (const group of plan.compound) group.reserve(estimate);
      }
    }
    plan.lines.lineOf = lineLookup(batch);
    if (batch instanceof CsvBatch) {
      plan.columns.forEach(({ index }, c) => csvReaders[c]!.observe(batch, batch.selected[index]!));
    } else if (isParquetBatch(batch)) {
      const keep = new Set(plan.compound.flatMap((group) => group.indices));
      for (const { index, validator } of plan.columns) {
        if (!observeTypedColumn(batch.flat(index), batch.firstRow, validator)) {
          const firstRow = batch.firstRow;
          batch.forEachCell(index, (cell, r) => validator.observe(cell, firstRow + r));
        }
        if (!keep.has(index)) batch.release(index);
      }
    } else {
      for (const { index, validator } of plan.columns) {
        const values = batch.column(index);
        for (let r = 0; r < batch.rowCount; r++) validator.observe(values[r]!, batch.firstRow + r);
      }
    }
    for (const group of plan.compound) {
      const columns = group.indices.map((index) => batch.column(index));
      const tuple: Cell[] = new Array(columns.length);
      for (let r = 0; r < batch.rowCount; r++) {
        for (let c = 0; c < columns.length; c++) tuple[c] = columns[c]![r]!;
        group.observe(tuple, batch.firstRow + r);
      }
    }
    rows += batch.rowCount;
  }
  plan.lines.lineOf = null;
  return rows;
}

/** Row -> file line within one batch (undefined for rows of earlier batches). */
export function lineLookup(batch: RowBatch): ((row: number) => number | undefined) | null {
  if (!batch.sourceLine) return null;
  return (row) => (row >= batch.firstRow && row < batch.firstRow + batch.rowCount ? batch.sourceLine!(row - batch.firstRow) : undefined);
}

/** A Parquet row group, told by its shape so that CSV workers never load the Parquet reader. */
function isParquetBatch(batch: RowBatch): batch is ParquetBatch {
  return typeof (batch as Partial<ParquetBatch>).flat === 'function';
}
