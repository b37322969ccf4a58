// The drift report as markdown: the job summary of actions/drift-check and the body of its sticky
// issue. Every column's test in one table, then one Mermaid bar chart per method (statistics of
// different methods do not share a scale), the threshold drawn as a line where it applies to the
// statistic. User data (column names, paths) is escaped, in the table and in the charts.
import { markdownTable } from 'markdown-table';
import { dataDriftFrom, dataDriftLine } from '../review/data-drift.ts';
import { escapeMarkdown } from '../review/escape.ts';
import { formatDistinct } from '../review/format.ts';
import { chartDecimals, chartNumber, chartText } from '../review/xychart.ts';
import { type DriftMethod, P_VALUE_METHODS, STATISTIC_NAMES } from './methods.ts';
import type { DriftColumn, DriftReport } from './schema.ts';
import { statisticWithBound } from './statistic-text.ts';

export interface DriftMarkdownOptions {
  /** Heading, e.g. `Data drift: churn`. */
  title: string;
  /** Hidden first line (the sticky issue's marker). */
  marker?: string;
  /** Links to the run that produced the report. */
  runUrl?: string;
  /** Largest body (GitHub issues take 65,536 characters); rows beyond it are left out with a note. */
  maxLength?: number;
  /** Columns per chart, most drifted first. */
  maxBars?: number;
}

const value = (v: number | null) => (v === null ? '' : formatDistinct([v])[0]!);

function result(entry: DriftColumn): string {
  if (entry.status === 'schema_change') return `❌ schema change: ${escapeMarkdown(entry.reason ?? '')}`;
  if (entry.status === 'not_tested') return `not tested: ${escapeMarkdown(entry.reason ?? '')}`;
  const verdict = entry.drifted ? '❌ drift' : '✅ no drift';
  // From profiles, a verdict the exact statistic could reverse must not read as settled.
  return entry.sketch_error && !entry.sketch_error.verdict_holds ? `${verdict} (⚠️ within the sketch error of the threshold)` : verdict;
}

function rule(entry: DriftColumn): string {
  if (entry.threshold === null || entry.method === null) return '';
  return P_VALUE_METHODS.has(entry.method) ? `p < ${value(entry.threshold)}` : `≥ ${value(entry.threshold)}`;
}

function table(columns: readonly DriftColumn[]): string {
  const rows = columns.map((entry) => [
    escapeMarkdown(entry.name),
    entry.type,
    entry.method ?? '',
    statisticWithBound(entry, value),
    value(entry.p_value),
    rule(entry),
    entry.effect_size ? `${escapeMarkdown(entry.effect_size.name)} ${value(entry.effect_size.value)}` : '',
    `${entry.reference_rows} / ${entry.current_rows}`,
    result(entry),
  ]);
  return markdownTable([['Column', 'Type', 'Method', 'Statistic', 'p-value', 'Drift if', 'Effect size', 'Rows (reference / current)', 'Result'], ...rows], {
    align: ['l', 'l', 'l', 'r', 'r', 'l', 'l', 'r', 'l'],
    alignDelimiters: false,
  });
}

/** One bar chart per method over its tested columns; distances get their threshold as a line. */
function charts(report: DriftReport, maxBars: number): string[] {
  const byMethod = new Map<DriftMethod, DriftColumn[]>();
  for (const entry of report.columns) {
    if (entry.status !== 'tested' || entry.method === null || entry.statistic === null || !Number.isFinite(entry.statistic)) continue;
    byMethod.set(entry.method, [...(byMethod.get(entry.method) ?? []), entry]);
  }
  const out: string[] = [];
  for (const [method, entries] of byMethod) {
    const shown = [...entries].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.statistic! - a.statistic!).slice(0, maxBars);
    const statistics = shown.map((entry) => entry.statistic!);
    const distance = !P_VALUE_METHODS.has(method);
    const threshold = distance ? shown[0]!.threshold : null;
    const top = Math.max(...statistics, threshold ?? 0) * 1.1 || 1;
    const decimals = chartDecimals([...statistics, top]);
    const name = STATISTIC_NAMES[method];
    const words = distance
      ? `Bars: ${name} per column; the line is the threshold (${value(threshold)}): drift at or above it.`
      : `Bars: ${name} per column; drift is decided by the p-value in the table (p < ${value(shown[0]!.threshold)}).`;
    out.push(
      words,
      '',
      [
        '```mermaid',
        'xychart-beta',
        `  title "${chartText(`${method}: ${name}`)}"`,
        `  x-axis [${shown.map((entry) => `"${chartText(entry.name, 24)}"`).join(', ')}]`,
        `  y-axis "${chartText(name)}" 0 --> ${chartNumber(top, decimals)}`,
        `  bar [${statistics.map((v) => chartNumber(v, decimals)).join(', ')}]`,
        ...(threshold !== null ? [`  line [${shown.map(() => chartNumber(threshold, decimals)).join(', ')}]`] : []),
        '```',
      ].join('\n'),
      ...(entries.length > shown.length ? ['', `_${entries.length - shown.length} more columns tested with ${method} are in the table._`] : []),
      '',
    );
  }
  return out;
}

/** The whole report as markdown. Pure. */
export function renderDriftMarkdown(report: DriftReport, options: DriftMarkdownOptions): string {
  const maxLength = options.maxLength ?? Infinity;
  const render = (columns: readonly DriftColumn[], withCharts: boolean): string => {
    const lines = [
      ...(options.marker ? [options.marker] : []),
      `## ${escapeMarkdown(options.title)}`,
      '',
      dataDriftLine(dataDriftFrom(report, options.title)),
      '',
      ...(options.runUrl ? [`From [this workflow run](${options.runUrl}).`, ''] : []),
      table(columns),
      '',
      ...(columns.length < report.columns.length ? [`_${report.columns.length - columns.length} more columns are not shown (the size limit); the job summary and the JSON report list them all._`, ''] : []),
      ...(withCharts ? charts(report, options.maxBars ?? 30) : []),
      ...(report.columns.some((entry) => entry.method === 'js') ? ['Jensen-Shannon: the distance (square root of the divergence) with natural logarithms, at most 0.8326.', ''] : []),
      ...(report.mode === 'profile'
        ? ["From profiles: ± is how far a statistic may be from the exact one on the same data (99% confidence of the KLL sketches; `sketch_error` in the JSON report); ~ marks categories pooled beyond those the profiles keep; KS p-values come from the sketched D."]
        : []),
    ];
    return `${lines.join('\n')}\n`;
  };
  const full = render(report.columns, true);
  if (full.length <= maxLength) return full;
  // Too long: charts go first, then the columns that did not drift, then the rest from the end.
  const drifted = report.columns.filter((entry) => entry.drifted);
  let columns = [...drifted, ...report.columns.filter((entry) => !entry.drifted)];
  let text = render(columns, false);
  while (text.length > maxLength && columns.length > 0) {
    columns = columns.slice(0, Math.floor(columns.length * 0.8));
    text = render(columns, false);
  }
  return text;
}
