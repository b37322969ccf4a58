// The drift report of `modelgate drift` in the report, beside data validation: the dataset verdict
// as a status line and the drifted columns (schema changes first), as the validation's failed checks.
import { markdownTable } from 'markdown-table';
import type { DriftColumn, DriftReport } from '../drift/schema.ts';
import { escapeMarkdown } from './escape.ts';
import { formatDistinct, formatPercent } from './format.ts';

export interface DataDrift {
  /** The drift report as given (input or option). */
  source: string;
  report: DriftReport;
  /** Drifted entries: schema changes first, then by p-value (smallest first) or statistic (largest first). */
  drifted: DriftColumn[];
}

export function dataDriftFrom(report: DriftReport, source: string): DataDrift {
  const rank = (c: DriftColumn) => (c.status === 'schema_change' ? 0 : c.p_value !== null ? 1 : 2);
  const drifted = report.columns
    .filter((c) => c.drifted)
    .sort((a, b) => rank(a) - rank(b) || (a.p_value ?? 0) - (b.p_value ?? 0) || (b.statistic ?? 0) - (a.statistic ?? 0));
  return { source, report, drifted };
}

/** The dataset verdict in one line: which data against which, and how many tests drifted. `escape` suits the rendering. */
export function dataDriftLine(drift: DataDrift, escape: (text: string) => string = escapeMarkdown): string {
  const { report } = drift;
  const tally = `${report.drifted_count} of ${report.counted} ${report.counted === 1 ? 'test' : 'tests'} drifted (${formatPercent(report.drifted_share)}, dataset drift at ${formatPercent(report.drift_share)})`;
  const what = `${escape(report.current.path)} against ${escape(report.reference.path)}`;
  return report.drifted ? `❌ Dataset drift: ${tally}; ${what}` : `${report.drifted_count > 0 ? '⚠️' : '✅'} No dataset drift: ${tally}; ${what}`;
}

/** The drifted columns as a table, `maxRows` at most; undefined when none drifted. */
export function driftedColumnsTable(drift: DataDrift, maxRows = Infinity): string | undefined {
  if (drift.drifted.length === 0) return undefined;
  const shown = drift.drifted.slice(0, maxRows);
  const value = (v: number | null) => (v === null ? '' : formatDistinct([v])[0]!);
  const rows = shown.map((c) => [
    escapeMarkdown(c.name),
    c.status === 'schema_change' ? 'schema change' : escapeMarkdown(c.method ?? ''),
    c.statistic === null ? escapeMarkdown(c.reason ?? '') : `${escapeMarkdown(c.statistic_name ?? '')} ${value(c.statistic)}`,
    value(c.p_value),
    value(c.threshold),
  ]);
  const more = drift.drifted.length - shown.length;
  return [
    markdownTable([['Column', 'Method', 'Statistic', 'p-value', 'Threshold'], ...rows], { align: ['l', 'l', 'l', 'r', 'r'], alignDelimiters: false }),
    ...(more > 0 ? ['', `_${more} more drifted columns; the job summary lists them all._`] : []),
  ].join('\n');
}
