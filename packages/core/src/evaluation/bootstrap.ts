import { lowerIsBetter } from './direction.ts';
import { drawResampleCounts } from './random.ts';
import { permuteData, resamplingOrder } from './permute.ts';
import { evaluatorFor } from './evaluators.ts';
import type { EvaluationData, RowWeights } from './types.ts';

/** Bootstrap settings recorded in the output: resample count and seed (same seed, same intervals). */
export interface BootstrapSettings {
  n: number;
  seed: number;
}

export const CONFIDENCE = 0.95;

/** Rows grouped for per-slice intervals: `codes[i]` is row i's slice, 0 <= code < count. */
export interface ResampleSlices {
  codes: Int32Array;
  count: number;
}

/**
 * Metric values of resamples [from, to) for each dataset (row-major: resample x metric; NaN when
 * undefined in that resample), then, with `slices`, one table per slice and dataset, slice by
 * slice (the resample's counts restricted to the slice's rows). Every dataset sees the same counts,
 * which makes the comparison of two models paired; datasets must be row-aligned. Rows are first
 * put in the first dataset's resampling order, a deterministic function of the data, so any split
 * of [0, n) across workers gives the same tables. Memory is one count vector (plus one per slice)
 * whatever the number of resamples.
 */
export function computeResamples(datasets: readonly EvaluationData[], seed: number, from: number, to: number, slices?: ResampleSlices): Float64Array[] {
  const order = resamplingOrder(datasets[0]!);
  const evaluators = datasets.map((data) => evaluatorFor(order ? permuteData(data, order) : data));
  const rows = evaluators[0]!.rows;
  const sliceCodes = slices && order ? Int32Array.from(order, (i) => slices.codes[i]!) : slices?.codes;
  const sliceRows = slices ? rowsBySlice(sliceCodes!, slices.count) : [];
  // One zeroed weight vector per count width, reused by every slice of every resample: a slice's
  // rows are set from the resample's counts, evaluated, then zeroed again (work in the slice's size).
  let sliceWeights8: Uint8Array | undefined;
  let sliceWeights32: Int32Array | undefined;
  const counts = new Uint8Array(rows);
  let wideCounts: Int32Array | undefined;
  // Tables: each dataset's, then slice 0 of each dataset, slice 1 of each dataset, ...
  const width = (t: number) => evaluators[t % evaluators.length]!.names.length;
  const tableCount = evaluators.length * (1 + (slices?.count ?? 0));
  const results = Array.from({ length: tableCount }, (_, e) => new Float64Array((to - from) * width(e)));
  for (let b = from; b < to; b++) {
    let weights: RowWeights = counts;
    if (!drawResampleCounts(counts, seed, b)) {
      wideCounts ??= new Int32Array(rows);
      drawResampleCounts(wideCounts, seed, b);
      weights = wideCounts;
    }
    evaluators.forEach((evaluator, e) => results[e]!.set(evaluator.compute(weights), (b - from) * evaluator.names.length));
    if (slices) {
      const sliceWeights = weights instanceof Uint8Array ? (sliceWeights8 ??= new Uint8Array(rows)) : (sliceWeights32 ??= new Int32Array(rows));
      sliceRows.forEach((members, s) => {
        for (let k = 0; k < members.length; k++) sliceWeights[members[k]!] = weights[members[k]!]!;
        evaluators.forEach((evaluator, e) => results[evaluators.length * (1 + s) + e]!.set(evaluator.compute(sliceWeights), (b - from) * evaluator.names.length));
        for (let k = 0; k < members.length; k++) sliceWeights[members[k]!] = 0;
      });
    }
  }
  return results;
}

/** The rows of each slice, ascending. */
function rowsBySlice(codes: Int32Array, count: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]!]!++;
  const rows = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(count);
  for (let i = 0; i < codes.length; i++) rows[codes[i]!]![filled[codes[i]!]!++] = i;
  return rows;
}

/** The value at quantile q of ascending `sorted`, interpolated linearly as numpy.percentile does. */
export function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const fraction = position - below;
  const a = sorted[below]!;
  if (fraction === 0 || below + 1 >= sorted.length) return a;
  return a + (sorted[below + 1]! - a) * fraction;
}

/** Central percentile interval of the defined values; null when no resample defines the metric. */
export function percentileInterval(values: Float64Array): [number, number] | null {
  const defined = values.filter((v) => !Number.isNaN(v)).sort();
  if (defined.length === 0) return null;
  const tail = (1 - CONFIDENCE) / 2;
  return [quantile(defined, tail), quantile(defined, 1 - tail)];
}

/** Column `metric` of a row-major resample x metric table. */
export function metricColumn(table: Float64Array, metricCount: number, metric: number): Float64Array {
  const resamples = table.length / metricCount;
  const column = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) column[b] = table[b * metricCount + metric]!;
  return column;
}

/** 95% percentile intervals per metric, with a warning for metrics some resamples leave undefined. */
export function bootstrapIntervals(names: readonly string[], table: Float64Array, warnings: string[]): Record<string, [number, number] | null> {
  const intervals: Record<string, [number, number] | null> = {};
  names.forEach((name, m) => {
    const column = metricColumn(table, names.length, m);
    const undefinedCount = column.reduce((count, v) => count + (Number.isNaN(v) ? 1 : 0), 0);
    intervals[name] = percentileInterval(column);
    if (undefinedCount > 0) {
      warnings.push(
        intervals[name]
          ? `${name}: undefined in ${undefinedCount} of ${column.length} resamples; its interval uses the other ${column.length - undefinedCount}`
          : `${name}: undefined in every resample; interval set to null`,
      );
    }
  });
  return intervals;
}

export interface MetricDelta {
  /** head minus base, exactly the difference of the two point estimates; null when either is undefined. */
  delta: number | null;
  /** 95% paired-bootstrap percentile interval of head minus base. */
  interval: [number, number] | null;
  /** Share of resamples where head is strictly better than base (lower for losses and errors). */
  head_better_share: number | null;
  /** The interval contains 0: the difference is within resampling noise. */
  within_noise: boolean | null;
}

/** Per-metric paired deltas from the base and head resample tables (same counts in each resample). */
export function pairedDeltas(
  names: readonly string[],
  basePoint: Float64Array,
  headPoint: Float64Array,
  baseTable: Float64Array,
  headTable: Float64Array,
  warnings: string[],
): Record<string, MetricDelta> {
  const deltas: Record<string, MetricDelta> = {};
  names.forEach((name, m) => {
    const base = metricColumn(baseTable, names.length, m);
    const head = metricColumn(headTable, names.length, m);
    const differences = new Float64Array(base.length);
    let better = 0;
    let defined = 0;
    for (let b = 0; b < base.length; b++) {
      differences[b] = head[b]! - base[b]!;
      if (Number.isNaN(differences[b]!)) continue;
      defined++;
      if (lowerIsBetter(name) ? differences[b]! < 0 : differences[b]! > 0) better++;
    }
    const point = headPoint[m]! - basePoint[m]!;
    const interval = percentileInterval(differences);
    if (defined < base.length) {
      warnings.push(`${name}: undefined in ${base.length - defined} of ${base.length} paired resamples${defined > 0 ? `; its interval uses the other ${defined}` : ''}`);
    }
    deltas[name] = {
      delta: Number.isNaN(point) ? null : point,
      interval,
      head_better_share: defined > 0 ? better / defined : null,
      within_noise: interval ? interval[0] <= 0 && interval[1] >= 0 : null,
    };
  });
  return deltas;
}
