/** The file formats every data action reads. */
export type DataFormat = 'csv' | 'jsonl' | 'parquet';

/**
 * One value as read. CSV gives the raw text (or null for an empty unquoted field or a null token);
 * JSONL and Parquet give typed values (int64 as bigint, dates and timestamps as ISO strings).
 */
export type Cell = string | number | boolean | bigint | null;

export interface OpenTableOptions {
  /** Overrides the format guessed from the extension. */
  format?: DataFormat;
  /** CSV field separator (one character); `,` by default, tab for `.tsv`. */
  delimiter?: string;
  /** Extra CSV tokens read as null (an empty unquoted field always is). */
  nullValues?: string[];
  /** Read only these columns, in this order; a name the file lacks is an InputError. */
  columns?: string[];
}

export interface RowBatch {
  /** 1-based data row number of the batch's first row (the header is not counted). */
  firstRow: number;
  rowCount: number;
  /** Values of one column (an index into `Table.columns`), `rowCount` long. */
  column(index: number): readonly Cell[];
  /** CSV and JSONL: the 1-based file line where row `row` (0-based within the batch) starts. */
  sourceLine?(row: number): number;
}

export interface Table {
  path: string;
  format: DataFormat;
  columns: string[];
  /** Streams the rows once per call; memory stays bounded by one batch. */
  batches(hints?: BatchHints): AsyncIterable<RowBatch>;
}

/** What the reader of the batches will ask for, so a format can prepare it on the way. */
export interface BatchHints {
  /** CSV: parse plain numbers while scanning (CsvBatch.numbers): of every column, or of those named. */
  parseNumbers?: boolean | ReadonlySet<string>;
}

/** A batch whose columns are decoded one at a time and released after use (Parquet): memory stays one column. */
export interface ColumnwiseBatch extends RowBatch {
  forEachCell(column: number, visit: (cell: Cell) => void): void;
  release(column: number): void;
}

/** Told apart by shape: asking `instanceof ParquetBatch` would load the Parquet reader into every CSV run. */
export function isColumnwiseBatch(batch: RowBatch): batch is ColumnwiseBatch {
  return typeof (batch as Partial<ColumnwiseBatch>).forEachCell === 'function' && typeof (batch as Partial<ColumnwiseBatch>).release === 'function';
}
