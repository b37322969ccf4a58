// The drift report: every requested column tested with every requested method, and the dataset
// verdict. Entries that were not tested are listed with their reason and left out of the share;
// a column missing on one side is a schema change, drifted, and counts.

import { InputError } from '../errors.ts';
import type { ColumnSample } from './samples.ts';
import type { DriftColumn, DriftReport } from './schema.ts';
import { type MethodSetting, PreparedColumn, type TestableColumn, testColumn } from './test-column.ts';

/** Dataset drift when at least this share of the counted tests drifted (Evidently's default). */
export const DEFAULT_DRIFT_SHARE = 0.5;

export interface DriftInput {
  reference: { path: string; rows: number; columns: ReadonlyMap<string, ColumnSample> };
  current: { path: string; rows: number; columns: ReadonlyMap<string, ColumnSample> };
  /** Columns to test, in report order (a name may be missing from one side, not from both). */
  columns: readonly string[];
  /** The methods per column; every one is run (one entry per column and method). */
  settings: (column: string) => readonly MethodSetting[];
  driftShare?: number;
}

export function buildDriftReport(input: DriftInput): DriftReport {
  const { reference, current } = input;
  const prepare = (name: string) => new PreparedColumn({ name, reference: reference.columns.get(name), current: current.columns.get(name) });
  return assembleDriftReport({ ...input, reference: { path: reference.path, rows: reference.rows }, current: { path: current.path, rows: current.rows }, prepare });
}

/** What a report is made of, whatever the columns come from. */
export interface DriftAssembly {
  reference: DriftReport['reference'];
  current: DriftReport['current'];
  columns: readonly string[];
  settings: (column: string) => readonly MethodSetting[];
  driftShare?: number;
  /** The column to test, from samples or profiles. */
  prepare: (name: string) => TestableColumn;
  mode?: DriftReport['mode'];
}

/** Every column tested with every method, and the dataset verdict. */
export function assembleDriftReport(input: DriftAssembly): DriftReport {
  const entries: DriftColumn[] = [];
  for (const name of input.columns) {
    const prepared = input.prepare(name);
    const settings = input.settings(name);
    const missing = !prepared.reference || !prepared.current;
    // A missing column has no method under auto: one entry; otherwise one per listed method.
    const runs = missing && settings.every((s) => s.method === 'auto') ? settings.slice(0, 1) : settings;
    for (const setting of runs) entries.push(testColumn(prepared, setting));
  }
  const counted = entries.filter((entry) => entry.status !== 'not_tested');
  if (counted.length === 0 || counted.every((entry) => entry.status === 'schema_change')) {
    throw new InputError(`nothing to test: ${nothingTested(entries)}`);
  }
  const drifted = counted.filter((entry) => entry.drifted).length;
  const driftShare = input.driftShare ?? DEFAULT_DRIFT_SHARE;
  const share = drifted / counted.length;
  return {
    drifted: share >= driftShare,
    drifted_share: share,
    drift_share: driftShare,
    counted: counted.length,
    drifted_count: drifted,
    reference: input.reference,
    current: input.current,
    ...(input.mode ? { mode: input.mode } : {}),
    columns: entries,
  };
}

function nothingTested(entries: readonly DriftColumn[]): string {
  if (entries.length === 0) return 'no columns';
  const shown = entries.slice(0, 3).map((entry) => `${entry.name}: ${entry.reason ?? 'not tested'}`);
  const more = entries.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

