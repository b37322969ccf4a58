import type { Cell } from './cell.ts';
import { Moments } from './moments.ts';
import { QuantileSketch } from './quantile-sketch.ts';
import { FailureTally, MAX_EXAMPLES, SortedExamples, type CheckExample, type CheckResult, type ExampleValue, type LineSource } from './report.ts';
import type { ColumnCheckName, ColumnRules } from './schema.ts';
import { UniqueCounter, numberKey, stringKey, type UniqueSnapshot } from './unique-counter.ts';
import { codePointLength, integerDigits, parseBooleanText, parseDate, parseDatetime, parseIntegerText, parseNumberText } from './values.ts';
import { columnResults } from './column-results.ts';

/** A ColumnValidator's state as plain data (see `snapshot`). */
export interface ColumnSnapshot {
  rows: number;
  nulls: number;
  nonNull: number;
  tallies: [ColumnCheckName, { failed: number; examples: CheckExample[] }][];
  moments: { count: number; mean: number; m2: number } | null;
  sketch: { levels: number[][]; count: number; compactions: number } | null;
  unique: UniqueSnapshot | null;
  uniqueExamples: CheckExample[];
}

/** Checks that look at each non-null value; `mostly` applies to these. */
const valueChecks = ['type', 'min', 'max', 'exclusive_min', 'exclusive_max', 'allowed', 'pattern', 'unique', 'length'] as const;
export type ValueCheck = (typeof valueChecks)[number];

/**
 * Runs one column's rules over its values as they stream past, in constant memory (except
 * `unique`, see UniqueCounter). Rules: a null counts only for `nullable`; a value that fails
 * `type` counts only for `type` and is skipped by every other check; aggregates (mean, std,
 * quantiles) use the values that passed `type`.
 *
 * Callers with typed values use `observe`; the CSV fast path parses bytes itself and calls
 * `observeNull` / `observeTypeFailure` / `observeNumber` / `observeText` directly.
 */
export class ColumnValidator {
  readonly rules: ColumnRules;
  rows = 0;
  nulls = 0;
  /** Values that were not null (including those failing `type`): the denominator of value checks. */
  nonNull = 0;
  readonly tallies = new Map<ColumnCheckName, FailureTally>();
  readonly moments: Moments | null;
  readonly sketch: QuantileSketch | null;
  unique: UniqueCounter | null;
  /** First duplicate rows, collected as they are found (a first occurrence once it is repeated). */
  uniqueExamples: SortedExamples | FailureTally | null = null;
  /** Set when merged parts share values: their first occurrences need a second pass to name. */
  uniqueNeedsSecondPass = false;
  private examplesWanted = 0;
  private secondPass: FailureTally | null = null;
  private lastNumber = NaN;
  private lastDigits: string | undefined = undefined;

  private readonly nullable: boolean;
  private readonly min: number;
  private readonly max: number;
  private readonly exclusiveMin: number;
  private readonly exclusiveMax: number;
  private readonly hasRange: boolean;
  private readonly allowedNumbers: ReadonlySet<number> | null = null;
  private readonly allowedText: ReadonlySet<string> | null = null;
  private readonly allowedBooleans: ReadonlySet<boolean> | null = null;
  private readonly pattern: RegExp | null;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly key = new Int32Array(2);
  private readonly typeTally: FailureTally | null;
  private readonly nullTally: FailureTally | null;

  private readonly lines: LineSource | null;

  constructor(rules: ColumnRules, lines: LineSource | null = null) {
    this.rules = rules;
    this.lines = lines;
    this.nullable = rules.nullable;
    for (const check of valueChecks) if (this.configured(check)) this.tallies.set(check, new FailureTally(lines));
    if (!rules.nullable) this.tallies.set('nullable', new FailureTally(lines));
    this.typeTally = this.tallies.get('type') ?? null;
    this.nullTally = this.tallies.get('nullable') ?? null;
    this.min = rules.min ?? -Infinity;
    this.max = rules.max ?? Infinity;
    this.exclusiveMin = rules.exclusive_min ?? -Infinity;
    this.exclusiveMax = rules.exclusive_max ?? Infinity;
    this.hasRange = rules.min !== undefined || rules.max !== undefined || rules.exclusive_min !== undefined || rules.exclusive_max !== undefined;
    if (rules.allowed) {
      if (rules.type === 'integer' || rules.type === 'number') this.allowedNumbers = new Set(rules.allowed as number[]);
      else if (rules.type === 'boolean') this.allowedBooleans = new Set(rules.allowed as boolean[]);
      else this.allowedText = new Set(rules.allowed.map(String));
    }
    this.pattern = rules.pattern?.regex ?? null;
    this.minLength = rules.length?.min ?? 0;
    this.maxLength = rules.length?.max ?? Infinity;
    this.moments = rules.mean || rules.std ? new Moments() : null;
    this.sketch = rules.quantiles ? new QuantileSketch() : null;
    this.unique = rules.unique ? new UniqueCounter() : null;
    if (rules.unique) this.uniqueExamples = new SortedExamples(lines);
  }

  /** A hint of how many rows will come (from the file size or Parquet metadata). */
  reserve(rows: number): void {
    this.unique?.reserve(rows, this.rules.type === 'integer');
  }

  private noteUniqueInteger(value: number, row: number, shown: ExampleValue): void {
    this.noteSeen(this.unique!.addInteger(value, row), row, shown);
  }

  private noteUnique(row: number, shown: ExampleValue): void {
    this.noteSeen(this.unique!.add(this.key[0]!, this.key[1]!, row), row, shown);
  }

  private noteSeen(seen: number, row: number, shown: ExampleValue): void {
    if (seen === 1) return;
    const examples = this.uniqueExamples as SortedExamples;
    // `shown` is this row's text; for the first occurrence it is a stand-in that
    // needsUniqueExamples() has replaced by a second pass when the two may be written differently.
    if (seen === 2) examples.insert(this.unique!.firstRow, shown);
    examples.insert(row, shown);
  }

  /**
   * Whether equal values may be written differently, so that a duplicate's text does not show
   * the first occurrence's: datetimes (offsets), booleans (`true`/`1`) and unsafe integers aside,
   * examples of numbers show the number and texts are equal only when written alike.
   */
  private get spellingsVary(): boolean {
    return this.rules.type === 'datetime' || this.rules.type === 'boolean';
  }

  private configured(check: ValueCheck): boolean {
    const rules = this.rules;
    switch (check) {
      case 'type':
        return rules.type !== undefined;
      case 'length':
        return rules.length !== undefined;
      case 'pattern':
        return rules.pattern !== undefined;
      case 'allowed':
        return rules.allowed !== undefined;
      case 'unique':
        return rules.unique;
      default:
        return rules[check] !== undefined;
    }
  }

  /** Everything observed so far as plain data (typed arrays included), to send between threads. */
  snapshot(): ColumnSnapshot {
    return {
      rows: this.rows,
      nulls: this.nulls,
      nonNull: this.nonNull,
      tallies: [...this.tallies].map(([check, tally]) => [check, { failed: tally.failed, examples: tally.examples }]),
      moments: this.moments ? { count: this.moments.count, mean: this.moments.mean, m2: this.moments.m2 } : null,
      sketch: this.sketch ? this.sketch.snapshot() : null,
      unique: this.unique ? this.unique.snapshot() : null,
      uniqueExamples: this.uniqueExamples ? this.uniqueExamples.examples : [],
    };
  }

  /**
   * Adds what another validator of the same rules observed over a later part of the data, whose
   * rows and lines were numbered from 1: they are shifted by `rowOffset` and `lineOffset`.
   */
  merge(other: ColumnSnapshot, rowOffset: number, lineOffset: number): void {
    this.rows += other.rows;
    this.nulls += other.nulls;
    this.nonNull += other.nonNull;
    for (const [check, tally] of other.tallies) this.tallies.get(check)?.merge(tally, rowOffset, lineOffset);
    if (this.moments && other.moments) this.moments.merge(other.moments);
    if (this.sketch && other.sketch) this.sketch.mergeSnapshot(other.sketch);
    if (this.unique && other.unique) {
      if (this.unique.merge(UniqueCounter.fromSnapshot(other.unique), rowOffset) > 0) this.uniqueNeedsSecondPass = true;
      const examples = this.uniqueExamples as SortedExamples;
      for (const e of other.uniqueExamples) examples.insert(e.row + rowOffset, e.value, e.line === undefined ? undefined : e.line + lineOffset);
    }
  }

  /** One value as a reader gives it (CSV text or a typed JSONL/Parquet value). */
  observe(cell: Cell, row: number): void {
    if (cell === null) return this.observeNull(row);
    switch (this.rules.type) {
      case 'integer': {
        const value = typeof cell === 'string' ? parseIntegerText(cell) : typeof cell === 'bigint' ? Number(cell) : typeof cell === 'number' && Number.isInteger(cell) ? cell : NaN;
        // Beyond a double's range (over 308 digits) no bound or mean can use it: a type failure.
        if (!Number.isFinite(value)) return this.observeTypeFailure(row, exampleOf(cell));
        // Beyond 2^53 a double cannot tell neighbouring integers apart: `unique` keys them by their
        // digits, however they were written (JSON 1e20 and 100000000000000000000 are one value).
        if (!Number.isSafeInteger(value)) {
          const digits = integerDigits(cell as string | bigint | number);
          return this.observeNumber(value, row, digits, digits);
        }
        return this.observeNumber(value, row, numberShown(cell, value));
      }
      case 'number': {
        const value = typeof cell === 'string' ? parseNumberText(cell) : typeof cell === 'bigint' ? Number(cell) : typeof cell === 'number' && Number.isFinite(cell) ? cell : NaN;
        return Number.isFinite(value) ? this.observeNumber(value, row, numberShown(cell, value)) : this.observeTypeFailure(row, exampleOf(cell));
      }
      case 'boolean': {
        const value = typeof cell === 'boolean' ? Number(cell) : typeof cell === 'string' ? parseBooleanText(cell) : -1;
        return value < 0 ? this.observeTypeFailure(row, exampleOf(cell)) : this.observeBoolean(value === 1, row, exampleOf(cell));
      }
      case 'date':
      case 'datetime': {
        const value = typeof cell !== 'string' ? NaN : this.rules.type === 'date' ? parseDate(cell) : parseDatetime(cell);
        return Number.isNaN(value) ? this.observeTypeFailure(row, exampleOf(cell)) : this.observeInstant(value, row, cell as string);
      }
      case 'string':
      case 'category':
        return typeof cell === 'string' ? this.observeText(cell, row) : this.observeTypeFailure(row, exampleOf(cell));
      case undefined:
        return this.observeText(typeof cell === 'string' ? cell : String(cell), row);
    }
  }

  observeNull(row: number): void {
    this.rows++;
    this.nulls++;
    if (!this.nullable) this.nullTally!.add(row, null);
  }

  observeTypeFailure(row: number, value: ExampleValue): void {
    this.rows++;
    this.nonNull++;
    this.typeTally!.add(row, value);
  }

  /**
   * A value of an integer or number column (`shown` is what examples print). `exactDigits`: the
   * canonical digits of an integer too large for a double to hold exactly, the key for `unique`.
   */
  observeNumber(value: number, row: number, shown: ExampleValue, exactDigits?: string): void {
    this.rows++;
    this.nonNull++;
    if (this.hasRange) this.checkRange(value, row, shown);
    if (this.allowedNumbers !== null && !this.allowedNumbers.has(value)) this.tallies.get('allowed')!.add(row, shown);
    if (this.unique !== null) {
      if (exactDigits !== undefined) {
        stringKey(exactDigits, this.key);
        this.noteUnique(row, shown);
      } else if (Number.isInteger(value)) this.noteUniqueInteger(value, row, shown);
      else {
        numberKey(value, this.key);
        this.noteUnique(row, shown);
      }
    }
    if (this.moments !== null) this.moments.add(value);
    if (this.sketch !== null) this.sketch.add(value);
  }

  /** A date or datetime as epoch milliseconds, with its text. */
  observeInstant(ms: number, row: number, text: string): void {
    this.rows++;
    this.nonNull++;
    if (this.hasRange) this.checkRange(ms, row, text);
    if (this.allowedText !== null && !this.allowedText.has(text)) this.tallies.get('allowed')!.add(row, text);
    if (this.unique !== null) {
      numberKey(ms, this.key);
      this.noteUnique(row, text);
    }
  }

  observeBoolean(value: boolean, row: number, shown: ExampleValue): void {
    this.rows++;
    this.nonNull++;
    if (this.allowedBooleans !== null && !this.allowedBooleans.has(value)) this.tallies.get('allowed')!.add(row, shown);
    if (this.unique !== null) {
      numberKey(value ? 1 : 0, this.key);
      this.noteUnique(row, shown);
    }
  }

  /** A text value; `knownAllowed` when a fast path has already matched it against the allowed set. */
  observeText(text: string, row: number, knownAllowed = false): void {
    this.rows++;
    this.nonNull++;
    if (this.allowedText !== null && !knownAllowed && !this.allowedText.has(text)) this.tallies.get('allowed')!.add(row, text);
    if (this.pattern !== null && !this.pattern.test(text)) this.tallies.get('pattern')!.add(row, text);
    if (this.maxLength !== Infinity || this.minLength > 0) {
      // units/2 <= code points <= units, so most strings need no counting.
      const units = text.length;
      const length = units > this.maxLength || units < 2 * this.minLength ? codePointLength(text) : units;
      if (length < this.minLength || length > this.maxLength) this.tallies.get('length')!.add(row, text);
    }
    if (this.unique !== null) {
      stringKey(text, this.key);
      this.noteUnique(row, text);
    }
  }

  /** Whether a value would fail min, max or an exclusive bound (fast paths check before boxing). */
  rangeFails(value: number): boolean {
    return this.hasRange && (value < this.min || value > this.max || value <= this.exclusiveMin || value >= this.exclusiveMax);
  }

  /**
   * Whether this column's only value checks are `type` and `allowed` (plus nullable), so a fast
   * path may match raw bytes against the allowed set and skip making a string per value.
   */
  get onlyAllowed(): boolean {
    const r = this.rules;
    return r.allowed !== undefined && (r.type === 'string' || r.type === 'category' || r.type === undefined) && !r.pattern && !r.length && !r.unique;
  }

  private checkRange(value: number, row: number, shown: ExampleValue): void {
    if (value < this.min) this.tallies.get('min')!.add(row, shown);
    if (value > this.max) this.tallies.get('max')!.add(row, shown);
    if (value <= this.exclusiveMin) this.tallies.get('exclusive_min')!.add(row, shown);
    if (value >= this.exclusiveMax) this.tallies.get('exclusive_max')!.add(row, shown);
  }

  /**
   * Whether a value occurs more than once in the whole column, once every value has been
   * observed. The driver streams the column again with this to find the first duplicate rows
   * (the first occurrence of a value is only known to be a duplicate once a later one is seen).
   */
  isDuplicate(cell: Cell): boolean {
    if (this.unique === null || cell === null) return false;
    const key = this.key;
    switch (this.rules.type) {
      case 'integer':
      case 'number': {
        const value = typeof cell === 'string' ? (this.rules.type === 'integer' ? parseIntegerText(cell) : parseNumberText(cell)) : typeof cell === 'bigint' ? Number(cell) : typeof cell === 'number' ? cell : NaN;
        if (!Number.isFinite(value) || (this.rules.type === 'integer' && !Number.isInteger(value))) return false;
        this.lastNumber = value;
        this.lastDigits = undefined;
        if (this.rules.type === 'integer' && !Number.isSafeInteger(value)) {
          this.lastDigits = integerDigits(cell as string | bigint | number);
          stringKey(this.lastDigits, key);
        } else numberKey(value, key);
        break;
      }
      case 'boolean': {
        const value = typeof cell === 'boolean' ? Number(cell) : typeof cell === 'string' ? parseBooleanText(cell) : -1;
        if (value < 0) return false;
        numberKey(value, key);
        break;
      }
      case 'date':
      case 'datetime': {
        const value = typeof cell !== 'string' ? NaN : this.rules.type === 'date' ? parseDate(cell) : parseDatetime(cell);
        if (Number.isNaN(value)) return false;
        numberKey(value, key);
        break;
      }
      case 'string':
      case 'category':
        if (typeof cell !== 'string') return false;
        stringKey(cell, key);
        break;
      case undefined:
        stringKey(typeof cell === 'string' ? cell : String(cell), key);
    }
    return this.unique.count(key[0]!, key[1]!) > 1;
  }

  /** Whether the unique examples need a second pass over the column (see uniqueNeedsSecondPass). */
  needsUniqueExamples(): boolean {
    return this.unique !== null && (this.uniqueNeedsSecondPass || this.spellingsVary) && this.unique.duplicateRows() > 0;
  }

  /**
   * Second pass: offer values in row order; keeps the first duplicate rows as examples.
   * Returns true once enough examples are found (the pass can stop early).
   */
  collectUniqueExample(cell: Cell, row: number): boolean {
    if (this.secondPass === null) {
      this.secondPass = new FailureTally(this.lines);
      this.uniqueExamples = this.secondPass;
      this.examplesWanted = Math.min(MAX_EXAMPLES, this.unique!.duplicateRows());
    }
    if (this.isDuplicate(cell)) {
      const numeric = this.rules.type === 'integer' || this.rules.type === 'number';
      this.secondPass.add(row, cell === null ? null : numeric ? (this.lastDigits ?? numberShown(cell, this.lastNumber)) : exampleOf(cell));
    }
    return this.secondPass.examples.length >= this.examplesWanted;
  }

  /** The column's check results, in schema key order. */
  results(): CheckResult[] {
    return columnResults(this);
  }
}

/** Numbers show as numbers in examples (whether read from text or typed); huge int64 as text. */
function numberShown(cell: Exclude<Cell, null>, value: number): ExampleValue {
  return typeof cell === 'bigint' && !Number.isSafeInteger(value) ? cell.toString() : value;
}

/** `-007` -> `-7`: the digits of an integer text or bigint, without sign noise or leading zeros. */
function exampleOf(cell: Exclude<Cell, null>): ExampleValue {
  if (typeof cell === 'bigint') return Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString();
  return cell;
}
