import { describe, expect, it } from 'vitest';
import { NEEDS_SLOW_PATH, parseIntegerBytes, parseNumberBytes } from './parse-bytes.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const asInteger = (text: string) => parseIntegerBytes(bytes(text), 0, text.length);
const asNumber = (text: string) => parseNumberBytes(bytes(text), 0, text.length);

describe('numbers from bytes', () => {
  it('agree exactly with Number() on the fast path', () => {
    // Reference: the JS engine's correctly rounded conversion, over random decimals.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const text = `${random() < 0.3 ? '-' : ''}${Math.floor(random() * 1e6)}.${String(Math.floor(random() * 1e6)).padStart(6, '0')}${random() < 0.2 ? `e${Math.floor(random() * 30) - 15}` : ''}`;
      const fast = asNumber(text);
      expect(fast === NEEDS_SLOW_PATH ? Number(text) : fast, text).toBe(Number(text));
    }
    expect(['12', '-3', '+7', '007'].map(asInteger)).toEqual([12, -3, 7, 7]);
    expect(['1.5', '-.5', '2.', '1e-3', '6.02E23', '0.1', '0.000'].map(asNumber)).toEqual([1.5, -0.5, 2, 0.001, 6.02e23, 0.1, 0]);
  });

  it('reject what is not a number and defer what needs exact conversion', () => {
    for (const bad of ['', '-', 'x', '1.0', '1e3', ' 1']) expect(asInteger(bad), bad).toBeNaN();
    for (const bad of ['', '.', '-', '1e', '1e+', 'NaN', 'inf', '1,5', '1.2.3', '--1']) expect(asNumber(bad), bad).toBeNaN();
    expect(asInteger('12345678901234567')).toBe(NEEDS_SLOW_PATH);
    expect(asNumber('0.12345678901234567')).toBe(NEEDS_SLOW_PATH);
    expect(asNumber('1e300')).toBe(NEEDS_SLOW_PATH);
  });
});
