import type { HyperLogLog } from './hyperloglog.ts';
import { compareHashes, textHash } from './value-hash.ts';

/** What `slot` returns for a category the table does not keep (its count goes to `pooled`). */
export const POOLED = -1;

/**
 * Counts of text categories, at most `cap` of them: the `cap` categories whose 64-bit hash is
 * smallest are kept with exact counts, every other value is pooled into one count. Keeping by hash
 * rather than by frequency is what makes merging exact in any order and grouping: the kept set of a
 * merge is the `cap` smallest hashes of the union, and a kept category was kept, with its whole
 * count, in every part that held it. Two tables (two profiles) keep the same categories where they
 * overlap, so below the larger of their two cut-offs both sides' counts are known exactly.
 *
 * Readers count through slots (`counts[slot]++`), so a value costs one map lookup, or none with a
 * cache of slots; `generation` changes whenever a slot is handed to another category.
 */
export class CategoryTable {
  readonly cap: number;
  /** Category of each slot. */
  readonly texts: string[] = [];
  /** Count of each slot; readers add to it directly. */
  readonly counts: number[] = [];
  /** Values whose category is not kept. */
  pooled = 0;
  /** Bumped when a slot is given to another category; caches of slots must then be dropped. */
  generation = 0;
  #truncated = false;
  readonly #high: Int32Array;
  readonly #low: Int32Array;
  readonly #slotOf = new Map<string, number>();
  /** Slots as a max-heap by hash: the root is the first category to give up. */
  readonly #heap: Int32Array;
  readonly #hash = new Int32Array(2);
  /** Gets the hash of every category seen, kept or not (the column's distinct count). */
  readonly #distinct: HyperLogLog | undefined;

  constructor(cap: number, distinct?: HyperLogLog) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`a category table needs a positive integer cap, got ${cap}`);
    this.cap = cap;
    this.#high = new Int32Array(cap);
    this.#low = new Int32Array(cap);
    this.#heap = new Int32Array(cap);
    this.#distinct = distinct;
  }

  /** Whether some category was pooled: more than `cap` distinct categories were seen. */
  get truncated(): boolean {
    return this.#truncated;
  }

  /** Values counted, kept and pooled. */
  get total(): number {
    let sum = this.pooled;
    for (const count of this.counts) sum += count;
    return sum;
  }

  /** The slot counting `text`, or POOLED. A new category may take the slot of a kept one (which is then pooled). */
  slot(text: string): number {
    const known = this.#slotOf.get(text);
    if (known !== undefined) return known;
    const hash = this.#hash;
    textHash(text, hash);
    this.#distinct?.addHash(hash[0]!, hash[1]!);
    const size = this.texts.length;
    if (size < this.cap) {
      this.texts.push(text);
      this.counts.push(0);
      this.#high[size] = hash[0]!;
      this.#low[size] = hash[1]!;
      this.#slotOf.set(text, size);
      this.#siftUp(size);
      return size;
    }
    this.#truncated = true;
    const top = this.#heap[0]!;
    if (this.#order(hash[0]!, hash[1]!, text, top) > 0) return POOLED;
    // The new category hashes below the largest kept one, which gives up its slot.
    this.pooled += this.counts[top]!;
    this.#slotOf.delete(this.texts[top]!);
    this.texts[top] = text;
    this.counts[top] = 0;
    this.#high[top] = hash[0]!;
    this.#low[top] = hash[1]!;
    this.#slotOf.set(text, top);
    this.#siftDown();
    this.generation++;
    return top;
  }

  add(text: string, count = 1): void {
    const slot = this.slot(text);
    if (slot === POOLED) this.pooled += count;
    else this.counts[slot]! += count;
  }

  merge(other: CategoryTable): void {
    if (other.cap !== this.cap) throw new RangeError(`cannot merge category tables of caps ${this.cap} and ${other.cap}`);
    other.texts.forEach((text, slot) => {
      if (other.counts[slot]! > 0) this.add(text, other.counts[slot]!);
    });
    this.pooled += other.pooled;
    this.#truncated ||= other.#truncated;
  }

  /** Kept categories with their counts, by text (UTF-16 code units). */
  entries(): [string, number][] {
    const out: [string, number][] = this.texts.map((text, slot) => [text, this.counts[slot]!]);
    return out.filter(([, count]) => count > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * The largest kept category by the keeping order, when the table is truncated: a category at or
   * below it that the table lacks does not occur at all. null when nothing was pooled.
   */
  cutoff(): CategoryOrderKey | null {
    if (!this.#truncated || this.texts.length === 0) return null;
    const top = this.#heap[0]!;
    return { high: this.#high[top]!, low: this.#low[top]!, text: this.texts[top]! };
  }

  /** Marks the table truncated (a stored table whose pooled count is positive). */
  markTruncated(): void {
    this.#truncated = true;
  }

  // Hash first, the text breaks a tie, so the order is total.
  #order(high: number, low: number, text: string, slot: number): number {
    const byHash = compareHashes(high, low, this.#high[slot]!, this.#low[slot]!);
    if (byHash !== 0) return byHash;
    const other = this.texts[slot]!;
    return text < other ? -1 : text > other ? 1 : 0;
  }

  #above(a: number, b: number): boolean {
    return this.#order(this.#high[a]!, this.#low[a]!, this.texts[a]!, b) > 0;
  }

  #siftUp(slot: number): void {
    const heap = this.#heap;
    let at = slot;
    heap[at] = slot;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#above(heap[at]!, heap[parent]!)) break;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  }

  #siftDown(): void {
    const heap = this.#heap;
    const size = this.texts.length;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const larger = right < size && this.#above(heap[right]!, heap[left]!) ? right : left;
      if (!this.#above(heap[larger]!, heap[at]!)) return;
      [heap[at], heap[larger]] = [heap[larger]!, heap[at]!];
      at = larger;
    }
  }
}

/** A category's place in the keeping order: its hash, then its text. */
export interface CategoryOrderKey {
  high: number;
  low: number;
  text: string;
}

const scratch = new Int32Array(2);

/** The keeping order's key of a text. */
export function categoryOrderKey(text: string): CategoryOrderKey {
  textHash(text, scratch);
  return { high: scratch[0]!, low: scratch[1]!, text };
}

/** Orders two categories as every CategoryTable keeps them (negative: `a` is kept first). */
export function compareCategoryKeys(a: CategoryOrderKey, b: CategoryOrderKey): number {
  const byHash = compareHashes(a.high, a.low, b.high, b.low);
  if (byHash !== 0) return byHash;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}
