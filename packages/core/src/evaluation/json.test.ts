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
});
