import { daysFromCivil, daysInMonth, type ColumnValidator } from '@modelgate/core/validation/observe';
import type { CsvBatch } from '../readers/csv-batch.ts';
import { FieldKind } from '../readers/csv-scanner.ts';
import { NEEDS_SLOW_PATH, parseIntegerBytes, parseNumberBytes } from '../readers/parse-bytes.ts';

/**
 * How one column of CSV bytes reaches its validator. Numbers, dates, booleans and allowed sets are
 * checked on the bytes, without a string per field (decoding every field of the benchmark file
 * costs 0.7 s of the 1.9 s it takes to read it as strings); anything else, and every value that
 * fails, goes through the text path.
 */
export interface CsvColumnReader {
  readonly validator: ColumnValidator;
  observe(batch: CsvBatch, field: number): void;
}

export function csvColumnReader(validator: ColumnValidator, nullValues: readonly string[]): CsvColumnReader {
  const nullTokens = nullValues.map((token) => Buffer.from(token));
  const rules = validator.rules;
  const observe =
    rules.type === 'integer' || rules.type === 'number'
      ? numberColumn(validator, rules.type === 'integer', nullTokens)
      : rules.type === 'date' && !rules.allowed && !rules.unique
        ? dateColumn(validator, nullTokens)
        : rules.type === 'boolean' && !rules.allowed
          ? booleanColumn(validator, nullTokens)
          : validator.onlyAllowed
            ? allowedColumn(validator, nullTokens, rules.allowed!.map((value) => Buffer.from(String(value))))
            : textColumn(validator);
  return { validator, observe };
}

type Observe = (batch: CsvBatch, field: number) => void;

/** An empty unquoted field, or one spelling a configured null token (small enough for V8 to inline). */
function isNullField(buf: Uint8Array, start: number, end: number, kind: number, nullTokens: readonly Uint8Array[]): boolean {
  return kind === FieldKind.unquoted && (start === end || (nullTokens.length > 0 && isToken(buf, start, end, nullTokens)));
}

function textColumn(validator: ColumnValidator): Observe {
  return (batch, field) => {
    for (let r = 0, at = field; r < batch.rowCount; r++, at += batch.fieldCount) validator.observe(batch.text(at), batch.firstRow + r);
  };
}

function numberColumn(validator: ColumnValidator, integer: boolean, nullTokens: readonly Uint8Array[]): Observe {
  return (batch, field) => {
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    for (let r = 0, at = field; r < rowCount; r++, at += fieldCount) {
      const row = firstRow + r;
      const start = starts[at]!;
      const end = ends[at]!;
      const kind = kinds[at]!;
      if (isNullField(buf, start, end, kind, nullTokens)) {
        validator.observeNull(row);
        continue;
      }
      const value = kind === FieldKind.escaped ? NEEDS_SLOW_PATH : integer ? parseIntegerBytes(buf, start, end) : parseNumberBytes(buf, start, end);
      if (value === NEEDS_SLOW_PATH || Number.isNaN(value)) validator.observe(batch.text(at), row);
      else validator.observeNumber(value, row, value);
    }
  };
}

function dateColumn(validator: ColumnValidator, nullTokens: readonly Uint8Array[]): Observe {
  return (batch, field) => {
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    for (let r = 0, at = field; r < rowCount; r++, at += fieldCount) {
      const row = firstRow + r;
      const start = starts[at]!;
      const end = ends[at]!;
      if (isNullField(buf, start, end, kinds[at]!, nullTokens)) {
        validator.observeNull(row);
        continue;
      }
      const ms = end - start === 10 ? dateBytes(buf, start) : NaN;
      // Failures (type or range) take the text path, which records them with the text.
      if (Number.isNaN(ms) || validator.rangeFails(ms)) validator.observe(batch.text(at), row);
      else validator.observeInstant(ms, row, '');
    }
  };
}

/** `YYYY-MM-DD` at `start` as epoch milliseconds when it is a calendar date, else NaN. */
function dateBytes(buf: Uint8Array, start: number): number {
  if (buf[start + 4] !== 0x2d || buf[start + 7] !== 0x2d) return NaN;
  const year = digits(buf, start, 4);
  const month = digits(buf, start + 5, 2);
  const day = digits(buf, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) * 86_400_000;
}

function digits(buf: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = buf[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];

function booleanColumn(validator: ColumnValidator, nullTokens: readonly Uint8Array[]): Observe {
  return (batch, field) => {
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    for (let r = 0, at = field; r < rowCount; r++, at += fieldCount) {
      const row = firstRow + r;
      const start = starts[at]!;
      const end = ends[at]!;
      if (isNullField(buf, start, end, kinds[at]!, nullTokens)) {
        validator.observeNull(row);
        continue;
      }
      const length = end - start;
      // true/false in any case (| 0x20 lowercases ASCII letters), or 1/0.
      let value = -1;
      if (length === 4 && TRUE.every((c, i) => (buf[start + i]! | 0x20) === c)) value = 1;
      else if (length === 5 && FALSE.every((c, i) => (buf[start + i]! | 0x20) === c)) value = 0;
      else if (length === 1 && (buf[start] === 0x31 || buf[start] === 0x30)) value = buf[start]! - 0x30;
      if (value < 0) validator.observe(batch.text(at), row);
      else validator.observeBoolean(value === 1, row, value === 1);
    }
  };
}

function allowedColumn(validator: ColumnValidator, nullTokens: readonly Uint8Array[], allowed: readonly Uint8Array[]): Observe {
  return (batch, field) => {
    const { buf, starts, ends, kinds, fieldCount, rowCount, firstRow } = batch;
    for (let r = 0, at = field; r < rowCount; r++, at += fieldCount) {
      const row = firstRow + r;
      const start = starts[at]!;
      const end = ends[at]!;
      const kind = kinds[at]!;
      if (isNullField(buf, start, end, kind, nullTokens)) {
        validator.observeNull(row);
        continue;
      }
      if (kind !== FieldKind.escaped && isToken(buf, start, end, allowed)) validator.observeText('', row, true);
      else validator.observe(batch.text(at), row);
    }
  };
}

function isToken(buf: Uint8Array, start: number, end: number, tokens: readonly Uint8Array[]): boolean {
  const length = end - start;
  outer: for (const token of tokens) {
    if (token.length !== length) continue;
    for (let i = 0; i < length; i++) if (buf[start + i] !== token[i]) continue outer;
    return true;
  }
  return false;
}
