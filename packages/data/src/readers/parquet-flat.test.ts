import { describe, expect, it } from 'vitest';
import { DictionaryValues, PlainText } from './parquet-flat.ts';

/** A PLAIN byte-array page: each value as a 4-byte little-endian length, then its bytes. */
function plainPage(prefix: number[], values: number[][]): Uint8Array {
  const bytes = [...prefix];
  for (const value of values) bytes.push(value.length & 0xff, (value.length >> 8) & 0xff, 0, 0, ...value);
  return Uint8Array.from(bytes);
}

describe('PlainText', () => {
  it('reads each length-prefixed value after the levels, as UTF-8', () => {
    const utf8 = (text: string) => [...new TextEncoder().encode(text)];
    // Two bytes of (pretend) definition levels come first; "é" is two bytes; 0xff is not UTF-8.
    const page = plainPage([9, 9], [utf8('ab'), [], utf8('é'), [0x61, 0xff]]);
    const text = new PlainText(page, 2, 4);
    expect(text.length).toBe(4);
    expect([text.at(0), text.at(1), text.at(2), text.at(3)]).toEqual(['ab', '', 'é', 'a\uFFFD']);
    expect(text.toArray()).toEqual(['ab', '', 'é', 'a\uFFFD']);
  });

  it('rejects a length that runs past the page', () => {
    const page = Uint8Array.from([5, 0, 0, 0, 0x61]);
    expect(() => new PlainText(page, 0, 1)).toThrow('parquet page ends inside a string value');
  });
});

describe('DictionaryValues', () => {
  it('looks each value up in the dictionary when visited', () => {
    const values = new DictionaryValues(Int32Array.of(2, 0, 2, 1), ['a', 'b', 'c']);
    expect(values.length).toBe(4);
    expect(values.at(0)).toBe('c');
    expect(values.toArray()).toEqual(['c', 'a', 'c', 'b']);
  });
});
