import { InputError } from '../errors.ts';
import { nearest } from '../nearest.ts';
import type { Cell } from './cell.ts';
import { ColumnValidator } from './column-validator.ts';
import { formatCount, describeBounds } from './format.ts';
import { FailureTally, MAX_EXAMPLES, SortedExamples, reportPassed, type CheckExample, type CheckResult, type LineSource, type ValidationReport } from './report.ts';
import type { ValidationSchema } from './schema.ts';
import { UniqueCounter, stringKey, type UniqueSnapshot } from './unique-counter.ts';

/** Rows whose combination of values in a `unique_together` group occurs more than once. */
export class CompoundUniqueness {
  readonly columns: readonly string[];
  /** Indices into the data columns. */
  readonly indices: readonly number[];
  readonly counter = new UniqueCounter();
  examples: SortedExamples | FailureTally;
  /** See ColumnValidator.uniqueNeedsSecondPass. */
  needsSecondPass = false;
  private examplesWanted = 0;
  private secondPass: FailureTally | null = null;
  private readonly key = new Int32Array(2);
  private readonly lines: LineSource | null;

  constructor(columns: readonly string[], indices: readonly number[], lines: LineSource | null = null) {
    this.columns = columns;
    this.indices = indices;
    this.lines = lines;
    this.examples = new SortedExamples(lines);
  }

  reserve(rows: number): void {
    this.counter.reserve(rows);
  }

  snapshot(): { counter: UniqueSnapshot; examples: CheckExample[] } {
    return { counter: this.counter.snapshot(), examples: this.examples.examples };
  }

  merge(other: { counter: UniqueSnapshot; examples: CheckExample[] }, rowOffset: number, lineOffset: number): void {
    if (this.counter.merge(UniqueCounter.fromSnapshot(other.counter), rowOffset) > 0) this.needsSecondPass = true;
    const examples = this.examples as SortedExamples;
    for (const e of other.examples) examples.insert(e.row + rowOffset, e.value, e.line === undefined ? undefined : e.line + lineOffset);
  }

  /** Rows with a null in the group are skipped (as Great Expectations does by default). */
  static tupleText(values: readonly Cell[]): string | null {
    let text = '';
    for (const value of values) {
      if (value === null) return null;
      // JSON keeps "1" (text) and 1 (number) apart and cannot be confused by separators.
      text += `${typeof value === 'bigint' ? value.toString() : JSON.stringify(value)}\u0000`;
    }
    return text;
  }

  observe(values: readonly Cell[], row: number): void {
    const text = CompoundUniqueness.tupleText(values);
    if (text === null) return;
    stringKey(text, this.key);
    const seen = this.counter.add(this.key[0]!, this.key[1]!, row);
    if (seen === 1) return;
    const shown = tupleExample(values);
    const examples = this.examples as SortedExamples;
    if (seen === 2) examples.insert(this.counter.firstRow, shown);
    examples.insert(row, shown);
  }

  /** Second pass, as ColumnValidator.collectUniqueExample; the example value is the tuple as JSON. */
  collectExample(values: readonly Cell[], row: number): boolean {
    if (this.secondPass === null) {
      this.secondPass = new FailureTally(this.lines);
      this.examples = this.secondPass;
      this.examplesWanted = Math.min(MAX_EXAMPLES, this.counter.duplicateRows());
    }
    if (this.isDuplicate(values)) this.secondPass.add(row, tupleExample(values));
    return this.secondPass.examples.length >= this.examplesWanted;
  }

  isDuplicate(values: readonly Cell[]): boolean {
    const text = CompoundUniqueness.tupleText(values);
    if (text === null) return false;
    stringKey(text, this.key);
    return this.counter.count(this.key[0]!, this.key[1]!) > 1;
  }
}

function tupleExample(values: readonly Cell[]): string {
  return JSON.stringify(values.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** The validators for one data file: one per schema column, plus table-level checks. */
export interface ValidationPlan {
  schema: ValidationSchema;
  dataColumns: readonly string[];
  /** Column validators with the index of their column in the data. */
  columns: { index: number; validator: ColumnValidator }[];
  compound: CompoundUniqueness[];
  /** Set by the driver to the current batch's row -> line lookup (CSV). */
  lines: LineSource;
}

/**
 * Matches the schema to the data's columns. A schema column the data lacks is an InputError
 * (the schema or the file is wrong, not the data values), naming the nearest data column.
 */
export function planValidation(schema: ValidationSchema, dataColumns: readonly string[], source: string): ValidationPlan {
  const declared = new Set(schema.columns.map((c) => c.name));
  const undeclared = dataColumns.filter((name) => !declared.has(name));
  const indexOf = (name: string): number => {
    const index = dataColumns.indexOf(name);
    if (index < 0) {
      const suggestion = nearest(name, undeclared);
      throw new InputError(`${source}: the schema names column ${JSON.stringify(name)} but the data has no such column${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}; data columns: ${dataColumns.slice(0, 20).join(', ')}${dataColumns.length > 20 ? ', ...' : ''}`);
    }
    return index;
  };
  const lines: LineSource = { lineOf: null };
  return {
    schema,
    dataColumns,
    columns: schema.columns.map((rules) => ({ index: indexOf(rules.name), validator: new ColumnValidator(rules, lines) })),
    compound: schema.uniqueTogether.map((group) => new CompoundUniqueness(group, group.map(indexOf), lines)),
    lines,
  };
}

/** Assemble the report once every row has been observed (and unique examples resolved). */
export function finishValidation(plan: ValidationPlan, rows: number, source?: { path: string; format: string }): ValidationReport {
  const { schema } = plan;
  const checks: CheckResult[] = [];
  if (schema.rows) {
    const { min, max } = schema.rows;
    const passed = (min === undefined || rows >= min) && (max === undefined || rows <= max);
    checks.push({
      column: null,
      check: 'rows',
      severity: schema.tableSeverity.rows,
      passed,
      failed: passed ? 0 : 1,
      failed_share: passed ? 0 : 1,
      examples: [],
      message: `${formatCount(rows)} rows, expected ${describeBounds(schema.rows)}`,
      observed: rows,
    });
  }
  if (schema.strictColumns) {
    const declared = new Set(schema.columns.map((c) => c.name));
    const extra = plan.dataColumns.filter((name) => !declared.has(name));
    checks.push({
      column: null,
      check: 'columns',
      severity: schema.tableSeverity.columns,
      passed: extra.length === 0,
      failed: extra.length,
      failed_share: plan.dataColumns.length > 0 ? extra.length / plan.dataColumns.length : 0,
      examples: [],
      message: extra.length === 0 ? 'no columns beyond the schema' : `columns not in the schema (columns: strict): ${extra.join(', ')}`,
    });
  }
  for (const group of plan.compound) {
    const failed = group.counter.duplicateRows();
    checks.push({
      column: null,
      check: 'unique_together',
      severity: schema.tableSeverity.unique_together,
      passed: failed === 0,
      failed,
      failed_share: rows > 0 ? failed / rows : 0,
      examples: group.examples.examples,
      message: failed === 0 ? `(${group.columns.join(', ')}) is unique` : `${formatCount(failed)} rows share their (${group.columns.join(', ')}) with another row`,
    });
  }
  for (const { validator } of plan.columns) checks.push(...validator.results());
  return {
    passed: reportPassed(checks),
    rows,
    columns: [...plan.dataColumns],
    checks,
    ...(source ? { source } : {}),
  };
}
