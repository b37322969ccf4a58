import type { Severity } from './schema.ts';

/** Examples kept per check: the first failing rows, as Great Expectations' partial lists. */
export const MAX_EXAMPLES = 20;

export type ExampleValue = string | number | boolean | null;

export interface CheckExample {
  /** 1-based data row (the CSV header is not a row). */
  row: number;
  value: ExampleValue;
  /** CSV only: the 1-based file line the row starts on, for annotations. */
  line?: number;
}

/**
 * Where examples learn their file line: the driver points `lineOf` at the batch being checked
 * (CSV rows can span lines, so the line is not derivable from the row number).
 */
export interface LineSource {
  lineOf: ((row: number) => number | undefined) | null;
}

/** One check of the report; `check` is the schema key that produced it. */
export interface CheckResult {
  /** null for table-level checks (rows, columns, unique_together). */
  column: string | null;
  check: string;
  severity: Severity;
  passed: boolean;
  /** Exact number of failing values (rows), or 1/0 for an aggregate or table bound. */
  failed: number;
  /** failed over the values it was checked against (non-null values for value checks). */
  failed_share: number;
  examples: CheckExample[];
  message: string;
  /** The measured statistic, for aggregate and table checks. */
  observed?: number | null;
  /** The quantile a `quantiles` check is about. */
  quantile?: number;
}

export interface ValidationReport {
  passed: boolean;
  rows: number;
  columns: string[];
  checks: CheckResult[];
  /** The data file and format, when known. */
  source?: { path: string; format: string };
}

/** Failing rows for one check: the exact count plus the first examples. */
export class FailureTally {
  failed = 0;
  readonly examples: CheckExample[] = [];
  private readonly lines: LineSource | null;

  constructor(lines: LineSource | null = null) {
    this.lines = lines;
  }

  add(row: number, value: ExampleValue): void {
    if (this.failed++ < MAX_EXAMPLES) {
      const line = this.lines?.lineOf?.(row);
      this.examples.push(line === undefined ? { row, value } : { row, value, line });
    }
  }

  /**
   * Adds a tally from a later part of the data (numbered from row 1 and line 1 of that part),
   * whose rows come after every row of this one.
   */
  merge(other: { failed: number; examples: readonly CheckExample[] }, rowOffset: number, lineOffset = 0): void {
    for (const example of other.examples) {
      if (this.examples.length >= MAX_EXAMPLES) break;
      this.examples.push(example.line === undefined ? { ...example, row: example.row + rowOffset } : { ...example, row: example.row + rowOffset, line: example.line + lineOffset });
    }
    this.failed += other.failed;
  }
}

/**
 * The first MAX_EXAMPLES examples by row when they arrive out of order (a duplicate's first
 * occurrence is only known to fail once a later row repeats it).
 */
export class SortedExamples {
  readonly examples: CheckExample[] = [];
  private readonly lines: LineSource | null;

  constructor(lines: LineSource | null = null) {
    this.lines = lines;
  }

  insert(row: number, value: ExampleValue, line = this.lines?.lineOf?.(row)): void {
    const list = this.examples;
    if (list.length >= MAX_EXAMPLES && row >= list[list.length - 1]!.row) return;
    let at = list.length;
    while (at > 0 && list[at - 1]!.row > row) at--;
    if (at > 0 && list[at - 1]!.row === row) return;
    list.splice(at, 0, line === undefined ? { row, value } : { row, value, line });
    if (list.length > MAX_EXAMPLES) list.pop();
  }
}

/** An error-level failure fails the report; warnings never do. */
export function reportPassed(checks: readonly CheckResult[]): boolean {
  return checks.every((check) => check.passed || check.severity === 'warn');
}

/** Whether the report should fail a CI step under a `fail-on` policy. */
export function failsOn(report: ValidationReport, failOn: 'error' | 'warn' | 'never'): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'warn') return report.checks.some((check) => !check.passed);
  return !report.passed;
}
