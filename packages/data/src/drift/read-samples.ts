// Reads the columns drift tests from one data file, in one pass for every column and method.

import { stat } from 'node:fs/promises';
import type { ColumnSample } from '@modelgate/core';
import { isGzipPath } from '../readers/byte-source.ts';
import { CsvBatch } from '../readers/csv-batch.ts';
import { type DataFormat, type OpenTableOptions, openTable } from '../readers/index.ts';
import { ColumnCollector } from './column-collector.ts';

export interface ReadOptions {
  format?: DataFormat;
  /** CSV field separator; by default from the extension. */
  delimiter?: string;
  /** CSV tokens read as null besides an empty unquoted field. */
  nullValues?: readonly string[];
}

/** The column names of a data file (its header; JSONL: the keys of the first records). */
export async function readColumnNames(path: string, options: ReadOptions = {}): Promise<string[]> {
  return (await openTable(path, tableOptions(options))).columns;
}

/** How openTable is to read a file with these options, only `columns` if given. */
export function tableOptions(options: ReadOptions, columns?: readonly string[]): OpenTableOptions {
  return {
    ...(options.format ? { format: options.format } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.nullValues ? { nullValues: [...options.nullValues] } : {}),
    ...(columns ? { columns: [...columns] } : {}),
  };
}

export interface FileSamples {
  /** Data rows in the file. */
  rows: number;
  samples: Map<string, ColumnSample>;
}

/** Reads `columns` of a file (every one must exist); `categorical` names columns read as categories. */
export async function readSamples(path: string, columns: readonly string[], categorical: ReadonlySet<string>, options: ReadOptions = {}): Promise<FileSamples> {
  const samples = new Map<string, ColumnSample>();
  if (columns.length === 0) return { rows: 0, samples };
  const table = await openTable(path, tableOptions(options, [...columns]));
  const collectors = table.columns.map((name) => new ColumnCollector(name, categorical.has(name)));
  const bytes = table.format === 'csv' && !isGzipPath(path) ? (await stat(path)).size : 0;
  let rows = 0;
  let estimated = false;
  const numeric = new Set(table.columns.filter((name) => !categorical.has(name)));
  for await (const batch of table.batches({ parseNumbers: numeric })) {
    if (!estimated && batch instanceof CsvBatch && bytes > 0 && batch.byteLength > 0) {
      // Rows to expect: the file's size at the first batch's bytes per row, 2% over.
      const expected = Math.ceil(((bytes * batch.rowCount) / batch.byteLength) * 1.02);
      for (const collector of collectors) collector.expect(expected);
      estimated = true;
    }
    rows += batch.rowCount;
    for (let c = 0; c < collectors.length; c++) collectors[c]!.addBatch(batch, c);
  }
  const scratch = rows >= 4096 ? new Uint32Array(2 * rows) : undefined;
  for (const collector of collectors) samples.set(collector.name, collector.finish(scratch));
  return { rows, samples };
}
