import { UniqueCounter, integerDigits, numberKey, parseDate, parseDatetime, parseIntegerText, parseNumberText, stringKey, type ColumnRulesInput } from '@modelgate/core';
import type { Cell } from '../readers/types.ts';

/** Up to this many distinct strings become an `allowed` set (TFDV's default domain size). */
export const MAX_CATEGORIES = 100;

/**
 * What one column looks like, gathered in one pass: which types every non-null value fits,
 * ranges, up to MAX_CATEGORIES distinct strings, and whether any value repeats.
 *
 * Memory stays flat in the row count except for a column that still looks like an identifier
 * (integer or plain text, no value repeated so far), which needs one compact hash entry per
 * value to infer `unique` (the stated exception). Once a value repeats, or the column can only
 * end as a type that never gets `unique` (number, boolean, date, datetime), values stop being
 * recorded; the category domain is its own set, dropped past MAX_CATEGORIES values.
 */
export class ColumnProfile {
  readonly name: string;
  rows = 0;
  nulls = 0;
  private integer = true;
  private number = true;
  private boolean = true;
  private date = true;
  private datetime = true;
  private minNumber = Infinity;
  private maxNumber = -Infinity;
  private minInstant = Infinity;
  private maxInstant = -Infinity;
  private minInstantText = '';
  private maxInstantText = '';
  private categories: Set<string> | null = new Set();
  private readonly maxCategories: number;
  /**
   * Values seen so far, to tell whether every one is distinct: keyed by number while the column
   * is integer (so `1` and `01` repeat, as `unique` on an integer column counts them), by text
   * for a text column. Null once that question is settled or cannot matter.
   */
  private distinct: UniqueCounter | null = new UniqueCounter();
  private distinctBy: 'number' | 'text' | null = null;
  private repeats = false;
  /** Recording stopped before the end without a repeat: whether all values differ is unknown. */
  private distinctUnknown = false;
  /** A JSONL/Parquet number or boolean was seen: a text type would reject it. */
  private typedNonText = false;
  private readonly key = new Int32Array(2);

  constructor(name: string, maxCategories = MAX_CATEGORIES) {
    this.name = name;
    this.maxCategories = maxCategories;
  }

  observe(cell: Cell): void {
    this.rows++;
    if (cell === null) {
      this.nulls++;
      return;
    }
    let text: string;
    let numeric: number;
    if (typeof cell === 'number' || typeof cell === 'bigint') {
      numeric = Number(cell);
      text = String(cell);
      this.typedNonText = true;
      if (!Number.isInteger(numeric)) this.integer = false;
      this.boolean = this.date = this.datetime = false;
      this.categories = null;
    } else if (typeof cell === 'boolean') {
      numeric = NaN;
      text = String(cell);
      this.typedNonText = true;
      this.integer = this.number = this.date = this.datetime = false;
    } else {
      text = cell;
      numeric = this.integer || this.number ? (this.integer ? parseIntegerText(text) : NaN) : NaN;
      if (Number.isNaN(numeric)) {
        this.integer = false;
        numeric = this.number ? parseNumberText(text) : NaN;
        if (Number.isNaN(numeric)) this.number = false;
      }
      if (this.boolean) {
        const lower = text.toLowerCase();
        if (lower !== 'true' && lower !== 'false') this.boolean = false;
      }
      if (this.date || this.datetime) this.observeInstant(text);
    }
    if (numeric === Infinity || numeric === -Infinity) {
      // Over 308 digits: validation rejects it as a type failure, so no numeric type fits.
      this.integer = this.number = false;
      numeric = NaN;
    }
    if (!Number.isNaN(numeric)) {
      if (numeric < this.minNumber) this.minNumber = numeric;
      if (numeric > this.maxNumber) this.maxNumber = numeric;
    }
    if (this.categories !== null) {
      this.categories.add(text);
      if (this.categories.size > this.maxCategories) this.categories = null;
    }
    if (this.distinct !== null) this.recordDistinct(numeric, text);
  }

  private recordDistinct(numeric: number, text: string): void {
    const by = this.integer ? 'number' : this.number || this.boolean || this.date || this.datetime ? null : 'text';
    if (by === null || (this.distinctBy !== null && by !== this.distinctBy)) {
      // The column can now only be a type that never gets `unique`, or it changed from integers
      // to text (whose repeats the numeric keys cannot tell): stop recording.
      this.stopRecording();
      return;
    }
    this.distinctBy = by;
    // Integers beyond 2^53 by their exact digits, as validation's `unique` keys them.
    if (by === 'number' && Number.isSafeInteger(numeric)) numberKey(numeric, this.key);
    else if (by === 'number') stringKey(integerDigits(/^[+-]?\d+$/.test(text) ? text : numeric), this.key);
    else stringKey(text, this.key);
    if (this.distinct!.add(this.key[0]!, this.key[1]!) > 1) {
      this.repeats = true;
      this.distinct = null;
    }
  }

  /** Whether values are still being recorded (memory per distinct value); false once settled. */
  get recording(): boolean {
    return this.distinct !== null;
  }

  private stopRecording(): void {
    this.distinct = null;
    if (!this.repeats) this.distinctUnknown = true;
  }

  private observeInstant(text: string): void {
    let ms = NaN;
    if (this.date) {
      ms = parseDate(text);
      if (Number.isNaN(ms)) this.date = false;
    }
    if (Number.isNaN(ms) && this.datetime) {
      ms = parseDatetime(text);
      if (Number.isNaN(ms)) this.datetime = false;
    }
    if (this.date && !Number.isNaN(ms)) this.datetime = false; // a column of plain dates is a date column
    if (Number.isNaN(ms)) return;
    if (ms < this.minInstant) {
      this.minInstant = ms;
      this.minInstantText = text;
    }
    if (ms > this.maxInstant) {
      this.maxInstant = ms;
      this.maxInstantText = text;
    }
  }

  /** Schema rules that the observed values satisfy (so the file validates against them). */
  rules(): ColumnRulesInput {
    const nonNull = this.rows - this.nulls;
    const rules: ColumnRulesInput = {};
    if (nonNull === 0) return { nullable: true };
    // Note: integer/number first, so a 0/1 column is an integer and `true`/`false` a boolean.
    if (this.integer) Object.assign(rules, { type: 'integer', min: this.minNumber, max: this.maxNumber });
    else if (this.number) Object.assign(rules, { type: 'number', min: this.minNumber, max: this.maxNumber });
    else if (this.boolean) rules.type = 'boolean';
    else if (this.date) Object.assign(rules, { type: 'date', min: this.minInstantText, max: this.maxInstantText });
    else if (this.datetime) Object.assign(rules, { type: 'datetime', min: this.minInstantText, max: this.maxInstantText });
    // The set holds every distinct text, so fewer members than values means some repeat.
    else if (this.categories !== null && this.categories.size < nonNull) Object.assign(rules, { type: 'category', allowed: [...this.categories].sort() });
    else rules.type = 'string';
    // Mixed typed values (numbers and text in JSONL): leave the type open; other checks compare text.
    const textType = rules.type === 'string' || rules.type === 'category';
    if (textType && this.typedNonText) delete rules.type;
    rules.nullable = this.nulls > 0;
    // Identifier-like columns: every value distinct. Not for measurements, where it is chance.
    if (!this.repeats && !this.distinctUnknown && nonNull > 1 && (rules.type === 'integer' || rules.type === 'string' || (textType && rules.type === undefined))) rules.unique = true;
    return rules;
  }
}
