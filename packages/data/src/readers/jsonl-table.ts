import { isUtf8 } from 'node:buffer';
import { InputError, errorMessage, oneLine } from '@modelgate/core/validation/observe';
import { ByteWindow, fillWindow } from './byte-source.ts';
import { selectColumns } from './csv-table.ts';
import type { Cell, RowBatch, Table } from './types.ts';
import { linesBeforeInvalidUtf8 } from './utf8.ts';

/** Records read up front to learn the column names when none are given. */
const SAMPLE_RECORDS = 1000;
const ROWS_PER_BATCH = 8192;

interface JsonlRecord {
  line: number;
  value: Record<string, unknown>;
  /** The line's text, to parse again when it holds an integer a double rounded (see toCell). */
  raw: string;
}

/**
 * JSON Lines: one JSON object per line (blank lines skipped). Columns are the keys of the first
 * 1,000 records in first-seen order unless `columns` is given; a key first appearing later is an
 * error then (rather than silently dropped). A missing key reads as null; nested objects and
 * arrays read as their JSON text.
 */
export async function openJsonlTable(path: string, wanted?: string[]): Promise<Table & { layout: JsonlLayout }> {
  const seen = new Map<string, true>();
  let sampled = 0;
  for await (const record of jsonlRecords(path)) {
    for (const key of Object.keys(record.value)) seen.set(key, true);
    if (++sampled >= SAMPLE_RECORDS) break;
  }
  if (sampled === 0) throw new InputError(`${path}: data file is empty (no JSON records)`);
  const all = [...seen.keys()];
  const columns = wanted ? selectColumns(path, all, wanted).map((i) => all[i]!) : all;
  const layout: JsonlLayout = { path, columns, strictKeys: !wanted };
  return { path, format: 'jsonl', columns, layout, batches: () => jsonlBatches(layout) };
}

/** What a reader of any part of a JSONL file needs (sent to worker threads as is). */
export interface JsonlLayout {
  path: string;
  columns: string[];
  /** The columns were sampled from the first records: a key not among them is an error. */
  strictKeys: boolean;
}

/** A byte range of a plain JSONL file starting at a line, and how its rows and lines are numbered. */
export interface JsonlRange {
  start?: number;
  end?: number;
  firstRow?: number;
  firstLine?: number;
  /** Filled in as the range is read: rows seen and the line after the last one read. */
  progress?: { rows: number; nextLine: number };
}

/** Streams the rows of a JSONL file (or of a range of it) as batches. */
export async function* jsonlBatches(layout: JsonlLayout, range: JsonlRange = {}): AsyncGenerator<RowBatch> {
  const { path, columns } = layout;
  const known = layout.strictKeys ? new Set(columns) : null;
  const progress = range.progress ?? { rows: 0, nextLine: 0 };
  let values: Cell[][] = columns.map(() => []);
  let lines = new Int32Array(ROWS_PER_BATCH);
  let firstRow = range.firstRow ?? 1;
  let rows = 0;
  for await (const record of jsonlRecords(path, range, progress)) {
    if (known) {
      for (const key in record.value) {
        if (!known.has(key)) throw new InputError(`${path}: line ${record.line}: key ${JSON.stringify(key)} does not appear in the first ${SAMPLE_RECORDS} records; list the columns explicitly to read it`);
      }
    }
    rounded = false;
    for (let c = 0; c < columns.length; c++) values[c]!.push(toCell(record.value[columns[c]!]));
    if (rounded) {
      // An integer beyond 2^53: read this line again keeping integers exact.
      const exact = JSON.parse(record.raw, exactIntegers as never) as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) values[c]![rows] = toCell(exact[columns[c]!]);
    }
    lines[rows] = record.line;
    progress.rows++;
    if (++rows === ROWS_PER_BATCH) {
      yield arrayBatch(firstRow, rows, values, lines);
      firstRow += rows;
      rows = 0;
      values = columns.map(() => []);
      lines = new Int32Array(ROWS_PER_BATCH);
    }
  }
  if (rows > 0) yield arrayBatch(firstRow, rows, values, lines);
}

/** A batch over column arrays; `lines[r]` is the file line of row r (JSONL skips blank lines). */
export function arrayBatch(firstRow: number, rowCount: number, values: Cell[][], lines?: Int32Array): RowBatch {
  return {
    firstRow,
    rowCount,
    ...(lines ? { sourceLine: (row: number) => lines[row]! } : {}),
    column(index) {
      const column = values[index];
      if (!column) throw new RangeError(`column index ${index} out of range`);
      return column;
    },
  };
}

/** Set by toCell when a value (or a value nested in it) is an integer a double may have rounded. */
let rounded = false;

function toCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'number':
      if (!Number.isSafeInteger(value) && Number.isInteger(value)) rounded = true;
      return value;
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
  }
  return JSON.stringify(value, nestedValue);
}

function nestedValue(_key: string, inner: unknown): unknown {
  if (typeof inner === 'bigint') return rawJSON(inner.toString());
  if (typeof inner === 'number' && !Number.isSafeInteger(inner) && Number.isInteger(inner)) rounded = true;
  return inner;
}

/** JSON.rawJSON (Node 21+; not yet in TypeScript's lib): a bigint written back as its digits. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * Keeps integers beyond 2^53 exact as bigint (ids, hashes): JSON.parse would round them, and two
 * different ids could then compare equal. A reviver makes JSON.parse ~4x slower and a regex that
 * finds long integer literals cost ~10% of reading, so lines are parsed plainly and only a line
 * that gave an integer beyond 2^53 is parsed again with this.
 */
function exactIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source)) return BigInt(context.source);
  return value;
}

async function* jsonlRecords(path: string, range: JsonlRange = {}, progress?: { nextLine: number }): AsyncGenerator<JsonlRecord> {
  let line = range.firstLine ?? 1;
  if (progress) progress.nextLine = line;
  // A byte order mark is dropped only at the start of the file: one starting a later range is
  // kept, and fails JSON.parse there as it does when the file is read on one thread.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: (range.start ?? 0) > 0 });
  const window = new ByteWindow();
  for await (const _ of fillWindow(path, window, range.start ?? 0, range.end)) {
    const lastBreak = window.view().lastIndexOf(0x0a);
    if (lastBreak < 0) continue;
    // Whole lines only; parseLines decodes them to a string before the window moves on.
    yield* parseLines(window.buffer.subarray(0, lastBreak + 1));
    window.consume(lastBreak + 1);
  }
  if (window.length > 0) yield* parseLines(window.view());

  function* parseLines(bytes: Buffer): Generator<JsonlRecord> {
    if (!isUtf8(bytes)) throw new InputError(`${path}: line ${line + linesBeforeInvalidUtf8(bytes)}: invalid UTF-8 (is the file in another encoding?)`);
    const text = decoder.decode(bytes, { stream: true });
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const raw = text.slice(start, end);
      start = end + 1;
      const current = line++;
      if (progress) progress.nextLine = line;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new InputError(`${path}: line ${current}: malformed JSON: ${oneLine(errorMessage(error)).replace(/ in JSON at position.*$/, '')}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new InputError(`${path}: line ${current}: expected a JSON object per line, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
      }
      yield { line: current, value: value as Record<string, unknown>, raw };
    }
  }
}
