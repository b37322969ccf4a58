import { isAscii, isUtf8 } from 'node:buffer';
import { InputError, nearest } from '@modelgate/core/validation/observe';
import { CsvBatch } from './csv-batch.ts';
import { CsvScanner, CsvSyntaxError } from './csv-scanner.ts';
import { ByteWindow, CHUNK_BYTES, fillWindow } from './byte-source.ts';
import type { Table } from './types.ts';
import { linesBeforeInvalidUtf8 } from './utf8.ts';

/** Rows decoded per batch: bounds the offset arrays (~1.5 MB for 10 columns). */
const ROWS_PER_BATCH = 16_384;
/** A single row larger than this is almost certainly an unclosed quote. */
const MAX_ROW_BYTES = 256 << 20;
const MAX_COLUMNS = 1 << 16;
/** Bytes a plain number is written with (see scanPlainNumber). */
const NUMBER_BYTES = /^[0-9.+-]$/;

/** Everything needed to scan data rows of a CSV file, from any byte offset. */
export interface CsvLayout {
  path: string;
  delimiter: number;
  columns: string[];
  /** Number of fields every row must have. */
  fieldCount: number;
  /** File column index of each selected column. */
  selected: number[];
  nullValues: string[];
  /** Byte offset (in the decompressed stream) of the first data row, and its line. */
  dataStart: number;
  dataLine: number;
}

export interface CsvOpenOptions {
  delimiter: string;
  nullValues: string[];
  columns?: string[];
}

/** Reads the header of a CSV file and returns a Table over its rows. */
export async function openCsvTable(path: string, options: CsvOpenOptions): Promise<Table & { layout: CsvLayout }> {
  const layout = await readCsvLayout(path, options);
  return {
    path,
    format: 'csv',
    columns: layout.selected.map((i) => layout.columns[i]!),
    layout,
    batches: (hints) => csvBatches(layout, hints),
  };
}

export async function readCsvLayout(path: string, options: CsvOpenOptions): Promise<CsvLayout> {
  if ([...options.delimiter].length !== 1 || Buffer.byteLength(options.delimiter) !== 1 || /["\r\n]/.test(options.delimiter)) {
    throw new InputError(`${path}: CSV delimiter must be one ASCII character other than a quote or newline, got ${JSON.stringify(options.delimiter)}`);
  }
  const delimiter = options.delimiter.charCodeAt(0);
  const scanner = new CsvScanner(delimiter);
  const starts = new Int32Array(MAX_COLUMNS);
  const ends = new Int32Array(MAX_COLUMNS);
  const kinds = new Uint8Array(MAX_COLUMNS);
  let buf: Buffer = Buffer.alloc(0);
  let fieldCount = -1;
  let pos = 0;
  const window = new ByteWindow();
  for await (const _ of fillWindow(path, window)) {
    buf = window.view();
    pos = bomLength(buf);
    fieldCount = scanHeader(scanner, buf, pos, false, starts, ends, kinds, path);
    if (fieldCount !== -1) break;
    if (buf.length > MAX_ROW_BYTES) throw new InputError(`${path}: line 1: the header is longer than ${MAX_ROW_BYTES >> 20} MiB; is a quote left open?`);
  }
  if (fieldCount === -1) {
    pos = bomLength(buf);
    fieldCount = scanHeader(scanner, buf, pos, true, starts, ends, kinds, path);
  }
  if (fieldCount === -2) throw new InputError(`${path}: data file is empty (no header row)`);
  if (fieldCount > MAX_COLUMNS) throw new InputError(`${path}: more than ${MAX_COLUMNS} columns in the header`);
  const headerBytes = buf.subarray(0, scanner.rowEnd);
  if (!isUtf8(headerBytes)) throw new InputError(`${path}: line 1: invalid UTF-8 in the header`);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < fieldCount; i++) {
    const name = buf.toString('utf8', starts[i], ends[i]).replaceAll('""', '"');
    if (seen.has(name)) throw new InputError(`${path}: duplicate column name ${JSON.stringify(name)} in the header`);
    seen.add(name);
    columns.push(name);
  }
  return {
    path,
    delimiter,
    columns,
    fieldCount,
    selected: selectColumns(path, columns, options.columns),
    nullValues: options.nullValues,
    dataStart: scanner.rowEnd,
    dataLine: scanner.line,
  };
}

function scanHeader(scanner: CsvScanner, buf: Buffer, pos: number, final: boolean, starts: Int32Array, ends: Int32Array, kinds: Uint8Array, path: string): number {
  scanner.line = 1;
  try {
    return scanner.scanRow(buf, pos, buf.length, final, starts, ends, kinds, 0, MAX_COLUMNS);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError(`${path}: line ${error.line}: ${error.message}`);
    throw error;
  }
}

function bomLength(buf: Buffer): number {
  return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
}

export function selectColumns(path: string, columns: readonly string[], wanted: readonly string[] | undefined): number[] {
  if (!wanted) return columns.map((_, i) => i);
  return wanted.map((name) => {
    const index = columns.indexOf(name);
    if (index < 0) {
      const suggestion = nearest(name, columns);
      throw new InputError(`${path}: column ${JSON.stringify(name)} not found${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
    }
    return index;
  });
}

/** Which rows one scan covers; the whole file by default. */
export interface CsvRange {
  /** Byte offset to start at; must be a row start (default: the first data row). */
  start?: number;
  /** Only rows that start before this offset are read (default: to the end of the file). */
  end?: number;
  /** Row and line numbers of the first row in the range (default 1 and the header's next line). */
  firstRow?: number;
  firstLine?: number;
  /** Filled in as the scan goes, for a caller that splits a file between threads. */
  progress?: CsvProgress;
  /**
   * Parse plain numbers while scanning (CsvBatch.numbers), for a reader that wants numbers: of every
   * selected column (true), or of the columns named. Ignored with null tokens, one of which a number may be.
   */
  parseNumbers?: boolean | ReadonlySet<string>;
}

export interface CsvProgress {
  rows: number;
  /** Line number the next row would start on. */
  nextLine: number;
  /** Offset just past the last row read (its line break included). */
  lastRowEnd: number;
}

/**
 * Streams the data rows of a CSV file as batches. Errors are InputErrors naming the file, the
 * line and the data row (numbered from `range.firstRow` / `range.firstLine`). A batch is valid
 * until the next one is asked for: its bytes and offset arrays are reused (see ByteWindow).
 */
export async function* csvBatches(layout: CsvLayout, range: CsvRange = {}): AsyncGenerator<CsvBatch> {
  const { path, fieldCount } = layout;
  const scanner = new CsvScanner(layout.delimiter);
  scanner.line = range.firstLine ?? layout.dataLine;
  scanner.blankLinesAreRows = fieldCount === 1;
  const nullValues = layout.nullValues.length > 0 ? new Set(layout.nullValues) : null;
  const start = range.start ?? layout.dataStart;
  const stopAt = range.end ?? Infinity;
  const progress: CsvProgress = range.progress ?? { rows: 0, nextLine: 0, lastRowEnd: 0 };
  progress.rows = 0;
  progress.lastRowEnd = start;
  let nextRow = range.firstRow ?? 1;
  /** File offset (of the decompressed stream) of the window's first byte. */
  let bufferBase = start;
  let done = false;
  let scanWhen = 0;
  const capacity = ROWS_PER_BATCH;
  const starts = new Int32Array(capacity * fieldCount);
  const ends = new Int32Array(capacity * fieldCount);
  const kinds = new Uint8Array(capacity * fieldCount);
  const rowLines = new Int32Array(capacity);
  // A delimiter that can be part of a number (`.`, `-`, a digit) would be read into it: no parsing then.
  const numbers = range.parseNumbers && nullValues === null && !NUMBER_BYTES.test(String.fromCharCode(layout.delimiter)) ? new Float64Array(capacity * fieldCount) : null;
  if (numbers !== null) {
    scanner.numbers = numbers;
    scanner.parseFields = new Uint8Array(fieldCount);
    const only = typeof range.parseNumbers === 'object' ? range.parseNumbers : null;
    for (const field of layout.selected) if (only === null || only.has(layout.columns[field]!)) scanner.parseFields[field] = 1;
  }

  function* drain(buf: Buffer, final: boolean): Generator<CsvBatch, number> {
    let pos = 0;
    for (;;) {
      const regionStart = pos;
      const regionLine = scanner.line;
      let rows = 0;
      let exhausted = false;
      while (rows < capacity) {
        let found: number;
        try {
          found = scanner.scanRow(buf, pos, buf.length, final, starts, ends, kinds, rows * fieldCount, fieldCount);
        } catch (error) {
          if (error instanceof CsvSyntaxError) throw new InputError(`${path}: line ${error.line}: ${error.message}`);
          throw error;
        }
        if (found === -1 || found === -2) {
          if (found === -2) pos = scanner.rowEnd;
          exhausted = true;
          break;
        }
        if (bufferBase + scanner.rowStart >= stopAt) {
          // The row belongs to the next range.
          done = true;
          exhausted = true;
          break;
        }
        if (found !== fieldCount) {
          const row = nextRow + rows;
          throw new InputError(`${path}: row ${row} (line ${scanner.rowLine}) has ${found > fieldCount ? 'more than ' + fieldCount : found} field${found === 1 ? '' : 's'}, expected ${fieldCount} as in the header`);
        }
        rowLines[rows] = scanner.rowLine;
        rows++;
        pos = scanner.rowEnd;
        progress.lastRowEnd = bufferBase + pos;
        progress.nextLine = scanner.line;
        if (bufferBase + pos >= stopAt) {
          done = true;
          exhausted = true;
          break;
        }
      }
      if (rows > 0) {
        const region = buf.subarray(regionStart, pos);
        if (!isUtf8(region)) throw new InputError(`${path}: line ${regionLine + linesBeforeInvalidUtf8(region)}: invalid UTF-8 (is the file in another encoding such as Latin-1?)`);
        yield new CsvBatch({
          firstRow: nextRow,
          rowCount: rows,
          buf,
          starts,
          ends,
          kinds,
          numbers,
          parsedFields: scanner.parseFields,
          fieldCount,
          selected: layout.selected,
          rowLines,
          nullValues,
          regionStart,
          regionEnd: pos,
          ascii: isAscii(region),
        });
        nextRow += rows;
        progress.rows += rows;
      }
      if (exhausted) return pos;
    }
  }

  progress.nextLine = scanner.line;
  const window = new ByteWindow();
  for await (const _ of fillWindow(path, window, start)) {
    // A row longer than what is pending: wait until the pending bytes double before rescanning,
    // so a huge quoted field costs O(n log n) rather than O(n^2).
    if (window.length < scanWhen) continue;
    const consumed = yield* drain(window.view(), false);
    if (done) return;
    bufferBase += consumed;
    window.consume(consumed);
    scanWhen = window.length > CHUNK_BYTES ? window.length * 2 : 0;
    if (window.length > MAX_ROW_BYTES) {
      throw new InputError(`${path}: line ${scanner.line}: a row longer than ${MAX_ROW_BYTES >> 20} MiB; is a quote left open on that line?`);
    }
  }
  if (window.length > 0) yield* drain(window.view(), true);
}

