import { expect, it } from 'vitest';
import { formatDistinct, formatInterval, formatNumber, formatPercent, formatSigned } from './format.ts';

it('formats numbers with 4 significant digits, integers whole, tiny and huge ones in exponent form', () => {
  expect(formatNumber(0.912345)).toBe('0.9123');
  expect(formatNumber(123.456)).toBe('123.5');
  expect(formatNumber(42)).toBe('42');
  expect(formatNumber(0.00001234)).toBe('1.234e-5');
  expect(formatNumber(0.5, 3)).toBe('0.500');
});

it('adds digits until two values differ, plus one so rounding does not distort the gap', () => {
  expect(formatDistinct([0.912341, 0.912347])).toEqual(['0.912341', '0.912347']);
  expect(formatDistinct([0.8, 0.84])).toEqual(['0.8', '0.84']);
});

it('formats signed changes, percentages and intervals', () => {
  expect(formatSigned(0.0123)).toBe('+0.0123');
  expect(formatSigned(-1.5)).toBe('-1.5');
  expect(formatPercent(0.09999999999999995, true)).toBe('+10.0%');
  expect(formatPercent(-0.0233)).toBe('-2.33%');
  expect(formatInterval([0.0106, 0.02761], true)).toBe('[+0.01060, +0.02761]');
  expect(formatInterval([0.8231, 0.8455])).toBe('[0.8231, 0.8455]');
});
