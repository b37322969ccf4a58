import type { ValidationPlan } from '@modelgate/core';
import { CsvBatch } from '../readers/csv-batch.ts';
import type { Cell, RowBatch } from '../readers/types.ts';
import { observeCsvColumn } from './csv-column.ts';

/** Feeds every batch to the plan's validators; returns the number of rows seen. */
export async function observeBatches(batches: AsyncIterable<RowBatch>, plan: ValidationPlan): Promise<number> {
  const nullTokens = plan.schema.nullValues.map((token) => Buffer.from(token));
  let rows = 0;
  for await (const batch of batches) {
    plan.lines.lineOf = lineLookup(batch);
    if (batch instanceof CsvBatch) {
      for (const { index, validator } of plan.columns) observeCsvColumn(batch, batch.selected[index]!, validator, nullTokens);
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
