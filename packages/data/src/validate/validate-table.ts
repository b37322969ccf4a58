import { stat } from 'node:fs/promises';
import { finishValidation, planValidation, type ValidationPlan, type ValidationReport, type ValidationSchema } from '@modelgate/core';
import { isGzipPath } from '../readers/byte-source.ts';
import type { CsvLayout } from '../readers/csv-table.ts';
import { openTable } from '../readers/open-table.ts';
import type { DataFormat, Table } from '../readers/types.ts';
import { lineLookup, observeBatches } from './observe-batches.ts';
import { PARALLEL_MIN_BYTES, observeCsvInRanges, rangeCount } from './parallel-csv.ts';
import { observeParquetInParts, parquetPartCount } from './parallel-parquet.ts';
import type { ParquetTable } from '../readers/parquet-table.ts';

export interface ValidateOptions {
  /** Overrides the format guessed from the extension. */
  format?: DataFormat;
  /** CSV delimiter (`,` by default, tab for .tsv). */
  delimiter?: string;
  /** Threads for a large plain CSV (byte ranges) or Parquet (row groups); default: one per core, at most 4. */
  threads?: number;
  /** Plain CSV files at least this large are split across threads (tests lower it). */
  parallelMinBytes?: number;
  /** Parquet files with at least this many rows are split by row groups across threads. */
  parallelMinRows?: number;
  /** Script the range workers run; a bundle passes its own file and checks isCsvRangeWorker(). */
  workerScript?: URL;
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
  const layout = (table as Table & { layout?: CsvLayout }).layout;
  const bytes = layout ? (await stat(path)).size : 0;
  const ranges = layout ? Math.min(options.threads ?? Infinity, rangeCount(bytes, isGzipPath(path), options.parallelMinBytes ?? PARALLEL_MIN_BYTES, options.workerScript)) : 1;
  const expected = layout ? { bytes: bytes - layout.dataStart } : (table as Table & { rowCount?: number }).rowCount !== undefined ? { rows: (table as Table & { rowCount?: number }).rowCount! } : {};
  const parquet = table.format === 'parquet' ? (table as ParquetTable) : undefined;
  const parts = parquet ? Math.min(options.threads ?? Infinity, parquetPartCount(parquet, options.parallelMinRows, options.workerScript)) : 1;
  const rows =
    layout && ranges > 1
      ? await observeCsvInRanges(layout, plan, table.columns, bytes, ranges, options.workerScript)
      : parquet && parts > 1
        ? await observeParquetInParts(parquet, plan, parts, options.workerScript)
        : await observeBatches(table.batches(), plan, expected);
  await resolveDuplicateExamples(table, plan);
  const report = finishValidation(plan, rows, { path, format: table.format });
  if (table.format !== 'parquet') await fillMissingLines(table, report);
  return report;
}

/**
 * CSV and JSONL examples name their file line. A duplicate's first occurrence is found after its
 * batch has gone (or in another thread's range), so its line is looked up here, in a scan that
 * stops at the last row needed; this only happens when a unique check fails.
 */
async function fillMissingLines(table: Table, report: ValidationReport): Promise<void> {
  const missing = report.checks.flatMap((check) => check.examples.filter((example) => example.line === undefined));
  if (missing.length === 0) return;
  const last = Math.max(...missing.map((example) => example.row));
  for await (const batch of table.batches()) {
    for (const example of missing) {
      const offset = example.row - batch.firstRow;
      if (offset >= 0 && offset < batch.rowCount) example.line = batch.sourceLine?.(offset);
    }
    if (batch.firstRow + batch.rowCount > last) break;
  }
}

/** Second pass for failed unique checks: stream again until each has its first examples. */
async function resolveDuplicateExamples(table: Table, plan: ValidationPlan): Promise<void> {
  const columns = plan.columns.filter(({ validator }) => validator.needsUniqueExamples());
  const groups = plan.compound.filter((group) => group.needsSecondPass && group.counter.duplicateRows() > 0);
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
