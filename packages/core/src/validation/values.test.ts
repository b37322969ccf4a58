import { describe, expect, it } from 'vitest';
import { codePointLength, isCalendarDate, parseBooleanText, parseDate, parseDatetime, parseIntegerText, parseNumberText } from './values.ts';

describe('value rules', () => {
  it('datetimes in years 0-99 keep their year (Date.UTC would read 0099 as 1999)', () => {
    // Reference: the ISO string parser of Date, which does not remap two-digit years.
    for (const text of ['0099-06-01T00:00', '0000-01-01T12:30:15', '0050-02-28T23:59:59.5', '0004-02-29T00:00']) {
      expect(parseDatetime(text)).toBe(new Date(`${text}Z`).getTime());
    }
    expect(parseDatetime('0099-06-01T00:00')).toBeLessThan(parseDatetime('1950-01-01T00:00'));
  });

  it('integers and numbers', () => {
    expect(['12', '-3', '+7', '007'].map(parseIntegerText)).toEqual([12, -3, 7, 7]);
    expect(['1.0', '1e3', '', ' 1', 'x'].map(parseIntegerText).every(Number.isNaN)).toBe(true);
    expect(['1.5', '-.5', '2.', '1e-3', '6.02E23'].map(parseNumberText)).toEqual([1.5, -0.5, 2, 0.001, 6.02e23]);
    expect(['NaN', 'inf', '1e999', '1,5', '--1', '.'].map(parseNumberText).every(Number.isNaN)).toBe(true);
  });

  it('booleans', () => {
    expect(['true', 'FALSE', 'True', '1', '0', 'yes', ''].map(parseBooleanText)).toEqual([1, 0, 1, 1, 0, -1, -1]);
  });

  it('dates must exist on the calendar', () => {
    expect(['2024-02-29', '2000-02-29', '2023-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-1-01', '2023-01-01T00:00'].some(isCalendarDate)).toBe(false);
  });

  it('datetimes with and without offsets', () => {
    expect(parseDatetime('2024-01-31T12:00:00Z')).toBe(Date.UTC(2024, 0, 31, 12));
    expect(parseDatetime('2024-01-31T12:00:00+05:30')).toBe(Date.UTC(2024, 0, 31, 6, 30));
    expect(parseDatetime('2024-01-31 12:00')).toBe(Date.UTC(2024, 0, 31, 12));
    expect(parseDatetime('2024-01-31T12:00:00.250-0100')).toBe(Date.UTC(2024, 0, 31, 13, 0, 0, 250));
    for (const bad of ['2024-01-31', '2024-02-30T00:00', '2024-01-31T24:00', '2024-01-31T12:60', '2024-01-31T12:00+25:00', 'yesterday']) {
      expect(parseDatetime(bad), bad).toBeNaN();
    }
  });

  it('length counts code points', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀😀')).toBe(2);
    expect(codePointLength('é')).toBe(1);
  });
});

describe('parseDate', () => {
  it('agrees with Date.UTC on every day from 1600 to 2400', () => {
    for (let ms = Date.UTC(1600, 0, 1); ms <= Date.UTC(2400, 0, 1); ms += 86_400_000) {
      const text = new Date(ms).toISOString().slice(0, 10);
      if (parseDate(text) !== ms) throw new Error(`${text}: ${parseDate(text)} !== ${ms}`);
    }
    expect(['2024-1-01', '2024-01-0a', '+024-01-01', '2024/01/01'].map(parseDate).every(Number.isNaN)).toBe(true);
  });
});
