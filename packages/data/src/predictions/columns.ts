import { InputError, type LabelColumn } from '@modelgate/core';
import type { Cell } from '../readers/index.ts';
import { parseDecimal } from './parse-decimal.ts';

/** Where a cell came from, for error messages: `file: row 12 (line 13)`. */
export type RowLocator = (row: number) => string;

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

  add(cells: readonly Cell[], firstRow: number, locate: RowLocator): void {
    if (this.length + cells.length > this.values.length) {
      const grown = new Float64Array(Math.max(this.values.length * 2, this.length + cells.length));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    const values = this.values;
    let at = this.length;
    for (let r = 0; r < cells.length; r++) {
      const cell = cells[r];
      // CSV gives strings; Number() (the fallback of parseDecimal) reads " " as 0, so zeros are rechecked.
      const value = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseDecimal(cell) : typeof cell === 'bigint' ? Number(cell) : NaN;
      if (!Number.isFinite(value) || (value === 0 && typeof cell === 'string' && cell.trim() === '')) {
        throw new InputError(`${locate(firstRow + r)}: ${this.name} holds ${describeCell(cell)}, expected ${this.expected}`);
      }
      values[at++] = value;
    }
    this.length = at;
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
  private codes = new Int32Array(1024);
  length = 0;

  constructor(name: string) {
    this.name = name;
  }

  add(cells: readonly Cell[], firstRow: number, locate: RowLocator): void {
    if (this.length + cells.length > this.codes.length) {
      const grown = new Int32Array(Math.max(this.codes.length * 2, this.length + cells.length));
      grown.set(this.codes.subarray(0, this.length));
      this.codes = grown;
    }
    let lastCell: Cell = null;
    let lastCode = -1;
    for (let r = 0; r < cells.length; r++) {
      const cell = cells[r]!;
      // Labels repeat: skip the map lookup while the value stays the same.
      if (cell !== lastCell || lastCode < 0) {
        if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
          throw new InputError(`${locate(firstRow + r)}: ${this.name} is empty, expected a label`);
        }
        const key = typeof cell === 'string' ? cell : String(cell);
        let code = this.index.get(key);
        if (code === undefined) {
          code = this.keys.length;
          this.keys.push(key);
          this.index.set(key, code);
        }
        lastCell = cell;
        lastCode = code;
      }
      this.codes[this.length + r] = lastCode;
    }
    this.length += cells.length;
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
