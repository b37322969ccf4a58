import { InputError, type LabelColumn } from '@modelgate/core';
import { CsvBatch } from '../readers/csv-batch.ts';
import { FieldKind } from '../readers/csv-scanner.ts';
import type { Cell, RowBatch } from '../readers/index.ts';
import { parseNumberBytes } from '../readers/parse-bytes.ts';
import { parseDecimal } from './parse-decimal.ts';

/** Where a cell came from, for error messages: `file: row 12 (line 13)`. */
export type RowLocator = (row: number) => string;

/** `array` (of which `used` entries are filled) with room for `more`: itself, or a copy at least twice as long. */
function withRoom<T extends Float64Array | Int32Array>(array: T, used: number, more: number): T {
  if (used + more <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, used + more));
  grown.set(array.subarray(0, used));
  return grown;
}

/** Collects a numeric column into a growing Float64Array; a non-number names the row and value. */
export class NumberColumn {
  readonly name: string;
  /** What the column must hold, for the error message. */
  private readonly expected: string;
  private values = new Float64Array(1024);
  length = 0;

  constructor(name: string, expected = 'a finite number') {
    this.name = name;
    this.expected = expected;
  }

  /** Adds column `column` of a batch; CSV numbers are read from the bytes (see addCsv). */
  addBatch(batch: RowBatch, column: number, locate: RowLocator): void {
    if (batch instanceof CsvBatch) this.addCsv(batch, column, locate);
    else this.add(batch.column(column), batch.firstRow, locate);
  }

  add(cells: readonly Cell[], firstRow: number, locate: RowLocator): void {
    this.reserve(cells.length);
    for (let r = 0; r < cells.length; r++) this.values[this.length++] = this.valueOf(cells[r]!, firstRow + r, locate);
  }

  /**
   * Plain numbers straight from the CSV bytes, correctly rounded (parseNumberBytes), without a
   * string per cell: 10M scores read in about half the time. Anything else (quoted, exponent
   * beyond the fast path, spaces, empty) goes through the text, with the same result and errors.
   */
  private addCsv(batch: CsvBatch, column: number, locate: RowLocator): void {
    this.reserve(batch.rowCount);
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    const values = this.values;
    // With null tokens a plain number may be one (`0`): then every field goes through the text.
    const bytes = batch.nullValues === null;
    let at = this.length;
    for (let r = 0, i = batch.selected[column]!; r < rowCount; r++, i += fieldCount) {
      // NaN: not a plain number; Infinity: valid but needs the exact slow conversion.
      const value = bytes && kinds[i] === FieldKind.unquoted ? parseNumberBytes(buf, starts[i]!, ends[i]!) : NaN;
      values[at++] = Number.isFinite(value) ? value : this.valueOf(batch.text(i), firstRow + r, locate);
    }
    this.length = at;
  }

  private valueOf(cell: Cell, row: number, locate: RowLocator): number {
    // CSV gives strings; Number() (the fallback of parseDecimal) reads " " as 0, so zeros are rechecked.
    const value = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseDecimal(cell) : typeof cell === 'bigint' ? Number(cell) : NaN;
    if (!Number.isFinite(value) || (value === 0 && typeof cell === 'string' && cell.trim() === '')) {
      throw new InputError(`${locate(row)}: ${this.name} holds ${describeCell(cell)}, expected ${this.expected}`);
    }
    return value;
  }

  private reserve(more: number): void {
    this.values = withRoom(this.values, this.length, more);
  }

  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/** Collects a label column as codes into its distinct texts (booleans as "true"/"false"). */
export class LabelCollector {
  readonly name: string;
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Codes of short unquoted CSV labels by their bytes (see addCsv). */
  private readonly byBytes = new Map<number, number>();
  private readonly byByte = new Int32Array(256).fill(-1);
  private codes = new Int32Array(1024);
  length = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Adds column `column` of a batch; short CSV labels are matched by their bytes (see addCsv). */
  addBatch(batch: RowBatch, column: number, locate: RowLocator): void {
    if (batch instanceof CsvBatch) this.addCsv(batch, column, locate);
    else this.add(batch.column(column), batch.firstRow, locate);
  }

  add(cells: readonly Cell[], firstRow: number, locate: RowLocator): void {
    this.reserve(cells.length);
    let lastCell: Cell = null;
    let lastCode = -1;
    for (let r = 0; r < cells.length; r++) {
      const cell = cells[r]!;
      // Labels repeat: skip the map lookup while the value stays the same.
      if (cell !== lastCell || lastCode < 0) {
        lastCode = this.codeOf(cell, firstRow + r, locate);
        lastCell = cell;
      }
      this.codes[this.length + r] = lastCode;
    }
    this.length += cells.length;
  }

  /**
   * Unquoted labels of up to 6 bytes (`0`, `1`, `churned`...) are looked up by a number made of
   * their bytes, with no string per row; others go through the text as in `add`.
   */
  private addCsv(batch: CsvBatch, column: number, locate: RowLocator): void {
    this.reserve(batch.rowCount);
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    const codes = this.codes;
    for (let r = 0, i = batch.selected[column]!; r < rowCount; r++, i += fieldCount) {
      const start = starts[i]!;
      const length = ends[i]! - start;
      let code: number | undefined;
      let key = -1;
      if (length === 1 && kinds[i] === FieldKind.unquoted) {
        // One byte (`0`/`1`, the usual binary label): an array lookup, no hashing.
        code = this.byByte[buf[start]!]!;
        if (code >= 0) {
          codes[this.length + r] = code;
          continue;
        }
        code = undefined;
        key = length * 256 + buf[start]!;
      } else if (kinds[i] === FieldKind.unquoted && length > 0 && length <= 6) {
        // Length first, then the bytes: distinct for distinct byte strings, exact below 2^53.
        key = length;
        for (let p = start; p < start + length; p++) key = key * 256 + buf[p]!;
        code = this.byBytes.get(key);
      }
      if (code === undefined) {
        code = this.codeOf(batch.text(i), firstRow + r, locate);
        if (key >= 0) this.byBytes.set(key, code);
        if (length === 1 && kinds[i] === FieldKind.unquoted) this.byByte[buf[start]!] = code;
      }
      codes[this.length + r] = code;
    }
    this.length += rowCount;
  }

  private codeOf(cell: Cell, row: number, locate: RowLocator): number {
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
      throw new InputError(`${locate(row)}: ${this.name} is empty, expected a label`);
    }
    const key = typeof cell === 'string' ? cell : String(cell);
    let code = this.index.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.keys.push(key);
      this.index.set(key, code);
    }
    return code;
  }

  private reserve(more: number): void {
    this.codes = withRoom(this.codes, this.length, more);
  }

  toColumn(): LabelColumn {
    return { column: this.name, keys: this.keys.slice(), codes: this.codes.slice(0, this.length) };
  }
}

/** Collects text values (ids, slice values), nulls as "null". */
export class TextCollector {
  readonly name: string;
  readonly values: string[] = [];

  constructor(name: string) {
    this.name = name;
  }

  add(cells: readonly Cell[]): void {
    for (const cell of cells) this.values.push(cell === null ? 'null' : String(cell));
  }
}

export function describeCell(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return 'an empty value';
  if (typeof cell === 'string') return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}...` : cell);
  return `${typeof cell} ${String(cell)}`;
}
