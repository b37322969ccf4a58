import { DenseIntegers } from './dense-integers.ts';

/**
 * Counts occurrences of values by a 64-bit key in an open-addressing table of typed arrays, with
 * the row of each key's first occurrence (16 bytes per slot, at most 70% full: 23-46 bytes per
 * distinct value, versus ~100 for a Map of strings). Counts are 31-bit. Numbers are keyed by their exact float64 bits, so numeric columns have no
 * collisions at all. Strings are keyed by a 64-bit hash: for n distinct strings the chance that
 * any two share a key is about n^2 / 2^65, i.e. 3e-6 for 10 million distinct values; a collision
 * would make two different values count as duplicates of each other.
 */
export class UniqueCounter {
  /** Integer values in a dense range (see DenseIntegers); null once the counter hashes. */
  private dense: DenseIntegers | null = new DenseIntegers();
  /**
   * Dense ranges merged from other threads' parts, disjoint from `dense` and from each other:
   * kept apart rather than copied into one range, which would briefly hold both (100 MB instead of
   * 50 for 10 million ids; bench CSV of 10M rows with `unique`: 220 -> 174 MB peak). Joined into
   * `dense` only if values are added after the merge.
   */
  private laterRanges: DenseIntegers[] = [];
  /**
   * Slots of 4 words: key high, key low, count (0 = empty), first row. Interleaved so a probe
   * touches one cache line, not four arrays: inserts into a table larger than the CPU cache are
   * bound by those misses.
   */
  private table: Int32Array;
  private mask: number;
  /** Distinct keys stored. */
  size = 0;
  /** After `add`: the first row the key was seen at. */
  firstRow = 0;
  private duplicates = -1;

  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.table = new Int32Array(slots * 4);
    this.mask = slots - 1;
  }

  /**
   * Sizes the storage once for `keys` keys, sparing the rehashes of growing step by step. For
   * integer columns only the dense range is sized: the hash table stays small unless it is used.
   */
  reserve(keys: number, integers = false): void {
    if (integers && this.dense !== null && this.size === 0) {
      this.dense.expected = keys;
      return;
    }
    while (keys * 10 > (this.mask + 1) * 7) this.grow();
  }

  /**
   * Records an integer value: in a dense range while the values stay close together (ids),
   * otherwise by its float64 key, exactly as `add(numberKey(value))` would.
   */
  addInteger(value: number, row: number, times = 1): number {
    if (this.laterRanges.length > 0) this.joinRanges();
    const dense = this.dense;
    if (dense !== null && this.size === 0 && dense.fits(value)) {
      const seen = dense.add(value, row, times);
      if (seen > 0) {
        this.duplicates = -1;
        this.firstRow = dense.firstRow;
        return seen;
      }
    }
    if (dense !== null) this.leaveDense();
    numberKey(value, integerKey);
    return this.add(integerKey[0]!, integerKey[1]!, row, times);
  }

  /** Moves every value of the dense range into the hash table, for good. */
  private leaveDense(): void {
    const dense = this.dense!;
    this.dense = null;
    this.reserve(dense.distinct * 2);
    dense.forEach((value, count, firstRow) => {
      numberKey(value, integerKey);
      this.add(integerKey[0]!, integerKey[1]!, firstRow, count);
    });
  }

  /**
   * Records `times` occurrences of the key, first seen at `row`; returns how often it has been
   * seen now. `firstRow` then holds the row of its first occurrence (1-based rows below 2^32).
   */
  add(hi: number, lo: number, row = 0, times = 1): number {
    if (this.laterRanges.length > 0) this.joinRanges();
    if (this.dense !== null && this.dense.distinct > 0) this.leaveDense();
    if ((this.size + 1) * 10 > (this.mask + 1) * 7) this.grow();
    this.duplicates = -1;
    const table = this.table;
    let at = (slotOf(hi, lo) & this.mask) << 2;
    const wrap = table.length - 1;
    for (;;) {
      const count = table[at + 2]!;
      if (count === 0) {
        table[at] = hi;
        table[at + 1] = lo;
        table[at + 2] = times;
        table[at + 3] = row;
        this.firstRow = row;
        this.size++;
        return times;
      }
      if (table[at] === hi && table[at + 1] === lo) {
        const next = count + times;
        table[at + 2] = next;
        this.firstRow = table[at + 3]! >>> 0;
        return next;
      }
      at = (at + 4) & wrap;
    }
  }

  /** How often the key was seen (0 if never). */
  count(hi: number, lo: number): number {
    if (this.dense !== null && this.size === 0) {
      integerKey[0] = hi;
      integerKey[1] = lo;
      const value = keyNumber(integerKey);
      let count = this.dense.count(value);
      for (const range of this.laterRanges) count += range.count(value);
      return count;
    }
    const table = this.table;
    let at = (slotOf(hi, lo) & this.mask) << 2;
    const wrap = table.length - 1;
    for (;;) {
      const count = table[at + 2]!;
      if (count === 0) return 0;
      if (table[at] === hi && table[at + 1] === lo) return count;
      at = (at + 4) & wrap;
    }
  }

  /** Rows whose value occurs more than once (every occurrence counts, as in Great Expectations). */
  duplicateRows(): number {
    if (this.duplicates < 0) {
      let total = this.dense?.duplicateRows() ?? 0;
      for (const range of this.laterRanges) total += range.duplicateRows();
      const table = this.table;
      for (let at = 2; at < table.length; at += 4) if (table[at]! > 1) total += table[at]!;
      this.duplicates = total;
    }
    return this.duplicates;
  }

  /**
   * Adds every key of a counter filled from a later part of the same data, whose rows were
   * numbered from 1 (shifted by `rowOffset`). Returns how many of its keys were already here:
   * duplicates across the parts, whose first occurrences neither part could name. `other` is
   * consumed: its storage may be taken over rather than copied, so it must not be used again.
   */
  merge(other: UniqueCounter, rowOffset = 0): number {
    if (other.laterRanges.length > 0) other.joinRanges();
    if (this.isEmpty()) {
      this.adopt(other, rowOffset);
      return 0;
    }
    const range = other.dense;
    if (range !== null && range.distinct > 0 && other.size === 0 && other.laterRanges.length === 0 && this.canKeepApart(range)) {
      shiftFirstRows(range, rowOffset);
      this.laterRanges.push(range);
      this.duplicates = -1;
      return 0; // no value in common
    }
    if (this.laterRanges.length > 0) this.joinRanges();
    let across = 0;
    const otherBounds = other.dense?.bounds();
    if (otherBounds && this.dense !== null && this.size === 0 && this.dense.fits(otherBounds[0]) && this.dense.fits(otherBounds[1])) {
      this.dense.cover(otherBounds[0], otherBounds[1]); // one allocation instead of doublings
    }
    other.dense?.forEach((value, count, firstRow) => {
      if (this.addInteger(value, firstRow + rowOffset, count) > count) across++;
    });
    const table = other.table;
    this.reserve(this.size + other.size);
    for (let at = 0; at < table.length; at += 4) {
      const count = table[at + 2]!;
      if (count === 0) continue;
      if (this.add(table[at]!, table[at + 1]!, (table[at + 3]! >>> 0) + rowOffset, count) > count) across++;
    }
    return across;
  }

  private isEmpty(): boolean {
    return this.size === 0 && (this.dense === null || this.dense.distinct === 0);
  }

  /** Whether a merged dense range shares no value with the ranges held (so it can stay apart). */
  private canKeepApart(range: DenseIntegers): boolean {
    const dense = this.dense;
    if (dense === null || dense.distinct === 0 || this.size > 0) return false;
    return [dense, ...this.laterRanges].every((held) => range.high < held.low || range.low > held.high);
  }

  /** Puts the ranges kept apart into `dense` (or the hash table, if they are too far apart). */
  private joinRanges(): void {
    const ranges = this.laterRanges;
    this.laterRanges = [];
    for (const range of ranges) {
      if (this.dense !== null && this.size === 0 && this.dense.fits(range.low) && this.dense.fits(range.high)) this.dense.cover(range.low, range.high);
      range.forEach((value, count, firstRow) => this.addInteger(value, firstRow, count));
    }
  }

  /** Takes over the storage of `other` (which must not be used again) instead of copying it. */
  private adopt(other: UniqueCounter, rowOffset: number): void {
    this.table = other.table;
    this.mask = other.mask;
    this.size = other.size;
    this.dense = other.dense;
    this.duplicates = -1;
    if (rowOffset === 0) return;
    const table = this.table;
    for (let at = 3; at < table.length; at += 4) if (table[at - 1]! > 0) table[at] = (table[at]! >>> 0) + rowOffset;
    if (this.dense) shiftFirstRows(this.dense, rowOffset);
  }

  /** Plain data (one typed array), to send to another thread. */
  snapshot(): UniqueSnapshot {
    if (this.laterRanges.length > 0) this.joinRanges();
    const dense = this.dense;
    return { table: this.table, size: this.size, dense: dense ? { base: dense.base, counts: dense.counts, firstRows: dense.firstRows, distinct: dense.distinct } : null };
  }

  static fromSnapshot(state: UniqueSnapshot): UniqueCounter {
    const counter = new UniqueCounter(16);
    counter.table = state.table;
    counter.size = state.size;
    counter.mask = state.table.length / 4 - 1;
    if (state.dense) {
      const dense = new DenseIntegers();
      Object.assign(dense, state.dense);
      const bounds = dense.bounds();
      if (bounds) [dense.low, dense.high] = bounds;
      counter.dense = dense;
    } else counter.dense = null;
    return counter;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * 4);
    this.mask = slots - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 4) {
      const count = old[at + 2]!;
      if (count > 0) this.add(old[at]!, old[at + 1]!, old[at + 3]! >>> 0, count);
    }
  }
}

export interface UniqueSnapshot {
  table: Int32Array;
  size: number;
  dense: { base: number; counts: Uint8Array; firstRows: Uint32Array; distinct: number } | null;
}

function shiftFirstRows(dense: DenseIntegers, rowOffset: number): void {
  if (rowOffset === 0) return;
  for (let at = 0; at < dense.counts.length; at++) if (dense.counts[at]! > 0) dense.firstRows[at] = dense.firstRows[at]! + rowOffset;
}

const integerKey = new Int32Array(2);
const keyWords = new Int32Array(2);
const keyFloat = new Float64Array(keyWords.buffer);

/** The number whose float64 bits are `key` (inverse of numberKey). */
function keyNumber(key: Int32Array): number {
  keyWords[1] = key[0]!;
  keyWords[0] = key[1]!;
  return keyFloat[0]!;
}

function slotOf(hi: number, lo: number): number {
  let h = hi ^ Math.imul(lo ^ (lo >>> 16), 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const float = new Float64Array(1);
const floatWords = new Int32Array(float.buffer);

/** Key of a number: its float64 bits (+0 and -0 are the same value). Result in `key`. */
export function numberKey(value: number, key: Int32Array): void {
  float[0] = value === 0 ? 0 : value;
  key[0] = floatWords[1]!;
  key[1] = floatWords[0]!;
}

/** 64-bit hash of a string's UTF-16 units (two 32-bit lanes, cyrb53-style mixing). Result in `key`. */
export function stringKey(text: string, key: Int32Array): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  key[0] = h1 | 0;
  key[1] = h2 | 0;
}
