// One column of a profile: what the drift statistics need from a column, in bounded space and
// mergeable. Values are classified as the exact drift reader classifies them (nulls, NaN,
// infinities, finite numbers, texts); the numbers keep count, mean and M2 (Chan's parallel update),
// min and max, and either their exact distinct values (up to `categoryCap` of them) or, past that,
// a KLL sketch; the texts keep a category table; both feed one HyperLogLog distinct count.

import { Moments } from '../validation/moments.ts';
import { CategoryTable } from './category-table.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch } from './kll-sketch.ts';
import { NumberTable } from './number-table.ts';
import type { ColumnProfileState } from './schema.ts';
import { numberHash } from './value-hash.ts';

export interface ProfileSettings {
  /** KLL accuracy parameter (1024: ~3k items kept, rank error 0.35% for all queries at once). */
  kllK: number;
  /** Distinct numbers kept exactly, and text categories kept, per column. */
  categoryCap: number;
}

/** A numeric distribution as weighted values: exact counts, or a sketch's items. */
export interface NumberDistribution {
  /** Ascending (a sketch may repeat a value). */
  values: Float64Array;
  weights: Float64Array;
  /** The number of values it stands for (the sum of the weights). */
  count: number;
  /** Whether the weights are the exact counts. */
  exact: boolean;
  /** Largest error of its CDF at any point, as a share of the count (99% confidence; 0 when exact). */
  rankError: number;
}

const hash = new Int32Array(2);

export class ColumnProfile {
  readonly name: string;
  /** Named categorical in the config: every value a category, numbers as written. */
  readonly categoricalByConfig: boolean;
  readonly settings: ProfileSettings;
  nulls = 0;
  nan = 0;
  infinite = 0;
  readonly moments = new Moments();
  min = Infinity;
  max = -Infinity;
  /** Exact distinct numbers, until there are more than the cap; then null and `#sketch` holds them. */
  #table: NumberTable | null;
  #sketch: KllSketch | null = null;
  readonly texts: CategoryTable;
  readonly distinct = new HyperLogLog();

  constructor(name: string, settings: ProfileSettings, categoricalByConfig = false) {
    this.name = name;
    this.settings = settings;
    this.categoricalByConfig = categoricalByConfig;
    this.#table = new NumberTable(settings.categoryCap);
    this.texts = new CategoryTable(settings.categoryCap, this.distinct);
  }

  /** Cells seen, nulls included. */
  get rows(): number {
    return this.nulls + this.nan + this.infinite + this.moments.count + this.texts.total;
  }

  /** A text value was seen (or the config names the column categorical): the column is categorical. */
  get heldText(): boolean {
    return this.categoricalByConfig || this.texts.total > 0;
  }

  /** The exact distinct numbers, or null once there are more than the cap. */
  get numberTable(): NumberTable | null {
    return this.#table;
  }

  get sketch(): KllSketch | null {
    return this.#sketch;
  }

  /** Adds `count` finite numbers from the start of `values`. */
  addNumbers(values: Float64Array, count: number): void {
    if (count === 0) return;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const value = values[i]!;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    this.min = min;
    this.max = max;
    if (Number.isFinite(sum)) {
      // The batch's own mean and M2 (two passes), merged in one step (Chan et al.).
      const mean = sum / count;
      let m2 = 0;
      for (let i = 0; i < count; i++) {
        const d = values[i]! - mean;
        m2 += d * d;
      }
      this.moments.merge({ count, mean, m2 });
    } else for (let i = 0; i < count; i++) this.moments.add(values[i]!);
    let i = 0;
    const table = this.#table;
    if (table !== null) {
      for (; i < count; i++) {
        const added = table.add(values[i]!);
        if (added === 0) continue;
        if (added === -1) break;
        numberHash(values[i]!, hash);
        this.distinct.addHash(hash[0]!, hash[1]!);
      }
      if (i === count) return;
      this.#sketchNumbers();
    }
    this.#sketch!.addMany(i === 0 ? values : values.subarray(i), count - i);
    for (; i < count; i++) {
      numberHash(values[i]!, hash);
      this.distinct.addHash(hash[0]!, hash[1]!);
    }
  }

  addText(text: string): void {
    this.texts.add(text);
  }

  /** Past the cap: the table's numbers go into a KLL sketch, which takes every later number. */
  #sketchNumbers(): void {
    this.#sketch = sketchOf(this.#table!.entries(), this.settings.kllK);
    this.#table = null;
  }

  /** Adds another profile of the same column (commutative; see DataProfile.merge for the checks). */
  merge(other: ColumnProfile): void {
    this.nulls += other.nulls;
    this.nan += other.nan;
    this.infinite += other.infinite;
    mergeMoments(this.moments, other.moments);
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
    this.distinct.merge(other.distinct);
    this.texts.merge(other.texts);
    const mine = this.#table;
    const theirs = other.#table;
    if (mine !== null && theirs !== null) {
      const union = unionOf(mine.entries(), theirs.entries());
      if (union.values.length <= this.settings.categoryCap) {
        const table = new NumberTable(this.settings.categoryCap);
        union.values.forEach((value, i) => table.add(value, union.counts[i]!));
        this.#table = table;
      } else {
        this.#sketch = sketchOf(union, this.settings.kllK);
        this.#table = null;
      }
      return;
    }
    // At least one side is a sketch: a table becomes one the same way on either side, so the
    // result does not depend on which profile is merged into which.
    const sketch = mine !== null ? sketchOf(mine.entries(), this.settings.kllK) : this.#sketch!;
    sketch.merge(theirs !== null ? sketchOf(theirs.entries(), this.settings.kllK) : other.#sketch!);
    this.#sketch = sketch;
    this.#table = null;
  }

  /** The finite numbers' distribution: their exact counts, or the sketch's weighted items. */
  numberDistribution(): NumberDistribution {
    if (this.#table !== null) {
      const { values, counts } = this.#table.entries();
      return { values, weights: counts, count: this.moments.count, exact: true, rankError: 0 };
    }
    const sketch = this.#sketch!;
    const { values, weights } = sketch.weightedItems();
    return { values, weights, count: sketch.count, exact: sketch.exact, rankError: sketch.uniformError };
  }

  /** Distinct values (numbers and texts): exact while both are held in full, else HyperLogLog's estimate. */
  distinctCount(): { value: number; exact: boolean } {
    const kept = this.texts.entries().length;
    if (this.#table !== null && !this.texts.truncated) return { value: this.#table.size + kept, exact: true };
    // What is known to be there is a floor under the estimate.
    const floor = (this.#table !== null ? this.#table.size : this.settings.categoryCap + 1) + kept + (this.texts.truncated ? 1 : 0);
    return { value: Math.max(this.distinct.estimate(), floor), exact: false };
  }

  toJSON(): ColumnProfileState {
    const numbers = this.moments.count;
    const distinct = this.distinctCount();
    return {
      name: this.name,
      categorical_by_config: this.categoricalByConfig,
      held_text: this.heldText,
      rows: this.rows,
      nulls: this.nulls,
      nan: this.nan,
      infinite: this.infinite,
      numbers: {
        count: numbers,
        mean: numbers === 0 ? 0 : finiteOrNull(this.moments.mean),
        m2: numbers === 0 ? 0 : finiteOrNull(this.moments.m2),
        min: numbers === 0 ? null : this.min,
        max: numbers === 0 ? null : this.max,
        distinct_values: this.#table === null ? null : pairs(this.#table.entries()),
        kll: this.#sketch === null ? null : this.#sketch.toJSON(),
      },
      texts: { count: this.texts.total, categories: this.texts.entries(), pooled: this.texts.pooled },
      // While every value is held the registers follow from them and are left out.
      distinct: { estimate: distinct.value, exact: distinct.exact, hll: distinct.exact ? null : this.distinct.toJSON() },
    };
  }

  /** From a state that passed profileSchema (whose checks this relies on). */
  static fromJSON(state: ColumnProfileState, settings: ProfileSettings): ColumnProfile {
    const column = new ColumnProfile(state.name, settings, state.categorical_by_config);
    column.nulls = state.nulls;
    column.nan = state.nan;
    column.infinite = state.infinite;
    const { numbers, texts } = state;
    if (state.distinct.hll !== null) column.distinct.merge(HyperLogLog.fromJSON(state.distinct.hll));
    // An overflowed moment stays one through merges (NaN spreads through Chan's update).
    Object.assign(column.moments, { count: numbers.count, mean: numbers.mean ?? NaN, m2: numbers.m2 ?? NaN });
    column.min = numbers.min ?? Infinity;
    column.max = numbers.max ?? -Infinity;
    if (numbers.distinct_values !== null) {
      for (const [value, count] of numbers.distinct_values) {
        column.#table!.add(value, count);
        numberHash(value, hash);
        column.distinct.addHash(hash[0]!, hash[1]!);
      }
    } else {
      column.#sketch = KllSketch.fromJSON(numbers.kll!);
      column.#table = null;
    }
    for (const [text, count] of texts.categories) column.texts.add(text, count);
    column.texts.pooled = texts.pooled;
    if (texts.pooled > 0) column.texts.markTruncated();
    return column;
  }
}

/**
 * Chan et al.'s update written symmetrically (each sum formed the same way whichever side is `into`),
 * so merging two profiles gives the same bits in either order; grouping still moves the last bits.
 */
function mergeMoments(into: Moments, other: Moments): void {
  if (other.count === 0) return;
  if (into.count === 0) {
    Object.assign(into, { count: other.count, mean: other.mean, m2: other.m2 });
    return;
  }
  const count = into.count + other.count;
  const delta = other.mean - into.mean;
  const mean = (into.count * into.mean + other.count * other.mean) / count;
  const m2 = into.m2 + other.m2 + (delta * delta * (into.count * other.count)) / count;
  Object.assign(into, { count, mean, m2 });
}

/** A KLL sketch of exact counts: every value added as often as it was counted, ascending. */
function sketchOf(entries: { values: Float64Array; counts: Float64Array }, k: number): KllSketch {
  const sketch = new KllSketch(k);
  entries.values.forEach((value, i) => {
    for (let n = entries.counts[i]!; n > 0; n--) sketch.add(value);
  });
  return sketch;
}

function unionOf(a: { values: Float64Array; counts: Float64Array }, b: { values: Float64Array; counts: Float64Array }): { values: Float64Array; counts: Float64Array } {
  const values: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.values.length && j < b.values.length) {
    const x = a.values[i]!;
    const y = b.values[j]!;
    values.push(x <= y ? x : y);
    counts.push(x < y ? a.counts[i++]! : y < x ? b.counts[j++]! : a.counts[i++]! + b.counts[j++]!);
  }
  for (; i < a.values.length; i++) values.push(a.values[i]!), counts.push(a.counts[i]!);
  for (; j < b.values.length; j++) values.push(b.values[j]!), counts.push(b.counts[j]!);
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}

function pairs(entries: { values: Float64Array; counts: Float64Array }): [number, number][] {
  return Array.from(entries.values, (value, i) => [value, entries.counts[i]!]);
}

/** A moment as a profile stores it: null once it has overflowed a double (JSON has no NaN or Infinity). */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
