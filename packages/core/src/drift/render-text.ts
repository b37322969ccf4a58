// The drift report as a plain-text table for the terminal.

import { P_VALUE_METHODS } from './methods.ts';
import type { DriftColumn, DriftReport } from './schema.ts';
import { statisticWithBound } from './statistic-text.ts';

/** Significant digits shown for statistics and p-values. */
function number(value: number | null): string {
  if (value === null) return '-';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  return abs >= 1e-4 && abs < 1e6 ? String(Number(value.toPrecision(4))) : value.toExponential(2);
}

function verdict(entry: DriftColumn): string {
  if (entry.status === 'schema_change') return `DRIFT (${entry.reason})`;
  if (entry.status === 'not_tested') return `not tested: ${entry.reason}`;
  return entry.drifted ? 'DRIFT' : 'ok';
}

function rule(entry: DriftColumn): string {
  if (entry.threshold === null || entry.method === null) return '-';
  return P_VALUE_METHODS.has(entry.method) ? `p < ${entry.threshold}` : `>= ${entry.threshold}`;
}

export function renderDriftText(report: DriftReport): string {
  const header = ['column', 'type', 'method', 'statistic', 'p-value', 'drift if', 'effect size', 'rows ref/cur', 'result'];
  const rows = report.columns.map((entry) => [
    entry.name,
    entry.type,
    entry.method ?? '-',
    statisticWithBound(entry, number),
    number(entry.p_value),
    rule(entry),
    entry.effect_size ? `${entry.effect_size.name} ${number(entry.effect_size.value)}` : '-',
    `${entry.reference_rows}/${entry.current_rows}`,
    verdict(entry),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const percent = (share: number) => `${(share * 100).toFixed(share * 100 < 10 && share > 0 ? 1 : 0)}%`;
  const summary = report.drifted
    ? `Dataset drift: ${report.drifted_count} of ${report.counted} tests drifted (${percent(report.drifted_share)}, threshold ${percent(report.drift_share)}).`
    : `No dataset drift: ${report.drifted_count} of ${report.counted} tests drifted (${percent(report.drifted_share)}, threshold ${percent(report.drift_share)}).`;
  const notes = report.columns.some((entry) => entry.method === 'js') ? ['Jensen-Shannon: the distance (square root of the divergence) with natural logarithms, at most 0.8326.'] : [];
  if (report.mode === 'profile') {
    notes.push('From profiles: ± is how far a statistic may be from exact mode\'s on the same data (99% confidence of the KLL sketches; sketch_error in the JSON report); ~ marks categories pooled beyond those the profiles keep. KS p-values come from the sketched D.');
  }
  return `${[line(header), ...rows.map(line), '', summary, ...notes].join('\n')}\n`;
}
