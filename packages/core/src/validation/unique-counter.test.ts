import { describe, expect, it } from 'vitest';
import { UniqueCounter, numberKey } from './unique-counter.ts';

/** Reference: a Map of value -> [count, first row]; duplicate rows = sum of counts above 1. */
function reference(values: number[]) {
  const map = new Map<number, [number, number]>();
  values.forEach((v, i) => {
    const entry = map.get(v);
    if (entry) entry[0]++;
    else map.set(v, [1, i + 1]);
  });
  let duplicates = 0;
  for (const [count] of map.values()) if (count > 1) duplicates += count;
  return { map, duplicates };
}

function lcg(seed: number) {
  let x = seed;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('UniqueCounter', () => {
  const cases: [string, number[]][] = [];
  const random = lcg(7);
  cases.push(['dense ids with repeats', Array.from({ length: 200_000 }, (_, i) => (i % 5000 === 0 ? i - 7 : i + 1))]);
  cases.push(['ids descending below the first value', Array.from({ length: 50_000 }, (_, i) => 1_000_000 - i * 3)]);
  cases.push(['sparse values (falls back to hashing midway)', Array.from({ length: 50_000 }, (_, i) => (i < 20_000 ? i : Math.floor(random() * 1e12)))]);
  cases.push(['a value repeated 300 times (count past 255)', Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 42 : i))]);
  cases.push(['fractions and integers', Array.from({ length: 10_000 }, (_, i) => (i % 2 ? i / 4 : i % 777))]);

  for (const [name, values] of cases) {
    it(`${name}: exact duplicate rows, counts and first rows, also when merged from two halves`, () => {
      const expected = reference(values);
      const whole = new UniqueCounter();
      values.forEach((v, i) => whole.addInteger(v, i + 1));
      expect(whole.duplicateRows()).toBe(expected.duplicates);

      const half = Math.floor(values.length / 2);
      const first = new UniqueCounter();
      const second = new UniqueCounter();
      values.slice(0, half).forEach((v, i) => first.addInteger(v, i + 1));
      values.slice(half).forEach((v, i) => second.addInteger(v, i + 1));
      first.merge(UniqueCounter.fromSnapshot(second.snapshot()), half);
      expect(first.duplicateRows()).toBe(expected.duplicates);

      const key = new Int32Array(2);
      for (const [value, [count, firstRow]] of [...expected.map].slice(0, 2000)) {
        numberKey(value, key);
        expect(first.count(key[0]!, key[1]!), `count of ${value}`).toBe(count);
        expect(first.addInteger(value, 0, 1), `count of ${value} after one more`).toBe(count + 1);
        expect(first.firstRow, `first row of ${value}`).toBe(firstRow);
      }
    });

    it(`${name}: merged into an empty counter, part by part, as the coordinating thread does`, () => {
      // Parts [0, a), [a, b), [b, n): each counted from row 1, then merged with its row offset.
      const a = Math.floor(values.length / 3);
      const b = 2 * a;
      const part = (from: number, to: number) => {
        const counter = new UniqueCounter();
        values.slice(from, to).forEach((v, i) => counter.addInteger(v, i + 1));
        return UniqueCounter.fromSnapshot(counter.snapshot());
      };
      // Starting with the second part, so that the empty counter takes it over with an offset.
      const tail = new UniqueCounter();
      tail.merge(part(a, b), a);
      tail.merge(part(b, values.length), b);
      const all = new UniqueCounter();
      all.merge(part(0, a), 0);
      all.merge(part(a, b), a);
      all.merge(part(b, values.length), b);
      const expectedAll = reference(values);
      expect(all.duplicateRows()).toBe(expectedAll.duplicates);
      const key = new Int32Array(2);
      for (const [value, [count]] of expectedAll.map) {
        numberKey(value, key);
        if (all.count(key[0]!, key[1]!) !== count) expect(all.count(key[0]!, key[1]!), `count of ${value}`).toBe(count);
      }
      const expectedTail = reference(values.slice(a));
      expect(tail.duplicateRows()).toBe(expectedTail.duplicates);
      for (const [value, [count, firstRow]] of [...expectedTail.map].slice(0, 2000)) {
        numberKey(value, key);
        expect(tail.count(key[0]!, key[1]!), `count of ${value}`).toBe(count);
        expect(tail.addInteger(value, 0, 1), `count of ${value} after one more`).toBe(count + 1);
        expect(tail.firstRow, `first row of ${value}`).toBe(firstRow + a);
      }
    });
  }

  it('merges a counter that itself holds ranges kept apart, losing none of them', () => {
    const part = (from: number, to: number) => {
      const counter = new UniqueCounter();
      for (let v = from; v < to; v++) counter.addInteger(v, v - from + 1);
      return counter;
    };
    const inner = new UniqueCounter();
    inner.merge(part(0, 1000), 0);
    inner.merge(part(5000, 6000), 1000); // disjoint: kept apart inside `inner`
    const outer = part(5500, 5600); // shares 100 values with inner's second range
    outer.merge(inner, 100);
    expect(outer.duplicateRows()).toBe(200);
    const key = new Int32Array(2);
    numberKey(5999, key);
    expect(outer.count(key[0]!, key[1]!)).toBe(1);
    numberKey(5550, key);
    expect(outer.count(key[0]!, key[1]!)).toBe(2);
  });
});

