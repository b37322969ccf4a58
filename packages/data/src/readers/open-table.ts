import { InputError } from '@modelgate/core';
import { checkDataFile, isGzipPath } from './byte-source.ts';
import { openCsvTable } from './csv-table.ts';
import { openJsonlTable } from './jsonl-table.ts';
import type { DataFormat, OpenTableOptions, Table } from './types.ts';

const EXTENSIONS: Record<string, { format: DataFormat; delimiter?: string }> = {
  '.csv': { format: 'csv' },
  '.tsv': { format: 'csv', delimiter: '\t' },
  '.jsonl': { format: 'jsonl' },
  '.ndjson': { format: 'jsonl' },
  '.parquet': { format: 'parquet' },
};

/** The format an extension implies (`.gz` looks through to the inner extension). */
export function formatOf(path: string): { format: DataFormat; delimiter?: string } | undefined {
  const lower = path.toLowerCase().replace(/\.gz$/, '');
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[lower.slice(dot)];
}

/**
 * Opens a CSV, JSONL or Parquet file (CSV and JSONL may be gzipped) for streaming. The format
 * comes from the extension unless given. A missing, empty or unreadable file, a bad header or an
 * unknown column in `columns` is an InputError naming the file.
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<Table> {
  const guessed = formatOf(path);
  const format = options.format ?? guessed?.format;
  if (!format) {
    throw new InputError(`${path}: cannot tell the data format from the extension; use .csv, .tsv, .jsonl, .ndjson or .parquet (optionally .gz), or pass the format`);
  }
  await checkDataFile(path);
  switch (format) {
    case 'csv':
      return openCsvTable(path, {
        delimiter: options.delimiter ?? guessed?.delimiter ?? ',',
        nullValues: options.nullValues ?? [],
        ...(options.columns ? { columns: options.columns } : {}),
      });
    case 'jsonl':
      return openJsonlTable(path, options.columns);
    case 'parquet':
      if (isGzipPath(path)) throw new InputError(`${path}: Parquet files compress their pages themselves; gzip around a Parquet file is not supported`);
      // Loaded only for Parquet: hyparquet and its codecs cost every other run ~50 ms to load.
      return (await import('./parquet-table.ts')).openParquetTable(path, options.columns);
  }
}
