// Category slots of short CSV labels, keyed by their bytes, so a label such as `US` or `basic` is
// counted without making a string. Open addressing over two int32 words per key: a Map keyed by
// the bytes as one number (up to 2^51, a heap number rather than a small integer) hashed slowly
// and took half of a categorical column's reading time.

/** Returned by `get` for a label not held. */
export const MISSING = -1_000_000;
/** Longest label held, in bytes. */
export const LABEL_BYTES = 6;

export class LabelCache {
  /** Low word: bytes 0-3; high word: length, then bytes 4-5 (0 marks an empty slot). */
  #low: Int32Array;
  #high: Int32Array;
  #slots: Int32Array;
  #size = 0;
  readonly #limit: number;

  /** Holds at most `limit` labels, then starts afresh (bounds memory on id-like columns). */
  constructor(limit: number) {
    this.#limit = limit;
    this.#low = new Int32Array(64);
    this.#high = new Int32Array(64);
    this.#slots = new Int32Array(64);
  }

  get size(): number {
    return this.#size;
  }

  /** The slot of the label in `buf[start, start + length)` (length 1 to LABEL_BYTES), or MISSING. */
  get(buf: Uint8Array, start: number, length: number): number {
    const low = lowWord(buf, start, length);
    const high = highWord(buf, start, length);
    const mask = this.#high.length - 1;
    for (let at = place(low, high, mask); ; at = (at + 1) & mask) {
      const held = this.#high[at]!;
      if (held === 0) return MISSING;
      if (held === high && this.#low[at] === low) return this.#slots[at]!;
    }
  }

  set(buf: Uint8Array, start: number, length: number, slot: number): void {
    if (this.#size >= this.#limit) this.clear();
    if (2 * (this.#size + 1) > this.#high.length) this.#grow();
    this.#put(lowWord(buf, start, length), highWord(buf, start, length), slot);
  }

  clear(): void {
    this.#low = new Int32Array(64);
    this.#high = new Int32Array(64);
    this.#slots = new Int32Array(64);
    this.#size = 0;
  }

  #put(low: number, high: number, slot: number): void {
    const mask = this.#high.length - 1;
    let at = place(low, high, mask);
    while (this.#high[at] !== 0 && !(this.#high[at] === high && this.#low[at] === low)) at = (at + 1) & mask;
    if (this.#high[at] === 0) this.#size++;
    this.#low[at] = low;
    this.#high[at] = high;
    this.#slots[at] = slot;
  }

  #grow(): void {
    const low = this.#low;
    const high = this.#high;
    const slots = this.#slots;
    this.#low = new Int32Array(2 * low.length);
    this.#high = new Int32Array(2 * high.length);
    this.#slots = new Int32Array(2 * slots.length);
    this.#size = 0;
    for (let at = 0; at < high.length; at++) if (high[at] !== 0) this.#put(low[at]!, high[at]!, slots[at]!);
  }
}

function lowWord(buf: Uint8Array, start: number, length: number): number {
  let word = 0;
  for (let i = Math.min(length, 4) - 1; i >= 0; i--) word = (word << 8) | buf[start + i]!;
  return word;
}

function highWord(buf: Uint8Array, start: number, length: number): number {
  let word = 0;
  for (let i = length - 1; i >= 4; i--) word = (word << 8) | buf[start + i]!;
  return (word << 8) | length;
}

function place(low: number, high: number, mask: number): number {
  const mixed = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  return (mixed ^ (mixed >>> 15)) & mask;
}
