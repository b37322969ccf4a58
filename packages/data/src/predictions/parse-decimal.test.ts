import { describe, expect, it } from 'vitest';
import { parseDecimal } from './parse-decimal.ts';

describe('parseDecimal', () => {
  it('is bit-identical to Number() on plain decimals and edge cases', () => {
    const cells = ['0', '-0', '1', '007', '0.1', '0.30000000000000004', '.5', '5.', '-12.5', '123456789012345', '1234567890123456789', '0.000000000000000000000123', '1e5', '-1E-3', ' 1', '1 ', '', '-', '.', '1.2.3', 'abc', 'Infinity', '0x10', '+1'];
    let x = 7;
    for (let i = 0; i < 20000; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      cells.push(((x / 2 ** 32 - 0.5) * 10 ** (i % 8)).toFixed(i % 17));
    }
    for (const cell of cells) expect(Object.is(parseDecimal(cell), Number(cell)), cell).toBe(true);
  });
});
