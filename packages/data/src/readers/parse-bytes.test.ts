import { describe, expect, it } from 'vitest';
import { NEEDS_SLOW_PATH, parseIntegerBytes, parseNumberBytes, scanPlainNumber } from './parse-bytes.ts';

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

  it('scan a plain number where the bytes start: the same double as parseNumberBytes, NaN for what it defers', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const out = new Float64Array(1);
    for (let i = 0; i < 20_000; i++) {
      const digits = String(Math.floor(random() * 10 ** Math.floor(random() * 17)));
      const point = Math.floor(random() * (digits.length + 1));
      const text = `${['', '-', '+'][Math.floor(random() * 3)]}${digits.slice(0, point)}${random() < 0.8 ? '.' : ''}${digits.slice(point)}`;
      const end = scanPlainNumber(bytes(text), 0, text.length, out, 0);
      const expected = asNumber(text);
      expect(end, text).toBe(text.length);
      if (Number.isFinite(expected) && text.replace(/[^0-9]/g, '').length <= 15) expect(Object.is(out[0], expected), text).toBe(true);
      else expect(out[0], text).toBeNaN();
    }
    // It stops at the first byte that cannot continue the number; the caller checks the field ends there.
    const stops = (text: string) => [scanPlainNumber(bytes(text), 0, text.length, out, 0), out[0]];
    expect(stops('12,3')).toEqual([2, 12]);
    expect(stops('1e3')).toEqual([1, 1]);
    expect(stops('-0.50\r\n')).toEqual([5, -0.5]);
    expect(stops('')).toEqual([0, NaN]);
    expect(stops('-')).toEqual([1, NaN]);
    expect(stops('.')).toEqual([1, NaN]);
    expect(stops('x1')).toEqual([0, NaN]);
    expect(stops('1234567890123456')).toEqual([16, NaN]);
  });
});

