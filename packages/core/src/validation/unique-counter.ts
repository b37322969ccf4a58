/**
 * Counts occurrences of values by a 64-bit key in an open-addressing table of typed arrays, with
 * the row of each key's first occurrence (16 bytes per slot, at most 70% full: 23-46 bytes per
 * distinct value, versus ~100 for a Map of strings). Numbers are keyed by their exact float64 bits, so numeric columns have no
 * collisions at all. Strings are keyed by a 64-bit hash: for n distinct strings the chance that
 * any two share a key is about n^2 / 2^65, i.e. 3e-6 for 10 million distinct values; a collision
 * would make two different values count as duplicates of each other.
 */
export class UniqueCounter {
  private hi: Int32Array;
  private lo: Int32Array;
  private counts: Uint32Array;
  /** 1-based row of each key's first occurrence (rows beyond 2^32 are not supported). */
  private firstRows: Uint32Array;
  private mask: number;
  /** Distinct keys stored. */
  size = 0;
  /** After `add`: the first row the key was seen at. */
  firstRow = 0;
  private duplicates = -1;

  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.counts = new Uint32Array(slots);
    this.firstRows = new Uint32Array(slots);
    this.mask = slots - 1;
  }

  /**
   * Records `times` occurrences of the key, first seen at `row`; returns how often it has been
   * seen now. `firstRow` then holds the row of its first occurrence.
   */
  add(hi: number, lo: number, row = 0, times = 1): number {
    if ((this.size + 1) * 10 > this.counts.length * 7) this.grow();
    this.duplicates = -1;
    let slot = slotOf(hi, lo) & this.mask;
    for (;;) {
      const count = this.counts[slot]!;
      if (count === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.counts[slot] = times;
        this.firstRows[slot] = row;
        this.firstRow = row;
        this.size++;
        return times;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) {
        const next = count + times;
        this.counts[slot] = next;
        this.firstRow = this.firstRows[slot]!;
        return next;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** How often the key was seen (0 if never). */
  count(hi: number, lo: number): number {
    let slot = slotOf(hi, lo) & this.mask;
    for (;;) {
      const count = this.counts[slot]!;
      if (count === 0) return 0;
      if (this.hi[slot] === hi && this.lo[slot] === lo) return count;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Rows whose value occurs more than once (every occurrence counts, as in Great Expectations). */
  duplicateRows(): number {
    if (this.duplicates < 0) {
      let total = 0;
      for (const count of this.counts) if (count > 1) total += count;
      this.duplicates = total;
    }
    return this.duplicates;
  }

  /**
   * Adds every key of a counter filled from a later part of the same data, whose rows were
   * numbered from 1 (shifted by `rowOffset`). Returns how many of its keys were already here:
   * duplicates across the parts, whose first occurrences neither part could name.
   */
  merge(other: UniqueCounter, rowOffset = 0): number {
    let across = 0;
    for (let slot = 0; slot < other.counts.length; slot++) {
      const count = other.counts[slot]!;
      if (count === 0) continue;
      if (this.add(other.hi[slot]!, other.lo[slot]!, other.firstRows[slot]! + rowOffset, count) > count) across++;
    }
    return across;
  }

  /** Plain typed arrays, to send to another thread. */
  snapshot(): UniqueSnapshot {
    return { hi: this.hi, lo: this.lo, counts: this.counts, firstRows: this.firstRows, size: this.size };
  }

  static fromSnapshot(state: UniqueSnapshot): UniqueCounter {
    const counter = new UniqueCounter(16);
    counter.hi = state.hi;
    counter.lo = state.lo;
    counter.counts = state.counts;
    counter.firstRows = state.firstRows;
    counter.size = state.size;
    counter.mask = state.counts.length - 1;
    return counter;
  }

  private grow(): void {
    const { hi, lo, counts, firstRows } = this;
    const slots = counts.length * 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.counts = new Uint32Array(slots);
    this.firstRows = new Uint32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let slot = 0; slot < counts.length; slot++) {
      const count = counts[slot]!;
      if (count > 0) this.add(hi[slot]!, lo[slot]!, firstRows[slot]!, count);
    }
  }
}

// murmur3's fmix32 over both words. The xor-shift must come before the first multiply: keys of
// small integers (float64 bits) differ only in high bits, and multiplying alone never moves high
// bits down, which clustered them in linear probing and made inserts quadratic.
export interface UniqueSnapshot {
  hi: Int32Array;
  lo: Int32Array;
  counts: Uint32Array;
  firstRows: Uint32Array;
  size: number;
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
