// One column of one data set, as the drift statistics take it: numbers as one ascending typed
// array (8 bytes a value), categories as counts. Nulls, NaN and infinities are counted and left out.

export interface DroppedValues {
  /** Empty cells and nulls. */
  nulls: number;
  nan: number;
  /** +inf and -inf. */
  infinite: number;
}

export interface NumericSample extends DroppedValues {
  kind: 'numeric';
  /** The finite values, ascending. */
  sorted: Float64Array;
}

export interface CategoricalSample extends DroppedValues {
  kind: 'categorical';
  /** Count per category (the value's text). */
  counts: Map<string, number>;
}

export type ColumnSample = NumericSample | CategoricalSample;

/** Values a sample tests (non-null, finite). */
export function sampleSize(sample: ColumnSample): number {
  if (sample.kind === 'numeric') return sample.sorted.length;
  let total = 0;
  for (const count of sample.counts.values()) total += count;
  return total;
}

/** Distinct values a sample holds. */
export function distinctCount(sample: ColumnSample): number {
  if (sample.kind === 'categorical') return sample.counts.size;
  const values = sample.sorted;
  let distinct = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct++;
  return distinct;
}

/** Counts per distinct number of an ascending array, keyed by the number's shortest text. */
export function numberCounts(sorted: Float64Array): Map<string, number> {
  const counts = new Map<string, number>();
  let i = 0;
  while (i < sorted.length) {
    const value = sorted[i]!;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === value) j++;
    counts.set(String(value), j - i);
    i = j;
  }
  return counts;
}

/** A sample's values as categories (numbers keyed by their shortest text). */
export function asCategorical(sample: ColumnSample): CategoricalSample {
  if (sample.kind === 'categorical') return sample;
  return { kind: 'categorical', counts: numberCounts(sample.sorted), nulls: sample.nulls, nan: sample.nan, infinite: sample.infinite };
}

/** Both samples' counts over the union of their categories, in one order. */
export interface AlignedCounts {
  categories: string[];
  reference: number[];
  current: number[];
  referenceTotal: number;
  currentTotal: number;
}

/**
 * The union of categories, sorted: numerically when both samples hold numbers, else by text
 * (UTF-16 code units, JavaScript's default order).
 */
export function alignCategories(reference: ColumnSample, current: ColumnSample): AlignedCounts {
  return alignCounts(asCategorical(reference).counts, asCategorical(current).counts, reference.kind === 'numeric' && current.kind === 'numeric');
}

/** Two count tables over the union of their categories, sorted numerically (`numeric`: the keys are numbers' texts) or by text. */
export function alignCounts(ref: ReadonlyMap<string, number>, cur: ReadonlyMap<string, number>, numeric: boolean): AlignedCounts {
  const union = new Set([...ref.keys(), ...cur.keys()]);
  const categories = [...union].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const referenceCounts = categories.map((c) => ref.get(c) ?? 0);
  const currentCounts = categories.map((c) => cur.get(c) ?? 0);
  return {
    categories,
    reference: referenceCounts,
    current: currentCounts,
    referenceTotal: referenceCounts.reduce((a, b) => a + b, 0),
    currentTotal: currentCounts.reduce((a, b) => a + b, 0),
  };
}
