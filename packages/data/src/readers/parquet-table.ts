import { open } from 'node:fs/promises';
import { InputError, errorMessage, oneLine } from '@modelgate/core/validation/observe';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { fileError } from './byte-source.ts';
import { LazyValues, flatDecoder, readFlatColumn, type FlatColumn } from './parquet-flat.ts';
import { selectColumns } from './csv-table.ts';
import type { Cell, ColumnwiseBatch, RowBatch, Table } from './types.ts';

/**
 * Parquet through hyparquet (pure JS; snappy built in, gzip/zstd/brotli/lz4 via
 * hyparquet-compressors). Streams one row group at a time, so memory is bounded by the largest
 * row group rather than the file (DuckDB writes 122,880-row groups, pyarrow up to 1M rows).
 * int64 values arrive as bigint; DATE as `YYYY-MM-DD`, timestamps as ISO 8601 strings.
 */
/** A Parquet table that can also stream a range of its row groups (for worker threads). */
export interface ParquetTable extends Table {
  rowCount: number;
  /** Rows in each row group. */
  groupRows: number[];
  /** Batches of row groups [from, to); row numbers stay those of the whole file. */
  groupBatches(from: number, to: number): AsyncGenerator<RowBatch>;
}

export async function openParquetTable(path: string, wanted?: string[]): Promise<ParquetTable> {
  const file = await fileBuffer(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    await file.close();
    throw corrupt(path, error);
  }
  await file.close();
  const all = parquetSchema(metadata).children.map((child) => child.element.name);
  const columns = wanted ? selectColumns(path, all, wanted).map((i) => all[i]!) : all;
  const dateColumns = new Set(
    metadata.schema.filter((element) => element.converted_type === 'DATE' || element.logical_type?.type === 'DATE').map((element) => element.name),
  );
  const groupRows = metadata.row_groups.map((group) => Number(group.num_rows));
  async function* groupBatches(from: number, to: number): AsyncGenerator<RowBatch> {
    const reader = await fileBuffer(path);
    const chunkBytes = { buffer: new Uint8Array(0) };
    try {
      const tree = parquetSchema(metadata);
      let groupStart = groupRows.slice(0, from).reduce((sum, rows) => sum + rows, 0);
      for (let group = from; group < to; group++) {
        const rows = groupRows[group]!;
        if (rows === 0) continue;
        const decoders = columns.map((name) => flatDecoder(tree, name, metadata, group));
        let flat: LazyColumn[];
        try {
          flat = decoders.every((d) => d !== undefined) ? await readFlatGroup(path, reader, decoders as NonNullable<(typeof decoders)[number]>[], rows, chunkBytes) : await readNestedGroup(reader, metadata, columns, groupStart, rows);
        } catch (error) {
          throw corrupt(path, error);
        }
        yield new ParquetBatch(groupStart + 1, rows, flat, columns.map((name) => dateColumns.has(name)));
        groupStart += rows;
      }
    } finally {
      await reader.close();
    }
  }
  return {
    path,
    format: 'parquet',
    columns,
    rowCount: Number(metadata.num_rows),
    groupRows,
    batches: () => groupBatches(0, groupRows.length),
    groupBatches,
  };
}

/**
 * One row group. `flat(i)` is the column as decoded (non-null values, often a typed array, and a
 * presence mask), for validators that read numbers directly; `column(i)` converts to cells.
 */
export class ParquetBatch implements ColumnwiseBatch {
  readonly firstRow: number;
  readonly rowCount: number;
  private readonly columns: LazyColumn[];
  private readonly isDate: boolean[];
  private readonly cells: (Cell[] | undefined)[] = [];

  constructor(firstRow: number, rowCount: number, columns: LazyColumn[], isDate: boolean[]) {
    this.firstRow = firstRow;
    this.rowCount = rowCount;
    this.columns = columns;
    this.isDate = isDate;
  }

  flat(index: number): FlatColumn {
    const column = this.columns[index];
    if (!column) throw new RangeError(`column index ${index} out of range`);
    if (column instanceof LazyFlatColumn) return (column.decoded ??= column.decode());
    return column;
  }

  /**
   * Lets the decoded values of a column go once the caller is done with them; a later access
   * decodes it again. Validation releases each column after observing it, so only one decoded
   * column of the row group is alive at a time and it dies young, rather than every column
   * surviving into the old generation (which grew the heap by hundreds of MB).
   */
  release(index: number): void {
    const column = this.columns[index];
    if (column instanceof LazyFlatColumn) column.decoded = undefined;
    this.cells[index] = undefined;
  }

  /** Visits every cell of a column without building the array (`column` caches one). */
  forEachCell(index: number, visit: (cell: Cell, row: number) => void): void {
    const cached = this.cells[index];
    if (cached) {
      for (let r = 0; r < this.rowCount; r++) visit(cached[r]!, r);
      return;
    }
    const { present, values } = this.flat(index);
    const isDate = this.isDate[index]!;
    if (values instanceof LazyValues) {
      for (let r = 0, v = 0; r < this.rowCount; r++) visit(present !== null && present[r] === 0 ? null : toCell(values.at(v++), isDate), r);
      return;
    }
    for (let r = 0, v = 0; r < this.rowCount; r++) visit(present !== null && present[r] === 0 ? null : toCell(values[v++], isDate), r);
  }

  column(index: number): readonly Cell[] {
    const cached = this.cells[index];
    if (cached) return cached;
    const { present, values: decoded } = this.flat(index);
    const values = decoded instanceof LazyValues ? decoded.toArray() : decoded;
    const isDate = this.isDate[index]!;
    const out: Cell[] = new Array(this.rowCount);
    for (let r = 0, v = 0; r < this.rowCount; r++) out[r] = present !== null && present[r] === 0 ? null : toCell(values[v++], isDate);
    this.cells[index] = out;
    return out;
  }
}

/** A column chunk read but not yet decoded: decoding waits until the column is asked for. */
class LazyFlatColumn {
  decoded: FlatColumn | undefined;
  readonly decode: () => FlatColumn;

  constructor(path: string, bytes: Uint8Array, decoder: Parameters<typeof readFlatColumn>[1], rows: number) {
    this.decode = () => {
      try {
        return readFlatColumn(bytes, decoder, rows);
      } catch (error) {
        throw corrupt(path, error);
      }
    };
  }
}

type LazyColumn = FlatColumn | LazyFlatColumn;

/**
 * Flat columns: each column chunk read now (compressed) and decoded page by page when used. The
 * chunks go into one buffer that every row group of the stream reuses (a row group's batch is
 * done with when the next is asked for): a fresh buffer per chunk lived through the awaits into
 * the old generation, and its bytes until the next full collection.
 */
async function readFlatGroup(path: string, reader: ClosableBuffer, decoders: { decoder: Parameters<typeof readFlatColumn>[1]; start: number; end: number }[], rows: number, chunkBytes: { buffer: Uint8Array }): Promise<LazyColumn[]> {
  const total = decoders.reduce((sum, { start, end }) => sum + (end - start), 0);
  if (chunkBytes.buffer.length < total) chunkBytes.buffer = new Uint8Array(Math.ceil(total * 1.25));
  const out: LazyColumn[] = [];
  let at = 0;
  for (const { decoder, start, end } of decoders) {
    const bytes = chunkBytes.buffer.subarray(at, at + (end - start));
    at += end - start;
    const read = await reader.readInto(bytes, start);
    out.push(new LazyFlatColumn(path, bytes.subarray(0, read), decoder, rows));
  }
  return out;
}

/** Nested columns: hyparquet's full reader (lists, maps and structs become JSON text). */
async function readNestedGroup(reader: ClosableBuffer, metadata: FileMetaData, columns: string[], groupStart: number, rows: number): Promise<FlatColumn[]> {
  const parts = new Map<string, { rowStart: number; values: ArrayLike<unknown> }[]>();
  await parquetRead({
    file: reader,
    metadata,
    columns,
    rowStart: groupStart,
    rowEnd: groupStart + rows,
    compressors,
    onChunk: (chunk) => {
      const list = parts.get(chunk.columnName) ?? [];
      list.push({ rowStart: chunk.rowStart, values: chunk.columnData as ArrayLike<unknown> });
      parts.set(chunk.columnName, list);
    },
  });
  return columns.map((name) => ({ rows, present: null, values: joinChunks((parts.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart).map((piece) => piece.values), rows) }));
}

function joinChunks(chunks: ArrayLike<unknown>[], rows: number): ArrayLike<unknown> {
  if (chunks.length === 1 && chunks[0]!.length === rows) return chunks[0]!;
  const out: unknown[] = new Array(rows);
  let at = 0;
  for (const chunk of chunks) for (let i = 0; i < chunk.length && at < rows; i++) out[at++] = chunk[i];
  return out;
}

function toCell(value: unknown, isDate: boolean): Cell {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    return isDate ? iso.slice(0, 10) : iso;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

interface ClosableBuffer extends AsyncBuffer {
  /** Reads into `target` from `position`; returns the bytes read (fewer at the end of the file). */
  readInto(target: Uint8Array, position: number): Promise<number>;
  close(): Promise<void>;
}

/** hyparquet's byte source over one open file handle (its own helper opens a stream per slice). */
async function fileBuffer(path: string): Promise<ClosableBuffer> {
  let handle;
  let size: number;
  try {
    handle = await open(path, 'r');
    size = (await handle.stat()).size;
  } catch (error) {
    throw fileError(path, error);
  }
  if (size < 12) {
    await handle.close();
    throw new InputError(`${path}: not a Parquet file (${size} bytes is too short to hold a footer); is it truncated?`);
  }
  const open_ = handle;
  async function readInto(target: Uint8Array, position: number): Promise<number> {
    let done = 0;
    while (done < target.length) {
      const { bytesRead } = await open_.read(target, done, target.length - done, position + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  }
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const out = new Uint8Array(Math.max(0, stop - start));
      await readInto(out, start);
      return out.buffer;
    },
    readInto,
    close: () => open_.close(),
  };
}

function corrupt(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  return new InputError(`${path}: corrupt or truncated Parquet file: ${oneLine(errorMessage(error))}`);
}
