// Collects one column of a data file for the drift statistics: numbers into one growing
// Float64Array (8 bytes a value) while every value is a number, category counts once a value is
// text (or from the start for a column named categorical). Nulls, NaN and infinities are counted
// and left out. CSV fields are read from their bytes: plain numbers by the correctly rounded
// parser validate uses, short labels looked up by their bytes, so no string is made per cell.

import { type ColumnSample, sortFloat64 } from '@modelgate/core';
import { CsvBatch } from '../readers/csv-batch.ts';
import { FieldKind } from '../readers/csv-scanner.ts';
import type { Cell, RowBatch } from '../readers/index.ts';
import { parseNumberBytes } from '../readers/parse-bytes.ts';

const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const nanText = /^[+-]?nan$/i;
const infinityText = /^[+-]?inf(?:inity)?$/i;

/** What a text value is: a number, NaN, an infinity, or a category. */
type Reading = { kind: 'number'; value: number } | { kind: 'nan' } | { kind: 'infinite' } | { kind: 'text' };

function readText(text: string): Reading {
  if (numberText.test(text)) return { kind: 'number', value: Number(text) };
  if (nanText.test(text)) return { kind: 'nan' };
  if (infinityText.test(text)) return { kind: 'infinite' };
  return { kind: 'text' };
}

/** Slots for byte-keyed lookups that are not categories. */
const NAN_SLOT = -2;
const INFINITE_SLOT = -3;

export class ColumnCollector {
  readonly name: string;
  /** Named categorical in the config: every value is a category, numbers as written. */
  private readonly forcedCategorical: boolean;
  private numbers: Float64Array = new Float64Array(1024);
  private length = 0;
  private categories: Map<string, number> | null = null;
  /** Category counts by slot; `slotOf` maps a category to its slot. */
  private counts: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly slotByBytes = new Map<number, number>();
  private readonly slotByByte = new Int32Array(256).fill(-1);
  nulls = 0;
  nan = 0;
  infinite = 0;

  constructor(name: string, forcedCategorical = false) {
    this.name = name;
    this.forcedCategorical = forcedCategorical;
    if (forcedCategorical) this.categories = new Map();
  }

  get isNumeric(): boolean {
    return this.categories === null;
  }

  /** Adds column `column` of a batch. */
  addBatch(batch: RowBatch, column: number): void {
    if (batch instanceof CsvBatch) {
      if (this.isNumeric) this.addCsvNumbers(batch, column, 0);
      else this.addCsvCategories(batch, column, 0);
      return;
    }
    const cells = batch.column(column);
    for (let r = 0; r < cells.length; r++) this.addCell(cells[r]!);
  }

  /**
   * Room for about `rows` values in all, when the row count can be estimated (a plain CSV's size
   * over the bytes per row so far): one allocation instead of doubling, whose copies and fresh
   * pages cost more than the parsing at 2M rows.
   */
  expect(rows: number): void {
    if (this.isNumeric && rows > this.numbers.length) this.reserve(rows - this.length);
  }

  private reserve(more: number): void {
    if (this.length + more <= this.numbers.length) return;
    const grown = new Float64Array(Math.max(this.numbers.length * 2, this.length + more));
    grown.set(this.numbers.subarray(0, this.length));
    this.numbers = grown;
  }

  /** CSV rows from `first` on while the column is numeric; hands over to categories at the first text. */
  private addCsvNumbers(batch: CsvBatch, column: number, first: number): void {
    const { buf, starts, ends, kinds, fieldCount, rowCount } = batch;
    this.reserve(rowCount - first);
    const numbers = this.numbers;
    // With null tokens a plain number may be one of them (`0`): then every field goes through the text.
    const bytes = batch.nullValues === null;
    let at = this.length;
    const field = batch.selected[column]!;
    for (let r = first, i = r * fieldCount + field; r < rowCount; r++, i += fieldCount) {
      const kind = kinds[i]!;
      const start = starts[i]!;
      const end = ends[i]!;
      if (kind === FieldKind.unquoted && start === end) {
        this.nulls++;
        continue;
      }
      // NaN: not a plain number; Infinity: valid but needs the exact conversion.
      const fast = bytes && kind === FieldKind.unquoted ? parseNumberBytes(buf, start, end) : NaN;
      if (Number.isFinite(fast)) {
        numbers[at++] = fast;
        continue;
      }
      const text = batch.text(i);
      if (text === null) {
        this.nulls++;
        continue;
      }
      const reading = readText(text);
      if (reading.kind === 'number') {
        if (Number.isFinite(reading.value)) numbers[at++] = reading.value;
        else this.infinite++; // beyond a double's range
      } else if (reading.kind === 'nan') this.nan++;
      else if (reading.kind === 'infinite') this.infinite++;
      else {
        this.length = at;
        this.becomeCategorical();
        this.addCsvCategories(batch, column, r);
        return;
      }
    }
    this.length = at;
  }

  /**
   * CSV rows from `first` on as categories. Unquoted values of up to 6 bytes are looked up by a
   * number made of their length and bytes (one byte: an array lookup); others through their text.
   */
  private addCsvCategories(batch: CsvBatch, column: number, first: number): void {
    const { buf, starts, ends, kinds, fieldCount, rowCount } = batch;
    const bytes = batch.nullValues === null;
    const counts = this.counts;
    const field = batch.selected[column]!;
    for (let r = first, i = r * fieldCount + field; r < rowCount; r++, i += fieldCount) {
      const kind = kinds[i]!;
      const start = starts[i]!;
      const length = ends[i]! - start;
      if (kind === FieldKind.unquoted && length === 0) {
        this.nulls++;
        continue;
      }
      let key = -1;
      if (bytes && kind === FieldKind.unquoted && length <= 6) {
        if (length === 1) {
          const slot = this.slotByByte[buf[start]!]!;
          if (slot >= 0) {
            counts[slot]!++;
            continue;
          }
        }
        key = length;
        for (let p = start; p < start + length; p++) key = key * 256 + buf[p]!;
        const slot = this.slotByBytes.get(key);
        if (slot !== undefined) {
          this.countSlot(slot);
          continue;
        }
      }
      const text = batch.text(i);
      if (text === null) {
        this.nulls++;
        continue;
      }
      const slot = this.slotForText(text);
      if (key >= 0) {
        this.slotByBytes.set(key, slot);
        if (length === 1 && slot >= 0) this.slotByByte[buf[start]!] = slot;
      }
      this.countSlot(slot);
    }
  }

  private countSlot(slot: number): void {
    if (slot >= 0) this.counts[slot]!++;
    else if (slot === NAN_SLOT) this.nan++;
    else this.infinite++;
  }

  /** The slot of a text value in a categorical column (NaN and infinities get their own). */
  private slotForText(text: string): number {
    if (!this.forcedCategorical) {
      const reading = readText(text);
      if (reading.kind === 'nan') return NAN_SLOT;
      if (reading.kind === 'infinite' || (reading.kind === 'number' && !Number.isFinite(reading.value))) return INFINITE_SLOT;
    } else if (nanText.test(text)) return NAN_SLOT;
    else if (infinityText.test(text)) return INFINITE_SLOT;
    return this.slot(text);
  }

  private slot(category: string): number {
    let slot = this.slotOf.get(category);
    if (slot === undefined) {
      slot = this.counts.length;
      this.counts.push(0);
      this.slotOf.set(category, slot);
    }
    return slot;
  }

  /** A value from JSONL or Parquet (typed), or CSV text. */
  addCell(cell: Cell): void {
    if (cell === null) {
      this.nulls++;
      return;
    }
    if (typeof cell === 'string') {
      const reading = this.forcedCategorical ? null : readText(cell);
      if (reading === null || reading.kind === 'text') {
        if (this.isNumeric) this.becomeCategorical();
        this.countSlot(this.slotForText(cell));
      } else if (reading.kind === 'number') this.addNumber(reading.value);
      else if (reading.kind === 'nan') this.nan++;
      else this.infinite++;
      return;
    }
    if (typeof cell === 'number' || typeof cell === 'bigint') {
      const value = Number(cell);
      if (Number.isNaN(value)) this.nan++;
      else if (!Number.isFinite(value)) this.infinite++;
      else if (this.isNumeric) this.addNumber(value);
      else this.counts[this.slot(typeof cell === 'bigint' ? cell.toString() : String(value))]!++;
      return;
    }
    // A boolean is a category.
    if (this.isNumeric) this.becomeCategorical();
    this.counts[this.slot(String(cell))]!++;
  }

  private addNumber(value: number): void {
    if (!Number.isFinite(value)) {
      this.infinite++;
      return;
    }
    this.reserve(1);
    this.numbers[this.length++] = value;
  }

  /** From numbers to categories: the numbers so far become categories keyed by their shortest text. */
  private becomeCategorical(): void {
    this.categories = new Map();
    const sorted = this.numbers.subarray(0, this.length).sort();
    let i = 0;
    while (i < sorted.length) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      this.counts[this.slot(String(sorted[i]))]! += j - i;
      i = j;
    }
    this.numbers = new Float64Array(0);
    this.length = 0;
  }

  /**
   * The column as the statistics take it: numbers sorted (trimmed to their count), or counts.
   * `scratch` (2 words per value) is the sort's buffer, shared by the columns of a file.
   */
  finish(scratch?: Uint32Array): ColumnSample {
    const dropped = { nulls: this.nulls, nan: this.nan, infinite: this.infinite };
    if (this.isNumeric) {
      // Trim the growth slack when it is worth a copy; sort in place.
      const values = this.numbers.length > this.length * 1.125 ? this.numbers.slice(0, this.length) : this.numbers.subarray(0, this.length);
      this.numbers = new Float64Array(0);
      sortFloat64(values, scratch);
      return { kind: 'numeric', sorted: values, ...dropped };
    }
    const counts = new Map<string, number>();
    for (const [category, slot] of this.slotOf) if (this.counts[slot]! > 0) counts.set(category, this.counts[slot]!);
    return { kind: 'categorical', counts, ...dropped };
  }
}
