// Exact counts of a column's distinct finite numbers, up to a cap. While a column has at most
// `cap` distinct numbers the table is its whole distribution (every statistic from it is exact,
// and a numeric column with at most 5 distinct values can be compared as categories); past the
// cap the profile keeps a KLL sketch instead. Open addressing keyed by the float64 bits: no
// string per value, and the table (2 x cap slots) stays in the CPU cache.

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

export class NumberTable {
  readonly cap: number;
  readonly #keys: Float64Array;
  readonly #counts: Float64Array;
  readonly #used: Uint8Array;
  readonly #mask: number;
  #size = 0;

  constructor(cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`a number table needs a positive integer cap, got ${cap}`);
    this.cap = cap;
    const slots = 1 << Math.ceil(Math.log2(cap * 2 + 1));
    this.#keys = new Float64Array(slots);
    this.#counts = new Float64Array(slots);
    this.#used = new Uint8Array(slots);
    this.#mask = slots - 1;
  }

  /** Distinct numbers held. */
  get size(): number {
    return this.#size;
  }

  /**
   * Counts `value` (finite; -0 counts as 0) `count` times. Returns -1 when the value is new and the
   * table is full (nothing is counted), 1 when the value is new, 0 when it was already held.
   */
  add(value: number, count = 1): -1 | 0 | 1 {
    const key = value === 0 ? 0 : value;
    bits[0] = key;
    let slot = Math.imul(words[0]! ^ Math.imul(words[1]!, 0x9e3779b1), 0x85ebca6b) >>> 0;
    slot = (slot ^ (slot >>> 15)) & this.#mask;
    for (;;) {
      if (this.#used[slot] === 0) {
        if (this.#size === this.cap) return -1;
        this.#used[slot] = 1;
        this.#keys[slot] = key;
        this.#counts[slot] = count;
        this.#size++;
        return 1;
      }
      if (this.#keys[slot] === key) {
        this.#counts[slot]! += count;
        return 0;
      }
      slot = (slot + 1) & this.#mask;
    }
  }

  /** The distinct numbers ascending, with their counts. */
  entries(): { values: Float64Array; counts: Float64Array } {
    const order: number[] = [];
    for (let slot = 0; slot <= this.#mask; slot++) if (this.#used[slot] === 1) order.push(slot);
    order.sort((a, b) => this.#keys[a]! - this.#keys[b]!);
    return { values: Float64Array.from(order, (slot) => this.#keys[slot]!), counts: Float64Array.from(order, (slot) => this.#counts[slot]!) };
  }
}
