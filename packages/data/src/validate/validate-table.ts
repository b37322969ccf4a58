import { stat } from 'node:fs/promises';
import { finishValidation, planValidation, type ValidationPlan, type ValidationReport, type ValidationSchema } from '@modelgate/core';
import { isGzipPath } from '../readers/byte-source.ts';
import type { CsvLayout } from '../readers/csv-table.ts';
import { openTable } from '../readers/open-table.ts';
import type { DataFormat, Table } from '../readers/types.ts';
import { lineLookup, observeBatches } from './observe-batches.ts';
import type { JsonlLayout } from '../readers/jsonl-table.ts';
import type { ParquetTable } from '../readers/parquet-table.ts';
import { observeCsvInRanges } from './parallel-csv.ts';
import { observeJsonlInRanges } from './parallel-jsonl.ts';
import { observeParquetInParts, parquetPartCount } from './parallel-parquet.ts';
import { PARALLEL_MIN_BYTES, rangeCount } from './parallel-parts.ts';

export interface ValidateOptions {
  /** Overrides the format guessed from the extension. */
  format?: DataFormat;
  /** CSV delimiter (`,` by default, tab for .tsv). */
  delimiter?: string;
  /** Threads for a large plain CSV or JSONL (byte ranges) or Parquet (row groups); default: one per core, at most 4. */
  threads?: number;
  /** Plain CSV and JSONL files at least this large are split across threads (tests lower it). */
  parallelMinBytes?: number;
  /** Parquet files with at least this many rows are split by row groups across threads. */
  parallelMinRows?: number;
  /** Script the workers run; a bundle passes its own file and checks isValidationWorker(). */
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
  const rows = await observeTable(table, plan, options);
  await resolveDuplicateExamples(table, plan);
  const report = finishValidation(plan, rows, { path, format: table.format });
  if (table.format !== 'parquet') await fillMissingLines(table, report);
  return report;
}

/** Streams the file through the plan's validators, in parts on worker threads when it is large. */
async function observeTable(table: Table, plan: ValidationPlan, options: ValidateOptions): Promise<number> {
  const threads = options.threads ?? Infinity;
  if (table.format === 'parquet') {
    const parquet = table as ParquetTable;
    const parts = Math.min(threads, parquetPartCount(parquet, options.parallelMinRows, options.workerScript));
    return parts > 1 ? observeParquetInParts(parquet, plan, parts, options.workerScript) : observeBatches(table.batches(), plan, { rows: parquet.rowCount });
  }
  const bytes = (await stat(table.path)).size;
  const ranges = Math.min(threads, rangeCount(bytes, isGzipPath(table.path), options.parallelMinBytes ?? PARALLEL_MIN_BYTES, options.workerScript));
  if (table.format === 'csv') {
    const { layout } = table as Table & { layout: CsvLayout };
    return ranges > 1 ? observeCsvInRanges(layout, plan, table.columns, bytes, ranges, options.workerScript) : observeBatches(table.batches(), plan, { bytes: bytes - layout.dataStart });
  }
  const { layout } = table as Table & { layout: JsonlLayout };
  return ranges > 1 ? observeJsonlInRanges(layout, plan, bytes, ranges, options.workerScript) : observeBatches(table.batches(), plan);
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
