// How drift reads one column's values, shared by exact mode (ColumnCollector: every number kept)
// and profiles (ColumnProfiler: sketches), so a value is classified the same way by both: empty
// cells and null tokens are nulls; NaN and infinities (as text, or beyond a double's range) are
// counted apart; other numbers are numbers; any other value is a text category. A column the
// config names categorical takes every value as a category, numbers as written. A column that
// holds a text is categorical, its numbers then compared as categories by their shortest text.
//
// CSV fields are read from their bytes: plain numbers by the correctly rounded parser validate
// uses, short labels looked up by their bytes, so no string is made per cell.

import { POOLED } from '@modelgate/core/profile/observe';
import { CsvBatch } from '../readers/csv-batch.ts';
import { FieldKind } from '../readers/csv-scanner.ts';
import type { Cell, RowBatch } from '../readers/index.ts';
import { isColumnwiseBatch } from '../readers/types.ts';
import { parseNumberBytes } from '../readers/parse-bytes.ts';
import { LABEL_BYTES, LabelCache, MISSING } from './label-cache.ts';

const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const nanText = /^[+-]?nan$/i;
const infinityText = /^[+-]?inf(?:inity)?$/i;

/** Slots of values that are not categories, where a category's slot would be. */
const NAN_SLOT = -2;
const INFINITE_SLOT = -3;
/** A number found in the text path, not cached by bytes (it goes to the numbers). */
const NUMBER = -4;
/** Short byte strings remembered before the cache starts afresh (bounds memory on id-like columns). */
const BYTE_CACHE_LIMIT = 1 << 16;
/** Numbers gathered before they are handed over in one call. */
const NUMBER_BATCH = 4096;

export abstract class ColumnReader {
  readonly name: string;
  /** Named categorical in the config: every value is a category, numbers as written. */
  readonly forcedCategorical: boolean;
  nulls = 0;
  nan = 0;
  infinite = 0;
  /** A text value was seen. */
  heldText = false;
  /** Values whose category the sink does not keep (profiles: past the category cap). */
  protected pooledValues = 0;
  /** Count per category slot, as the sink assigns slots (see textSlot). */
  protected abstract readonly slotCounts: number[];
  private readonly pending = new Float64Array(NUMBER_BATCH);
  private pendingCount = 0;
  private readonly slotByBytes = new LabelCache(BYTE_CACHE_LIMIT);
  private readonly slotByByte = new Int32Array(256);
  private cachedGeneration = 0;

  constructor(name: string, forcedCategorical = false) {
    this.name = name;
    this.forcedCategorical = forcedCategorical;
    this.heldText = forcedCategorical;
    this.slotByByte.fill(NUMBER);
  }

  /** Takes `count` finite numbers from the start of `values` (a scratch array, reused after the call). */
  protected abstract acceptNumbers(values: Float64Array, count: number): void;
  /** The slot counting a text category (>= 0), or POOLED. */
  protected abstract textSlot(text: string): number;
  /** Changes when the sink gives a slot to another category: cached slots are then forgotten. */
  protected get slotGeneration(): number {
    return 0;
  }
  /** Called once, at the first text value. */
  protected onFirstText(): void {}

  /** Adds column `column` of a batch. */
  addBatch(batch: RowBatch, column: number): void {
    if (batch instanceof CsvBatch) this.addCsv(batch, column, 0, batch.rowCount);
    else if (isColumnwiseBatch(batch)) {
      // One decoded column at a time, released after use (see ParquetBatch.release).
      batch.forEachCell(column, (cell) => this.addCell(cell));
      batch.release(column);
    } else {
      const cells = batch.column(column);
      for (let r = 0; r < cells.length; r++) this.addCell(cells[r]!);
    }
  }

  /** A value from JSONL or Parquet (typed), or CSV text. */
  addCell(cell: Cell): void {
    if (cell === null) this.nulls++;
    else if (typeof cell === 'string') this.addText(cell);
    else if (typeof cell === 'number' || typeof cell === 'bigint') {
      const value = Number(cell);
      if (Number.isNaN(value)) this.nan++;
      else if (!Number.isFinite(value)) this.infinite++;
      else if (this.forcedCategorical) this.countText(typeof cell === 'bigint' ? cell.toString() : String(value));
      else this.pushNumber(value);
    } else this.countText(String(cell)); // a boolean is a category
  }

  /** Hands over the numbers still gathered; call before reading the sink's state. */
  flush(): void {
    if (this.pendingCount === 0) return;
    this.acceptNumbers(this.pending, this.pendingCount);
    this.pendingCount = 0;
  }

  private pushNumber(value: number): void {
    this.pending[this.pendingCount++] = value;
    if (this.pendingCount === NUMBER_BATCH) this.flush();
  }

  /** A value given as text: a number, NaN or infinity (unless the column is categorical by config), or a category. */
  private addText(text: string): void {
    const slot = this.slotOfText(text);
    if (slot === NUMBER) this.addNumberText(text);
    else this.countSlot(slot);
  }

  /** A text that spells a number (see slotOfText). */
  private addNumberText(text: string): void {
    const value = Number(text);
    if (Number.isFinite(value)) this.pushNumber(value);
    else this.infinite++; // beyond a double's range
  }

  private countText(text: string): void {
    this.countSlot(this.slotFor(text));
  }

  private slotFor(text: string): number {
    if (!this.heldText) {
      this.heldText = true;
      this.onFirstText();
    }
    const slot = this.textSlot(text);
    if (this.slotGeneration !== this.cachedGeneration) this.forgetSlots();
    return slot;
  }

  private countSlot(slot: number): void {
    if (slot >= 0) this.slotCounts[slot]!++;
    else if (slot === POOLED) this.pooledValues++;
    else if (slot === NAN_SLOT) this.nan++;
    else this.infinite++;
  }

  private forgetSlots(): void {
    this.slotByBytes.clear();
    this.slotByByte.fill(NUMBER);
    this.cachedGeneration = this.slotGeneration;
  }

  /** The slot of a field's text when it is not a number: NaN, infinity, or a category (NUMBER for a number). */
  private slotOfText(text: string): number {
    if (this.forcedCategorical) {
      if (nanText.test(text)) return NAN_SLOT;
      if (infinityText.test(text)) return INFINITE_SLOT;
      return this.slotFor(text);
    }
    if (numberText.test(text)) return NUMBER;
    if (nanText.test(text)) return NAN_SLOT;
    if (infinityText.test(text)) return INFINITE_SLOT;
    return this.slotFor(text);
  }

  /**
   * One CSV column of a batch. A plain unquoted number (parsed by the scan, or here) goes straight to the numbers; anything else
   * is looked up by its bytes when unquoted and up to LABEL_BYTES long (one byte: an array lookup),
   * else through its text.
   */
  private addCsv(batch: CsvBatch, column: number, from: number, to: number): void {
    const { buf, starts, ends, kinds, fieldCount } = batch;
    // With null tokens a plain number may be one of them (`0`): then every field goes through the text.
    const bytes = batch.nullValues === null;
    const numbers = !this.forcedCategorical;
    const field = batch.selected[column]!;
    const pending = this.pending;
    // Plain numbers the scan parsed already (NaN for any other field, which goes the long way).
    const parsed = numbers && batch.parsedFields?.[field] === 1 ? batch.numbers : null;
    for (let r = from, i = from * fieldCount + field; r < to; r++, i += fieldCount) {
      if (parsed !== null) {
        const value = parsed[i]!;
        if (value === value) {
          pending[this.pendingCount++] = value;
          if (this.pendingCount === NUMBER_BATCH) this.flush();
          continue;
        }
      }
      const kind = kinds[i]!;
      const start = starts[i]!;
      const length = ends[i]! - start;
      if (kind === FieldKind.unquoted && length === 0) {
        this.nulls++;
        continue;
      }
      const plain = bytes && kind === FieldKind.unquoted;
      if (numbers && plain) {
        // NaN: not a plain number; Infinity: valid but needs the exact conversion.
        const value = parseNumberBytes(buf, start, start + length);
        if (Number.isFinite(value)) {
          pending[this.pendingCount++] = value;
          if (this.pendingCount === NUMBER_BATCH) this.flush();
          continue;
        }
      }
      const short = plain && length <= LABEL_BYTES;
      if (short) {
        if (length === 1) {
          const slot = this.slotByByte[buf[start]!]!;
          if (slot !== NUMBER) {
            this.countSlot(slot);
            continue;
          }
        }
        const slot = this.slotByBytes.get(buf, start, length);
        if (slot !== MISSING) {
          this.countSlot(slot);
          continue;
        }
      }
      const text = batch.text(i);
      if (text === null) {
        this.nulls++;
        continue;
      }
      const slot = this.slotOfText(text);
      if (slot === NUMBER) {
        this.addNumberText(text);
        continue;
      }
      if (short) {
        this.slotByBytes.set(buf, start, length, slot);
        if (length === 1) this.slotByByte[buf[start]!] = slot;
      }
      this.countSlot(slot);
    }
  }
}
