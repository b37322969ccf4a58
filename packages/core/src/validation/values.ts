// Text-to-value rules shared by the validator and schema inference. CSV gives text; these decide
// what counts as an integer, a number, a boolean, a date or a datetime.

const integerText = /^[+-]?\d+$/;
const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const datetimeText = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The integer written in `text` (optional sign, digits only), or NaN. */
export function parseIntegerText(text: string): number {
  return integerText.test(text) ? Number(text) : NaN;
}

/**
 * Canonical digits of an integer (`-12`, never `+012`): what `unique` keys integers beyond 2^53 by,
 * since a double cannot tell them apart. A double is taken as the exact integer it holds, so the
 * JSON numbers 1e20 and 100000000000000000000 give the same digits.
 */
export function integerDigits(cell: string | bigint | number): string {
  if (typeof cell === 'bigint' || typeof cell === 'number') return BigInt(cell).toString();
  const digits = cell.replace(/^[+-]?0*/, '');
  return digits === '' ? '0' : cell[0] === '-' ? `-${digits}` : digits;
}

/** A finite decimal number (`1`, `-2.5`, `.5`, `1e-3`), or NaN. `NaN` and `inf` are not numbers here. */
export function parseNumberText(text: string): number {
  if (!numberText.test(text)) return NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/** `true`/`false` in any case, or `1`/`0`: 1 for true, 0 for false, -1 otherwise. */
export function parseBooleanText(text: string): number {
  switch (text.length) {
    case 1:
      return text === '1' ? 1 : text === '0' ? 0 : -1;
    case 4:
      return text.toLowerCase() === 'true' ? 1 : -1;
    case 5:
      return text.toLowerCase() === 'false' ? 0 : -1;
    default:
      return -1;
  }
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` naming a day that exists (2023-02-29 and 2023-04-31 do not). */
export function isCalendarDate(text: string): boolean {
  return !Number.isNaN(parseDate(text));
}

/** Milliseconds since the epoch at UTC midnight of a calendar-valid `YYYY-MM-DD`, or NaN. */
export function parseDate(text: string): number {
  // Character codes rather than a regex: this runs once per value of every date column.
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) * 86_400_000;
}

/** The number written by the ASCII digits text[start, end), or -1 if any is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * ISO 8601 date and time (`T` or a space between them, as pandas writes), seconds and fraction
 * optional, with an optional `Z` or `+HH:MM` / `+HHMM` / `+HH` offset; a time without an offset
 * is read as UTC. Returns epoch milliseconds, or NaN when the text is not a valid datetime.
 */
export function parseDatetime(text: string): number {
  const match = datetimeText.exec(text);
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  // daysFromCivil rather than Date.UTC, which reads years 0-99 as 1900-1999.
  let ms = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  if (offset && offset !== 'Z' && offset !== 'z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (offsetHours > 23 || offsetMinutes > 59) return NaN;
    ms -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  }
  return ms;
}

/** Length in Unicode code points (an emoji is 1, not the 2 UTF-16 units `.length` counts). */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
