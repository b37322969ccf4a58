import { describe, expect, it } from 'vitest';
import { computeResamples, pairedDeltas, percentileInterval, quantile } from './bootstrap.ts';
import { drawResampleCounts } from './random.ts';
import { inResamplingOrder, resamplingOrder } from './permute.ts';
import { evaluatorFor } from './evaluators.ts';
import type { BinaryData } from './types.ts';

function binaryData(n: number, flip: number): BinaryData {
  const truth = new Uint8Array(n);
  const score = new Float64Array(n);
  const predicted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = i % 3 === 0 ? 1 : 0;
    score[i] = ((i * 7919) % 101) / 100;
    predicted[i] = (i % flip === 0) !== (truth[i] === 1) ? 1 : 0;
  }
  return { task: 'binary', truth, predicted, score, positiveLabel: '1', negativeLabel: '0', positiveSortsFirst: false };
}

describe('resample counts', () => {
  it('are the same in bytes and in 32-bit integers', () => {
    const narrow = new Uint8Array(5000);
    const wide = new Int32Array(5000);
    expect(drawResampleCounts(narrow, 9, 1)).toBe(true);
    drawResampleCounts(wide, 9, 1);
    expect(Array.from(narrow)).toEqual(Array.from(wide));
  });

  it('draw exactly n rows, reproducibly per (seed, resample)', () => {
    const a = new Int32Array(1000);
    const b = new Int32Array(1000);
    drawResampleCounts(a, 7, 3);
    drawResampleCounts(b, 7, 3);
    expect(a).toEqual(b);
    expect(a.reduce((s, c) => s + c, 0)).toBe(1000);
    drawResampleCounts(b, 7, 4);
    expect(b).not.toEqual(a);
    drawResampleCounts(b, 8, 3);
    expect(b).not.toEqual(a);
  });

  it('leave out about 1/e of the rows, as sampling with replacement does', () => {
    const counts = new Int32Array(100_000);
    drawResampleCounts(counts, 1, 0);
    const missing = counts.reduce((s, c) => s + (c === 0 ? 1 : 0), 0) / counts.length;
    expect(missing).toBeGreaterThan(0.36);
    expect(missing).toBeLessThan(0.376);
  });
});

describe('computeResamples', () => {
  it('gives the same table however the resamples are split', () => {
    const data = binaryData(300, 5);
    const [whole] = computeResamples([data], 42, 0, 20);
    const [first] = computeResamples([data], 42, 0, 7);
    const [second] = computeResamples([data], 42, 7, 20);
    expect(Float64Array.from([...first!, ...second!])).toEqual(whole);
  });
});

describe('computeResamples with slices', () => {
  it('gives a slice holding every row the whole table, and an empty slice NaN', () => {
    const data = binaryData(120, 3);
    const tables = computeResamples([data], 5, 0, 10, { codes: new Int32Array(120), count: 2 });
    expect(tables).toHaveLength(3);
    expect(tables[1]).toEqual(tables[0]);
    expect(Array.from(tables[2]!).every(Number.isNaN)).toBe(true);
  });
});

describe('percentiles', () => {
  it('interpolate linearly as numpy.percentile does', () => {
    // numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) == [1.075, 3.925]
    expect(quantile(new Float64Array([1, 2, 3, 4]), 0.025)).toBeCloseTo(1.075, 12);
    expect(percentileInterval(new Float64Array([4, 3, 1, 2]))).toEqual([expect.closeTo(1.075, 12), expect.closeTo(3.925, 12)]);
  });

  it('skip undefined resamples and give null when none is defined', () => {
    expect(percentileInterval(new Float64Array([NaN, 2, NaN, 2]))).toEqual([2, 2]);
    expect(percentileInterval(new Float64Array([NaN, NaN]))).toBeNull();
  });
});

describe('pairedDeltas', () => {
  it('reports no difference for a model compared with itself', () => {
    const data = binaryData(200, 4);
    const evaluator = evaluatorFor(data);
    const point = evaluator.compute(null);
    const [base, head] = computeResamples([data, data], 1, 0, 50);
    const deltas = pairedDeltas(evaluator.names, point, point, base!, head!, []);
    for (const name of evaluator.names) {
      expect(deltas[name]).toEqual({ delta: 0, interval: [0, 0], head_better_share: 0, within_noise: true });
    }
  });

  it('uses head minus base exactly and counts lower losses as better', () => {
    const names = ['accuracy', 'log_loss'];
    const base = new Float64Array([0.7, 0.5]);
    const head = new Float64Array([0.8, 0.4]);
    // Three resamples of both metrics, row-major.
    const baseTable = new Float64Array([0.7, 0.5, 0.72, 0.52, 0.69, 0.49]);
    const headTable = new Float64Array([0.8, 0.4, 0.71, 0.6, 0.75, 0.45]);
    const deltas = pairedDeltas(names, base, head, baseTable, headTable, []);
    expect(deltas.accuracy!.delta).toBe(0.8 - 0.7);
    expect(deltas.accuracy!.head_better_share).toBeCloseTo(2 / 3, 12);
    expect(deltas.log_loss!.delta).toBe(0.4 - 0.5);
    expect(deltas.log_loss!.head_better_share).toBeCloseTo(2 / 3, 12);
    expect(deltas.log_loss!.within_noise).toBe(true);
  });
});

describe('resampling order', () => {
  it('is found once: data already in it needs no reordering, and gives the same tables (slices too)', () => {
    const base = binaryData(600, 4);
    const head = binaryData(600, 5);
    const slices = { codes: Int32Array.from({ length: 600 }, (_, i) => (i * 13) % 3), count: 3 };
    const ordered = inResamplingOrder([base, head], slices);
    expect(resamplingOrder(base)).not.toBeNull();
    expect(resamplingOrder(ordered.datasets[0]!)).toBeNull();
    const direct = computeResamples([base, head], 11, 0, 40, slices);
    const viaOrdered = computeResamples(ordered.datasets, 11, 0, 40, ordered.slices);
    expect(viaOrdered.map((t) => Array.from(t))).toEqual(direct.map((t) => Array.from(t)));
  });

  it('orders regression rows by absolute error, and leaves ordered rows alone', () => {
    const truth = Float64Array.from([1, 2, 3, 4]);
    const predicted = Float64Array.from([1.5, 2, 6, 3.9]);
    expect(Array.from(resamplingOrder({ task: 'regression', truth, predicted })!)).toEqual([1, 3, 0, 2]);
    const ordered = inResamplingOrder([{ task: 'regression', truth, predicted }]).datasets[0]!;
    expect(resamplingOrder(ordered)).toBeNull();
  });
});
