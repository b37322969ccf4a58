import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './sort.ts';

function sample(n: number, seed: number): Float64Array {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const specials = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.1];
  return Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? specials[i % specials.length]! : i % 3 === 0 ? Math.floor(next() * 20) - 10 : (next() - 0.5) * 10 ** Math.floor(next() * 20 - 10)));
}

describe('sortFloat64', () => {
  it('orders like Float64Array.prototype.sort, -0 before +0: built-in, 11-bit and 16-bit radix sizes', () => {
    for (const n of [0, 1, 5, 1023, 1024, 4096, 50_000, 65_535, 65_536, 70_000]) {
      const values = sample(n, n + 1);
      const expected = values.slice().sort();
      sortFloat64(values);
      expect(values.length).toBe(n);
      for (let i = 0; i < n; i++) expect(Object.is(values[i], expected[i]), `${n}: index ${i}: ${values[i]} vs ${expected[i]}`).toBe(true);
    }
  });

  it('orders values that differ only in their low 32 bits, in short runs and in one long run', () => {
    for (const n of [4096, 70_000]) {
      let x = n;
      const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
      // Long run: every value in [1, 1 + 2^-21) shares its high word. Short runs: a few neighbours
      // of each of many values, some negative, some repeated.
      const long = Float64Array.from({ length: n }, () => 1 + next() * 2 ** -21);
      const short = Float64Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * (Math.floor(next() * 500) + 1 + Math.floor(next() * 12) * 2 ** -40));
      for (const values of [long, short]) {
        const expected = values.slice().sort();
        sortFloat64(values);
        expect(Array.from(values)).toEqual(Array.from(expected));
      }
    }
  });

  it('sorts a view in place and can reuse a scratch buffer', () => {
    const backing = sample(30_000, 9);
    const view = backing.subarray(1000, 21_000);
    const outside = [backing[999], backing[21_000]];
    const expected = view.slice().sort();
    const scratch = new Uint32Array(2 * 30_000);
    sortFloat64(view, scratch);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect([backing[999], backing[21_000]]).toEqual(outside);
    const again = sample(20_000, 10);
    sortFloat64(again, scratch);
    expect(Array.from(again)).toEqual(Array.from(again.slice().sort()));
  });
});
