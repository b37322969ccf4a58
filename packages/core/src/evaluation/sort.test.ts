import { describe, expect, it } from 'vitest';
import { argsort, argsortWithTies } from './sort.ts';

function seeded(n: number): Float64Array {
  // Mixed signs, exact ties, -0 and +0, tiny and huge magnitudes.
  const pool = [0, -0, 1, -1, 0.5, 0.5000000000000001, 1e-300, -1e-300, 1e300, -1e300, 0.1, 0.2, 0.30000000000000004, 0.3];
  const values = new Float64Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    values[i] = i % 3 === 0 ? pool[x % pool.length]! : (x / 2 ** 32 - 0.5) * 10 ** ((x % 9) - 4);
  }
  return values;
}

describe('argsort', () => {
  it('orders by decreasing value like a comparator sort', () => {
    const values = seeded(5000);
    const order = argsort(values);
    const expected = Array.from(values).sort((a, b) => b - a);
    expect(Array.from(order, (i) => values[i]! + 0)).toEqual(expected.map((v) => v + 0));
    expect(new Set(order).size).toBe(values.length);
  });

  it('orders by increasing value when asked', () => {
    const values = seeded(777);
    const order = argsort(values, { ascending: true });
    expect(Array.from(order, (i) => values[i]! + 0)).toEqual(Array.from(values).sort((a, b) => a - b).map((v) => v + 0));
  });

  it('marks the end of each run of equal values, -0 equal to +0', () => {
    const values = new Float64Array([0.5, -0, 0.9, 0, 0.5, 0.5]);
    expect(Array.from(argsortWithTies(values).groupEnds)).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('is stable, so rows already in order (the fast path) come back as they are, with the same tie groups', () => {
    const values = seeded(3000);
    const sorted = argsortWithTies(values);
    const inOrder = Float64Array.from(sorted.order, (i) => values[i]!);
    // Stable: tied rows keep their input order.
    for (let k = 1; k < sorted.order.length; k++) {
      if (values[sorted.order[k]!] === values[sorted.order[k - 1]!]) expect(sorted.order[k]!).toBeGreaterThan(sorted.order[k - 1]!);
    }
    const again = argsortWithTies(inOrder);
    expect(Array.from(again.order)).toEqual(Array.from({ length: values.length }, (_, i) => i));
    expect(Array.from(again.groupEnds)).toEqual(Array.from(sorted.groupEnds));
    const ascending = Float64Array.from(inOrder).reverse();
    expect(Array.from(argsort(ascending, { ascending: true }))).toEqual(Array.from({ length: values.length }, (_, i) => i));
  });

  it('handles empty input', () => {
    expect(argsort(new Float64Array(0)).length).toBe(0);
  });
});
