// Collects one column of a data file for the exact drift statistics: every finite number in one
// growing Float64Array (8 bytes a value), text categories as counts (see ColumnReader for how a
// value is classified). A column that held text comes out as categories, its numbers keyed by
// their shortest text.

import type { ColumnSample } from '@modelgate/core';
import { sortFloat64 } from '@modelgate/core/profile/observe';
import { ColumnReader } from './column-reader.ts';

export class ColumnCollector extends ColumnReader {
  private numbers: Float64Array = new Float64Array(1024);
  private length = 0;
  protected readonly slotCounts: number[] = [];
  private readonly slotOf = new Map<string, number>();

  get isNumeric(): boolean {
    return !this.heldText;
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

  protected acceptNumbers(values: Float64Array, count: number): void {
    this.reserve(count);
    this.numbers.set(values.subarray(0, count), this.length);
    this.length += count;
  }

  protected textSlot(text: string): number {
    let slot = this.slotOf.get(text);
    if (slot === undefined) {
      slot = this.slotCounts.length;
      this.slotCounts.push(0);
      this.slotOf.set(text, slot);
    }
    return slot;
  }

  /** A text column seldom holds many numbers: give back the room reserved for a numeric one. */
  protected override onFirstText(): void {
    if (this.numbers.length > 2 * this.length + 1024) this.numbers = this.numbers.slice(0, Math.max(this.length, 1024));
  }

  /**
   * The column as the statistics take it: numbers sorted (trimmed to their count), or counts.
   * `scratch` (2 words per value) is the sort's buffer, shared by the columns of a file.
   */
  finish(scratch?: Uint32Array): ColumnSample {
    this.flush();
    const dropped = { nulls: this.nulls, nan: this.nan, infinite: this.infinite };
    // Trim the growth slack when it is worth a copy; sort in place.
    const values = this.numbers.length > this.length * 1.125 ? this.numbers.slice(0, this.length) : this.numbers.subarray(0, this.length);
    this.numbers = new Float64Array(0);
    sortFloat64(values, scratch);
    if (this.isNumeric) return { kind: 'numeric', sorted: values, ...dropped };
    const counts = new Map<string, number>();
    for (const [category, slot] of this.slotOf) if (this.slotCounts[slot]! > 0) counts.set(category, this.slotCounts[slot]!);
    // Numbers of a text column are categories by their shortest text (never equal to a text category,
    // which would have been read as that number).
    let i = 0;
    while (i < values.length) {
      let j = i + 1;
      while (j < values.length && values[j] === values[i]) j++;
      counts.set(String(values[i]), j - i);
      i = j;
    }
    return { kind: 'categorical', counts, ...dropped };
  }
}
