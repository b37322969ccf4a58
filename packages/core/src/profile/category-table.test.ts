import { describe, expect, it } from 'vitest';
import { CategoryTable, POOLED, categoryOrderKey, compareCategoryKeys } from './category-table.ts';
import { HyperLogLog } from './hyperloglog.ts';

function counted(texts: string[], cap: number): CategoryTable {
  const table = new CategoryTable(cap);
  for (const text of texts) table.add(text);
  return table;
}

describe('CategoryTable', () => {
  const texts = Array.from({ length: 5000 }, (_, i) => `c${(i * 7919) % 600}`);

  it('keeps the cap categories of smallest hash with their whole counts, and pools the rest', () => {
    const table = counted(texts, 50);
    const counts = new Map<string, number>();
    for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
    const expected = [...counts.keys()].sort((a, b) => compareCategoryKeys(categoryOrderKey(a), categoryOrderKey(b))).slice(0, 50);
    expect(table.entries().map(([text]) => text)).toEqual([...expected].sort());
    for (const [text, count] of table.entries()) expect(count).toBe(counts.get(text));
    expect(table.pooled).toBe(5000 - table.entries().reduce((sum, [, n]) => sum + n, 0));
    expect(table.truncated).toBe(true);
    expect(table.cutoff()?.text).toBe(expected.at(-1));
    expect(counted(texts.slice(0, 10), 50).cutoff()).toBeNull();
  });

  it('merges to the same table in any order and grouping, equal to one table of everything', () => {
    const parts = [texts.slice(0, 1200), texts.slice(1200, 3100), texts.slice(3100)].map((part) => counted(part, 50));
    const merge = (...tables: CategoryTable[]) => {
      const out = new CategoryTable(50);
      for (const table of tables) out.merge(table);
      return out;
    };
    const whole = counted(texts, 50);
    for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
      const table = merge(...order.map((i) => parts[i]!));
      expect([table.entries(), table.pooled, table.truncated]).toEqual([whole.entries(), whole.pooled, whole.truncated]);
    }
    const nested = merge(parts[0]!, merge(parts[1]!, parts[2]!));
    expect(nested.entries()).toEqual(whole.entries());
  });

  it('hands out slots to count through, POOLED for a category it does not keep, and counts every category it sees as distinct', () => {
    const distinct = new HyperLogLog();
    const table = new CategoryTable(2, distinct);
    const texts = ['a', 'b', 'c', 'd', 'e'];
    let generation = table.generation;
    for (const text of texts) {
      const slot = table.slot(text);
      // A slot given to a new category while full means another one was pooled: caches must go.
      if (slot !== POOLED && table.texts.length === 2 && table.generation === generation && texts.indexOf(text) >= 2) throw new Error('a full table reused a slot without a new generation');
      generation = table.generation;
      if (slot === POOLED) table.pooled++;
      else table.counts[slot]!++;
    }
    const kept = [...texts].sort((a, b) => compareCategoryKeys(categoryOrderKey(a), categoryOrderKey(b))).slice(0, 2).sort();
    expect(table.entries()).toEqual(kept.map((text) => [text, 1]));
    expect(table.pooled).toBe(3);
    expect(distinct.estimate()).toBe(5);
  });
});
