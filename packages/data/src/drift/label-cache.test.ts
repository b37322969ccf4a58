import { describe, expect, it } from 'vitest';
import { LabelCache, MISSING } from './label-cache.ts';

const label = (text: string) => Buffer.from(text, 'latin1');

describe('LabelCache', () => {
  it('tells labels apart by every byte and by length, across growth', () => {
    const cache = new LabelCache(1 << 16);
    const labels = ['a', 'b', 'ab', 'ba', 'a\0', '\0a', 'abcd', 'abcde', 'abcdef', 'abcdeg', 'bbcdef', 'free', 'basic'];
    for (let i = 0; i < 500; i++) labels.push(`x${i}`);
    labels.forEach((text, slot) => cache.set(label(text), 0, text.length, slot));
    expect(cache.size).toBe(labels.length);
    labels.forEach((text, slot) => expect(cache.get(label(text), 0, text.length), text).toBe(slot));
    expect(cache.get(label('abcdeh'), 0, 6)).toBe(MISSING);
    // Read in place, from the middle of a buffer.
    expect(cache.get(label('..basic..'), 2, 5)).toBe(labels.indexOf('basic'));
  });

  it('overwrites a label set again, and starts afresh past its limit', () => {
    const cache = new LabelCache(4);
    for (const [i, text] of ['p', 'q', 'r'].entries()) cache.set(label(text), 0, 1, i);
    cache.set(label('q'), 0, 1, 9);
    expect([cache.size, cache.get(label('q'), 0, 1)]).toEqual([3, 9]);
    cache.set(label('s'), 0, 1, 3);
    cache.set(label('t'), 0, 1, 4);
    expect(cache.size).toBe(1);
    expect(cache.get(label('p'), 0, 1)).toBe(MISSING);
    expect(cache.get(label('t'), 0, 1)).toBe(4);
  });
});
