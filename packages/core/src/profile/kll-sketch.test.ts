import { describe, expect, it } from 'vitest';
import { seededRandom } from '@modelgate/test-utils';
import { KllSketch, normalizedRankError, uniformRankError } from './kll-sketch.ts';

// A seeded mix of shapes: normal, exponential tail, ties.
function values(n: number, seed = 1): Float64Array {
  const next = seededRandom(seed);
  return Float64Array.from({ length: n }, (_, i) => {
    if (i % 10 === 0) return Math.floor(next() * 5); // ties
    if (i % 3 === 0) return -Math.log(next() + 1e-12) * 3; // skewed
    return Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  });
}

/** Largest |sketch CDF - exact CDF| over every distinct value. */
function maxRankError(sketch: KllSketch, data: Float64Array): number {
  const sorted = data.slice().sort();
  let worst = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i + 1 < sorted.length && sorted[i + 1] === sorted[i]) continue;
    worst = Math.max(worst, Math.abs(sketch.cdf(sorted[i]!) - (i + 1) / sorted.length));
  }
  return worst;
}

describe('KLL sketch', () => {
  it('is exact until it compacts, with numpy\'s linear quantiles', () => {
    const sketch = new KllSketch(64);
    for (const value of [5, 1, 3, 2, 4]) sketch.add(value);
    expect(sketch.exact).toBe(true);
    expect(sketch.rankError).toBe(0);
    expect([0, 0.25, 0.5, 0.9, 1].map((q) => sketch.quantile(q))).toEqual([1, 2, 3, 4.6, 5]);
    expect(sketch.cdf(3)).toBe(0.6);
    expect(sketch.cdf(0)).toBe(0);
  });

  it('keeps ~3k items and the rank error of every value within the stated uniform bound, on 1M values', () => {
    const data = values(1_000_000);
    const sketch = new KllSketch(1024);
    for (const value of data) sketch.add(value);
    expect(sketch.exact).toBe(false);
    expect(sketch.count).toBe(1_000_000);
    expect(sketch.retained).toBeLessThan(3 * 1024 + 16);
    expect(maxRankError(sketch, data)).toBeLessThan(uniformRankError(1024));
    expect(sketch.uniformError).toBe(uniformRankError(1024));
    const sorted = data.slice().sort();
    expect([sketch.min, sketch.max]).toEqual([sorted[0], sorted.at(-1)]);
    expect(JSON.stringify(sketch.toJSON()).length).toBeLessThan(40_000);
  });

  it('merges across parts within the bound; merge order of two sketches does not matter; state round-trips', () => {
    const data = values(400_000, 7);
    const parts = [0, 1, 2, 3].map((part) => {
      const sketch = new KllSketch(200);
      for (let i = part; i < data.length; i += 4) sketch.add(data[i]!);
      return sketch;
    });
    const whole = KllSketch.fromJSON(parts[0]!.toJSON());
    for (const part of parts.slice(1)) whole.merge(part);
    expect(whole.count).toBe(data.length);
    expect(maxRankError(whole, data)).toBeLessThan(uniformRankError(200));
    const ab = KllSketch.fromJSON(parts[0]!.toJSON());
    ab.merge(parts[1]!);
    const ba = KllSketch.fromJSON(parts[1]!.toJSON());
    ba.merge(parts[0]!);
    expect(ba.toJSON()).toEqual(ab.toJSON());
    expect(KllSketch.fromJSON(JSON.parse(JSON.stringify(whole.toJSON()))).toJSON()).toEqual(whole.toJSON());
  });

  it('states its errors as DataSketches calibrates them, and refuses a corrupt state', () => {
    expect(normalizedRankError(200)).toBeCloseTo(0.0133, 4);
    expect(uniformRankError(200)).toBeCloseTo(0.0165, 4);
    const state = new KllSketch(64).toJSON();
    expect(() => KllSketch.fromJSON({ ...state, count: 3 })).toThrow('KLL state holds weight 0 for a count of 3');
    expect(() => new KllSketch(4)).toThrow('KLL k must be an integer from 8 to 65535, got 4');
  });
});
