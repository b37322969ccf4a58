import { finishValidation, planValidation, type ValidationPlan, type ValidationReport, type ValidationSchema } from '@modelgate/core';
import { CsvBatch } from '../readers/csv-batch.ts';
import { openTable } from '../readers/open-table.ts';
import type { Cell, DataFormat, RowBatch, Table } from '../readers/types.ts';
import { observeCsvColumn } from './csv-column.ts';

export interface ValidateOptions {
  /** Overrides the format guessed from the extension. */
  format?: DataFormat;
  /** CSV delimiter (`,` by default, tab for .tsv). */
  delimiter?: string;
}

/**
 * Validates one data file against a schema in one streaming pass (plus a second pass that stops
 * at the first 20 duplicates when a `unique` check fails, to name the first duplicate rows).
 * Throws an InputError for unreadable data or a schema column the data lacks; never returns a
 * partial report.
 */
export async function validateFile(path: string, schema: ValidationSchema, options: ValidateOptions = {}): Promise<ValidationReport> {
  const table = await openTable(path, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    nullValues: schema.nullValues,
  });
  const plan = planValidation(schema, table.columns, path);
  const rows = await observeTable(table, plan);
  await resolveDuplicateExamples(table, plan);
  return finishValidation(plan, rows, { path, format: table.format });
}

async function observeTable(table: Table, plan: ValidationPlan): Promise<number> {
  const nullTokens = plan.schema.nullValues.map((token) => Buffer.from(token));
  let rows = 0;
  for await (const batch of table.batches()) {
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
        group.observe(tuple);
      }
    }
    rows += batch.rowCount;
  }
  plan.lines.lineOf = null;
  return rows;
}

/** Second pass for failed unique checks: stream again until each has its first examples. */
async function resolveDuplicateExamples(table: Table, plan: ValidationPlan): Promise<void> {
  const columns = plan.columns.filter(({ validator }) => validator.needsUniqueExamples());
  const groups = plan.compound.filter((group) => group.counter.duplicateRows() > 0);
  if (columns.length === 0 && groups.length === 0) return;
  const pending = new Set<object>([...columns, ...groups]);
  for await (const batch of table.batches()) {
    plan.lines.lineOf = lineLookup(batch);
    for (const entry of columns) {
      if (!pending.has(entry)) continue;
      const values = batch.column(entry.index);
      for (let r = 0; r < batch.rowCount; r++) {
        if (entry.validator.collectUniqueExample(values[r]!, batch.firstRow + r)) {
          pending.delete(entry);
          break;
        }
      }
    }
    for (const group of groups) {
      if (!pending.has(group)) continue;
      const columnValues = group.indices.map((index) => batch.column(index));
      for (let r = 0; r < batch.rowCount; r++) {
        if (group.collectExample(columnValues.map((values) => values[r]!), batch.firstRow + r)) {
          pending.delete(group);
          break;
        }
      }
    }
    if (pending.size === 0) break;
  }
  plan.lines.lineOf = null;
}

function lineLookup(batch: RowBatch): ((row: number) => number | undefined) | null {
  if (!batch.sourceLine) return null;
  return (row) => batch.sourceLine!(row - batch.firstRow);
}
