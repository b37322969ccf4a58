import { describe, expect, it } from 'vitest';
import { formatResultJson } from './json.ts';

describe('formatResultJson', () => {
  it('keeps number arrays on one line and round-trips', () => {
    const value = { intervals: { auc: [0.1, 1e-7], f1: null }, matrix: [[1, 2], [3, 4]], labels: ['[a]', 'b'] };
    const text = formatResultJson(value);
    expect(text).toContain('"auc": [0.1, 1e-7]');
    expect(text).toContain('[1, 2],');
    expect(text).toContain('"labels": [\n    "[a]",\n    "b"\n  ]');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('never changes a string that looks like a number array', () => {
    const value = { slices: { '[1,2]': { rows: 3 } }, warnings: ['values [1,2, 3] and [ -1 ,null]'], labels: ['[0]'] };
    const text = formatResultJson(value);
    expect(text).toContain('"[1,2]": {');
    expect(text).toContain('"values [1,2, 3] and [ -1 ,null]"');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('writes what JSON.stringify(value, null, 2) writes when there is no number array', () => {
    const value = { a: 'x', b: [{ c: true, d: undefined }, 'y', []], e: {}, f: -0, g: NaN, h: undefined };
    expect(formatResultJson(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
