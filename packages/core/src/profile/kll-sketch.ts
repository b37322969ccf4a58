import { countAtMost, sortFloat64 } from '../drift/sort.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';

/**
 * KLL quantile sketch (Karnin, Lang and Liberty, "Optimal Quantile Approximation in Streams",
 * FOCS 2016), with the parameters of Apache DataSketches' KLL: level capacities shrink by c = 2/3
 * going down from the top level, never below m = 8 items; a level is compacted (every other item
 * promoted to the next level with twice the weight) only when the sketch is over its capacity,
 * lowest full level first. About 3k items are kept whatever the stream length.
 *
 * Written here because no maintained JavaScript KLL exists. Departures, for speed and for profiles
 * that merge across a GitHub Actions matrix: values enter level 0 in sorted batches and every level
 * stays sorted (compaction is a linear pass, a query a binary search); the coin flip of a compaction
 * is derived from the level's contents, so the same data always gives the same sketch and
 * `merge(a, b)` equals `merge(b, a)`; items serialise as little-endian float64 in base64.
 *
 * Error (DataSketches' calibration, 99% confidence): `normalizedRankError(k)` for one rank or
 * quantile query, `uniformRankError(k)` for all of them at once (what a KS distance needs). Until
 * the first compaction the sketch holds every value and its answers are exact.
 */
export class KllSketch {
  readonly k: number;
  /** levels[h]: sorted items of weight 2^h. */
  #levels: Float64Array[] = [empty];
  #count = 0;
  #min = Infinity;
  #max = -Infinity;
  #compacted = false;
  /** Values not yet in level 0 (see pendingSize). */
  readonly #pending = new Float64Array(pendingSize);
  #pendingCount = 0;

  constructor(k = 1024) {
    if (!Number.isInteger(k) || k < 8 || k > 65_535) throw new RangeError(`KLL k must be an integer from 8 to 65535, got ${k}`);
    this.k = k;
  }

  /** Values added (the total weight). */
  get count(): number {
    return this.#count;
  }

  get min(): number {
    return this.#min;
  }

  get max(): number {
    return this.#max;
  }

  /** True while every value is still held, so ranks and quantiles are exact. */
  get exact(): boolean {
    return !this.#compacted;
  }

  /** Items retained, all levels. */
  get retained(): number {
    this.#flush();
    return this.#levels.reduce((sum, level) => sum + level.length, 0);
  }

  /** The rank error of one query, as a share of the count (0 while exact). */
  get rankError(): number {
    return this.exact ? 0 : normalizedRankError(this.k);
  }

  /** The error that holds for every query at once (0 while exact). */
  get uniformError(): number {
    return this.exact ? 0 : uniformRankError(this.k);
  }

  add(value: number): void {
    if (Number.isNaN(value)) return;
    this.#pending[this.#pendingCount++] = value;
    this.#count++;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (this.#pendingCount === pendingSize) this.#flush();
  }

  /** Adds `count` values from the start of `values` (NaN skipped, as `add` skips it). */
  addMany(values: Float64Array, count: number): void {
    let min = this.#min;
    let max = this.#max;
    for (let i = 0; i < count; i++) {
      const value = values[i]!;
      if (Number.isNaN(value)) {
        // Rare: one by one, NaN left out.
        for (let j = i; j < count; j++) this.add(values[j]!);
        return this.#setRange(min, max);
      }
      if (value < min) min = value;
      if (value > max) max = value;
      this.#pending[this.#pendingCount++] = value;
      this.#count++;
      if (this.#pendingCount === pendingSize) {
        this.#setRange(min, max);
        this.#flush();
      }
    }
    this.#setRange(min, max);
  }

  #setRange(min: number, max: number): void {
    if (min < this.#min) this.#min = min;
    if (max > this.#max) this.#max = max;
  }

  merge(other: KllSketch): void {
    if (other.k !== this.k) throw new RangeError(`cannot merge KLL sketches of k ${this.k} and ${other.k}`);
    other.#flush();
    this.#flush();
    if (other.#count === 0) return;
    other.#levels.forEach((items, h) => {
      this.#levels[h] = h < this.#levels.length ? mergeSorted(this.#levels[h]!, items) : items.slice();
    });
    this.#count += other.#count;
    this.#min = Math.min(this.#min, other.#min);
    this.#max = Math.max(this.#max, other.#max);
    this.#compacted ||= other.#compacted;
    this.#compress();
  }

  /** Weighted share of values <= `value` (the empirical CDF), 0 when empty. */
  cdf(value: number): number {
    this.#flush();
    if (this.#count === 0) return 0;
    let below = 0;
    this.#levels.forEach((items, h) => {
      below += countAtMost(items, value) * 2 ** h;
    });
    return below / this.#count;
  }

  /** Items with their weights, ascending by value: the sketch's view of the distribution. */
  weightedItems(): { values: Float64Array; weights: Float64Array } {
    this.#flush();
    // Every level is sorted: merge them upwards (on equal values the lower level's items first).
    let values: Float64Array = empty;
    let weights: Float64Array = empty;
    this.#levels.forEach((items, h) => {
      const merged = new Float64Array(values.length + items.length);
      const mergedWeights = new Float64Array(merged.length);
      const weight = 2 ** h;
      let i = 0;
      let j = 0;
      for (let k = 0; k < merged.length; k++) {
        if (j >= items.length || (i < values.length && values[i]! <= items[j]!)) {
          merged[k] = values[i]!;
          mergedWeights[k] = weights[i++]!;
        } else {
          merged[k] = items[j++]!;
          mergedWeights[k] = weight;
        }
      }
      values = merged;
      weights = mergedWeights;
    });
    return { values, weights };
  }

  /**
   * The q-quantile: numpy's default linear interpolation while exact; afterwards the smallest
   * retained item whose cumulative weight reaches q of the count (the min and max at 0 and 1).
   */
  quantile(q: number): number {
    this.#flush();
    if (this.#count === 0) return NaN;
    if (q <= 0) return this.#min;
    if (q >= 1) return this.#max;
    if (this.exact) {
      const sorted = this.#levels[0]!;
      const position = q * (sorted.length - 1);
      const below = Math.floor(position);
      const above = Math.min(below + 1, sorted.length - 1);
      return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
    }
    const { values, weights } = this.weightedItems();
    const target = q * this.#count;
    let seen = 0;
    for (let i = 0; i < values.length; i++) {
      seen += weights[i]!;
      if (seen >= target) return values[i]!;
    }
    return this.#max;
  }

  /** Plain data: levels as base64 little-endian float64 (about 32 KB for k = 1024). */
  toJSON(): KllSketchState {
    this.#flush();
    return {
      k: this.k,
      count: this.#count,
      min: this.#count === 0 ? null : this.#min,
      max: this.#count === 0 ? null : this.#max,
      compacted: this.#compacted,
      levels: this.#levels.map(float64ToBase64),
    };
  }

  static fromJSON(state: KllSketchState): KllSketch {
    const sketch = new KllSketch(state.k);
    sketch.#count = state.count;
    sketch.#min = state.min ?? Infinity;
    sketch.#max = state.max ?? -Infinity;
    sketch.#compacted = state.compacted;
    sketch.#levels = state.levels.length === 0 ? [empty] : state.levels.map((text) => base64ToFloat64(text).sort());
    // Compaction keeps the total weight: two items of weight w become one of weight 2w.
    const weight = sketch.#levels.reduce((sum, items, h) => sum + items.length * 2 ** h, 0);
    if (weight !== state.count) throw new RangeError(`KLL state holds weight ${weight} for a count of ${state.count}`);
    return sketch;
  }

  // The batch, sorted, is first compacted by itself, in place, while it alone overfills its level
  // (in a tall sketch the low levels hold a few items: the batch would be compacted there anyway,
  // and compacting it alone means fewer compactions, never more error); what is left joins its
  // level and the sketch compacts as often as needed. No array is made per level on the way down.
  #flush(): void {
    const n = this.#pendingCount;
    if (n === 0) return;
    this.#pendingCount = 0;
    let batch = this.#pending.subarray(0, n);
    // Radix sort: the sort is most of the cost of adding values (10M values: 1.3 -> 0.4 s).
    sortFloat64(batch, sortScratch);
    const levels = this.#levels.length;
    let h = 0;
    while (h + 1 < levels && batch.length > levelCapacity(this.k, levels, h)) {
      // As #compactLevel: the odd item out (the smallest) stays at this level.
      const start = batch.length % 2;
      if (start === 1) this.#levels[h] = mergeSorted(this.#levels[h]!, batch.subarray(0, 1));
      const offset = start + coinFlip(batch, h, this.#count, start);
      let kept = 0;
      for (let i = offset; i < batch.length; i += 2) batch[kept++] = batch[i]!;
      batch = batch.subarray(0, kept);
      this.#compacted = true;
      h++;
    }
    this.#levels[h] = mergeSorted(this.#levels[h]!, batch);
    this.#compress();
  }

  // Compact the lowest level at capacity until the sketch fits its total capacity again.
  #compress(): void {
    for (;;) {
      const levels = this.#levels.length;
      let total = 0;
      let retained = 0;
      for (let h = 0; h < levels; h++) {
        total += levelCapacity(this.k, levels, h);
        retained += this.#levels[h]!.length;
      }
      if (retained < total) return;
      // Some level is at capacity when the sketch is: compact the lowest one.
      this.#compactLevel(this.#levels.findIndex((items, index) => items.length >= levelCapacity(this.k, levels, index)));
    }
  }

  #compactLevel(h: number): void {
    const sorted = this.#levels[h]!;
    if (h + 1 === this.#levels.length) this.#levels.push(empty);
    // An odd item out (the smallest) stays at this level, so the promoted ones pair up exactly.
    const start = sorted.length % 2;
    const offset = start + coinFlip(sorted, h, this.#count, start);
    const promoted = new Float64Array((sorted.length - start) / 2);
    for (let i = offset, j = 0; i < sorted.length; i += 2, j++) promoted[j] = sorted[i]!;
    this.#levels[h + 1] = mergeSorted(this.#levels[h + 1]!, promoted);
    this.#levels[h] = start === 1 ? sorted.slice(0, 1) : empty;
    this.#compacted = true;
  }
}

export interface KllSketchState {
  k: number;
  count: number;
  min: number | null;
  max: number | null;
  compacted: boolean;
  /** One base64 string of little-endian float64 items per level, level 0 (weight 1) first. */
  levels: string[];
}

const empty = new Float64Array(0);

/**
 * Values gathered before they enter level 0, sorted together: one large weight-1 compaction instead
 * of one per ~30 values (1M values: 300 -> 60 ms). Fewer compactions only lower the error.
 */
const pendingSize = 8192;
/** The sort's buffer, shared: sorting is synchronous. */
const sortScratch = new Uint32Array(2 * pendingSize);
const shrink = 2 / 3;
const minimumWidth = 8;

/** Capacity of level h in a sketch of `levels` levels: k at the top, 2/3 less per level down, at least 8. */
function levelCapacity(k: number, levels: number, h: number): number {
  return Math.max(minimumWidth, Math.ceil(k * shrink ** (levels - 1 - h)));
}

/** DataSketches' 99%-confidence error of one rank query, as a share of the count. */
export function normalizedRankError(k: number): number {
  return 2.296 / k ** 0.9723;
}

/** DataSketches' 99%-confidence error of all rank queries at once (their PMF error). */
export function uniformRankError(k: number): number {
  return 2.446 / k ** 0.9433;
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b.length === 0 ? empty : b.slice();
  if (b.length === 0) return a.slice();
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Float64 items as base64 of their (little-endian) bytes. */
function float64ToBase64(values: Float64Array): string {
  return bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

function base64ToFloat64(text: string): Float64Array {
  const bytes = base64ToBytes(text);
  if (bytes.length % 8 !== 0) throw new RangeError('a KLL level is not a whole number of float64 values');
  return new Float64Array(bytes.buffer);
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

// Which half survives a compaction: a bit mixed from the level's smallest, middle and largest items,
// its length, its height and the count. Deterministic (same data, same sketch) yet not aligned with
// the data's order, which is what the error analysis needs from the coin.
function coinFlip(sorted: Float64Array, h: number, count: number, start: number): number {
  let mix = Math.imul((sorted.length - start) ^ (h << 20), 0x9e3779b1) ^ count;
  for (const value of [sorted[start]!, sorted[sorted.length - 1]!, sorted[(sorted.length + start) >> 1]!]) {
    bits[0] = value;
    mix = Math.imul(mix ^ words[0]!, 0x85ebca6b);
    mix = Math.imul(mix ^ words[1]!, 0xc2b2ae35);
    mix ^= mix >>> 15;
  }
  return (mix >>> 7) & 1;
}
