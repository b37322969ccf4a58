/**
 * Occurrence counts of integer values over a contiguous range, for unique checks on integer ids:
 * 5 bytes per value of the range (a count and the first row), no hashing, and sequential ids
 * touch memory sequentially. 10 million ids take 50 MB here against 256 MB in a hash table.
 * The caller falls back to hashing when the values are too spread out for a range to pay
 * (`fits` false) or a count would pass 255.
 */
export class DenseIntegers {
  base = 0;
  counts: Uint8Array = new Uint8Array(0);
  firstRows: Uint32Array = new Uint32Array(0);
  distinct = 0;
  /** Lowest and highest value seen. */
  low = Infinity;
  high = -Infinity;
  /** How many values to expect (a hint: the first allocation covers that many). */
  expected = 0;
  /** After `add`: the first row the value was seen at. */
  firstRow = 0;

  /** Whether `value` can be stored without making the range too sparse to pay off. */
  fits(value: number): boolean {
    if (!Number.isSafeInteger(value)) return false;
    if (this.distinct === 0) return true;
    // The span of the values seen (not of the allocation, which a size hint may make large).
    const low = Math.min(this.low, value);
    const high = Math.max(this.high, value);
    return high - low + 1 <= 8 * (this.distinct + 1) + 1_000_000;
  }

  /**
   * Adds `times` occurrences; returns the new count, or -1 when it would pass 255 (nothing is
   * changed then). Call only when `fits(value)`.
   */
  add(value: number, row: number, times = 1): number {
    if (this.counts.length === 0) this.allocate(value, Math.max(1 << 16, Math.ceil(this.expected * 1.05)));
    let at = value - this.base;
    if (at < 0 || at >= this.counts.length) {
      this.extend(value);
      at = value - this.base;
    }
    const count = this.counts[at]!;
    if (count + times > 255) return -1;
    this.counts[at] = count + times;
    if (count === 0) {
      this.firstRows[at] = row;
      this.distinct++;
      this.firstRow = row;
      if (value < this.low) this.low = value;
      if (value > this.high) this.high = value;
    } else {
      this.firstRow = this.firstRows[at]!;
    }
    return count + times;
  }

  /** Widens the range to cover [low, high] in one allocation (merging a neighbouring range). */
  cover(low: number, high: number): void {
    if (this.counts.length === 0) {
      this.base = low;
      this.counts = new Uint8Array(high - low + 1);
      this.firstRows = new Uint32Array(high - low + 1);
      return;
    }
    const base = Math.min(this.base, low);
    const length = Math.max(this.base + this.counts.length, high + 1) - base;
    if (base === this.base && length === this.counts.length) return;
    const counts = new Uint8Array(length);
    const firstRows = new Uint32Array(length);
    counts.set(this.counts, this.base - base);
    firstRows.set(this.firstRows, this.base - base);
    this.base = base;
    this.counts = counts;
    this.firstRows = firstRows;
  }

  /** The lowest and highest value stored, or null when empty. */
  bounds(): [number, number] | null {
    let low = 0;
    while (low < this.counts.length && this.counts[low] === 0) low++;
    if (low === this.counts.length) return null;
    let high = this.counts.length - 1;
    while (this.counts[high] === 0) high--;
    return [this.base + low, this.base + high];
  }

  count(value: number): number {
    const at = value - this.base;
    return Number.isInteger(at) && at >= 0 && at < this.counts.length ? this.counts[at]! : 0;
  }

  duplicateRows(): number {
    let total = 0;
    for (const count of this.counts) if (count > 1) total += count;
    return total;
  }

  forEach(visit: (value: number, count: number, firstRow: number) => void): void {
    for (let at = 0; at < this.counts.length; at++) if (this.counts[at]! > 0) visit(this.base + at, this.counts[at]!, this.firstRows[at]!);
  }

  private allocate(first: number, length: number): void {
    // Ids mostly grow from the first one: a little room below it, the rest above.
    this.base = first - Math.min(1024, Math.floor(length / 8));
    this.counts = new Uint8Array(length);
    this.firstRows = new Uint32Array(length);
  }

  /** Grows the range by half (at least) towards `value`, keeping what is stored. */
  private extend(value: number): void {
    const oldCounts = this.counts;
    const oldRows = this.firstRows;
    const oldBase = this.base;
    let length = Math.ceil(oldCounts.length * 1.5);
    let base = value < oldBase ? oldBase - (length - oldCounts.length) : oldBase;
    while (value < base || value >= base + length) {
      length = Math.ceil(length * 1.5);
      base = value < oldBase ? oldBase - (length - oldCounts.length) : oldBase;
    }
    this.base = base;
    this.counts = new Uint8Array(length);
    this.firstRows = new Uint32Array(length);
    this.counts.set(oldCounts, oldBase - base);
    this.firstRows.set(oldRows, oldBase - base);
  }
}
