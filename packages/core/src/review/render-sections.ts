// The report's sections beyond the metric table: text values, what changed, data quality (validation
// and drift), pictures, trend and notes. Each renders at a detail level, so the comment can shed charts,
// then tables, before it sheds metric rows (see renderMarkdown).
import { markdownTable } from 'markdown-table';
import { dataDriftLine, driftedColumnsTable } from './data-drift.ts';
import { dataQualityLine, failedChecksTable } from './data-quality.ts';
import { codeSpan, escapeHtml, escapeMarkdown } from './escape.ts';
import { pictureBlocks } from './pictures.ts';
import { renderTrend } from './render-trend.ts';
import { dataTable, paramsTable, trainingTable, whatChangedLine } from './render-what-changed.ts';
import type { ReviewReport } from './report.ts';

/**
 * What the comment keeps, from everything (`full`) down to the status lines (`lines`): trend
 * charts go first, then curve charts, then the confusion and per-class tables, then the other
 * tables are cut short and at last left out. Metric rows are dropped only after that.
 */
export const detailLevels = ['full', 'no-trend-charts', 'no-curve-charts', 'no-picture-tables', 'short-tables', 'lines'] as const;
export type DetailLevel = (typeof detailLevels)[number];

const at = (level: DetailLevel, from: DetailLevel) => detailLevels.indexOf(level) >= detailLevels.indexOf(from);
/** Rows a secondary table keeps at `short-tables`. */
const shortRows = 10;

/** Rows of the tables `short-tables` cuts and `lines` leaves out (the not-compared list among them). */
function secondaryRows(report: ReviewReport): number[] {
  const diff = report.whatChanged;
  const notCompared = report.head.skipped.length + report.head.invalid.length + (report.base ? report.base.skipped.length + report.base.invalid.length : 0);
  return [
    report.textChanges?.length ?? 0,
    diff ? Math.max(diff.params.length, diff.data.length, 1) : 0,
    report.dataQuality?.failed.length ?? 0,
    report.dataDrift?.drifted.length ?? 0,
    notCompared,
  ].filter((rows) => rows > 0);
}

/**
 * The levels that shed something from this report, `full` first: the others would render the same
 * text again (a report with 30,000 metrics and no charts goes straight to dropping rows).
 */
export function levelsFor(report: ReviewReport): DetailLevel[] {
  const blocks = (report.pictures ?? []).flatMap((source) => pictureBlocks(source));
  const rows = secondaryRows(report);
  const sheds: Record<DetailLevel, boolean> = {
    full: true,
    'no-trend-charts': (report.trend ?? []).length > 0,
    'no-curve-charts': blocks.some((b) => b.kind === 'chart'),
    'no-picture-tables': blocks.some((b) => b.kind === 'table'),
    'short-tables': rows.some((n) => n > shortRows),
    lines: rows.length > 0,
  };
  return detailLevels.filter((level) => sheds[level]);
}

/** What a level leaves out of this report, for the note that says so; empty at `full`. */
export function shedNote(report: ReviewReport, level: DetailLevel, hiddenBlocks: number): string {
  const parts: string[] = [];
  if (hiddenBlocks > 0) parts.push(`${hiddenBlocks} ${hiddenBlocks === 1 ? 'chart or table' : 'charts and tables'}`);
  const rows = secondaryRows(report);
  if ((at(level, 'short-tables') && rows.some((n) => n > shortRows)) || (at(level, 'lines') && rows.length > 0)) parts.push('some table rows');
  return parts.join(' and ');
}

/** Whether a gated metric regressed: the pictures and the trend then open by themselves. */
function gatedMetricRegressed(report: ReviewReport): boolean {
  const gated = new Set(report.gate?.results.map((r) => r.metric) ?? []);
  return report.diff.changes.some((c) => c.status === 'regressed' && gated.has(c.name));
}

/** The data-quality status lines (validation, drift), for the top of the report. */
export function dataQualityStatus(report: ReviewReport): string[] {
  return [
    ...(report.dataQuality ? [`**Data quality** (${escapeMarkdown(report.dataQuality.source)}): ${dataQualityLine(report.dataQuality)}`, ''] : []),
    ...(report.dataDrift ? [`**Data drift** (${escapeMarkdown(report.dataDrift.source)}): ${dataDriftLine(report.dataDrift)}`, ''] : []),
  ];
}

/** String values that changed, as `dvc metrics diff` shows them (old, new, no delta). */
export function textChangesSection(report: ReviewReport, level: DetailLevel): string[] {
  const changes = report.textChanges ?? [];
  if (changes.length === 0) return [];
  if (at(level, 'lines')) return [`_${changes.length} text ${changes.length === 1 ? 'value' : 'values'} changed (not compared); the job summary lists them._`, ''];
  const shown = at(level, 'short-tables') ? changes.slice(0, shortRows) : changes;
  const text = (value: string | null) => (value === null ? '—' : codeSpan(value.length > 200 ? `${value.slice(0, 200)}…` : value));
  const withFile = changes.some((c) => c.file !== undefined);
  const rows = shown.map((c) => [...(withFile ? [escapeMarkdown(c.file ?? '')] : []), escapeMarkdown(c.metric ?? c.name), text(c.base), text(c.head)]);
  const table = markdownTable([[...(withFile ? ['File'] : []), 'Text value', 'Base', 'Head'], ...rows], { alignDelimiters: false });
  const more = changes.length - shown.length;
  return ['**Text values that changed** (shown, never compared or gated)', '', table, '', ...(more > 0 ? [`_${more} more; the job summary lists them all._`, ''] : [])];
}

/** Params, data and training cost between the base and head run.json. */
export function whatChangedSection(report: ReviewReport, level: DetailLevel): string[] {
  const diff = report.whatChanged;
  if (!diff) return [];
  const lines = [`**What changed** (run.json): ${whatChangedLine(diff)}`, ''];
  if (at(level, 'lines')) return lines;
  const rows = at(level, 'short-tables') ? shortRows : Infinity;
  for (const table of [paramsTable(diff, rows), dataTable(diff, rows)]) if (table) lines.push(table, '');
  lines.push('<details><summary>Model, training time, memory and commits</summary>', '', trainingTable(diff), '', '</details>', '');
  return lines;
}

/**
 * The failed checks of the validation report, errors first, open when a check failed at error
 * level; the drifted columns of the drift report, open when the dataset drifted.
 */
export function dataQualitySection(report: ReviewReport, level: DetailLevel): string[] {
  if (at(level, 'lines')) return [];
  const rows = at(level, 'short-tables') ? shortRows : Infinity;
  const lines: string[] = [];
  const quality = report.dataQuality;
  if (quality && quality.failed.length > 0) {
    const errors = quality.failed.some((c) => c.severity === 'error');
    lines.push(`<details${errors ? ' open' : ''}><summary>Failed data checks (${quality.failed.length})</summary>`, '', failedChecksTable(quality, rows)!, '', '</details>', '');
  }
  const drift = report.dataDrift;
  if (drift && drift.drifted.length > 0) {
    lines.push(`<details${drift.report.drifted ? ' open' : ''}><summary>Drifted columns (${drift.drifted.length})</summary>`, '', driftedColumnsTable(drift, rows)!, '', '</details>', '');
  }
  return lines;
}

/** Curves, confusion matrices and per-class tables, in one section opened when a gated metric regressed. */
export function picturesSection(report: ReviewReport, level: DetailLevel): { lines: string[]; hidden: number } {
  const sources = report.pictures ?? [];
  const blocks = sources.flatMap((source) => pictureBlocks(source));
  if (blocks.length === 0) return { lines: [], hidden: 0 };
  const kept = blocks.filter((b) => (b.kind === 'chart' ? !at(level, 'no-curve-charts') : !at(level, 'no-picture-tables')));
  const hidden = blocks.length - kept.length;
  if (kept.length === 0) return { lines: [], hidden };
  const summary = `Curves, confusion matrix${sources.some((s) => s.head?.per_class || s.base?.per_class) ? ' and per-class metrics' : ''}`;
  const lines = [`<details${gatedMetricRegressed(report) ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>`, ''];
  for (const block of kept) lines.push(block.markdown, '');
  lines.push('</details>', '');
  return { lines, hidden };
}

/** The gated metrics over the default branch's last runs; words only once the charts must go. */
export function trendSection(report: ReviewReport, level: DetailLevel): { lines: string[]; hidden: number } {
  const trend = report.trend ?? [];
  if (trend.length === 0) return { lines: [], hidden: 0 };
  const wordsOnly = at(level, 'no-trend-charts');
  const lines = [`<details${gatedMetricRegressed(report) ? ' open' : ''}><summary>Trend of the gated metrics on the default branch</summary>`, ''];
  for (const series of trend) lines.push(renderTrend(series, wordsOnly), '');
  lines.push('</details>', '');
  return { lines, hidden: wordsOnly ? trend.length : 0 };
}

/** Side sections that were left out, and why: the report itself was still written. */
export function notesSection(report: ReviewReport): string[] {
  const notes = report.notes ?? [];
  return notes.flatMap((note) => [`> ⚠️ ${escapeMarkdown(note)}`, '']);
}
