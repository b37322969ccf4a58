import { describe, expect, it } from 'vitest';
import { formatCount } from './format.ts';

describe('formatCount', () => {
  it('writes counts as toLocaleString("en-US") does', () => {
    const samples = [0, -0, 7, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 2_000_000, 123_456_789, -1, -1234, -1_000_000, Number.MAX_SAFE_INTEGER, 1.5, 1234.5678, 1e21];
    for (const n of samples) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
