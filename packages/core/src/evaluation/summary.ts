import { markdownTable } from 'markdown-table';
import { sliceMetricName } from '../metrics/snapshot.ts';
import { escapeMarkdown } from '../review/escape.ts';
import { pictureBlocks } from '../review/pictures.ts';
import type { ComparisonOutput, EvaluationOutput } from './schema.ts';

/** Four significant decimals is what a reader compares; the JSON keeps full precision. */
function show(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return value.toExponential(3);
  return value.toFixed(4);
}

function showInterval(interval: readonly [number, number] | null | undefined): string {
  return interval ? `[${show(interval[0])}, ${show(interval[1])}]` : '';
}

function evaluationRows(output: EvaluationOutput): string[][] {
  return Object.entries(output.metrics).map(([name, value]) => {
    const row = [name, show(value)];
    if (output.intervals) row.push(showInterval(output.intervals[name]));
    return row;
  });
}

function evaluationHeader(output: EvaluationOutput): string[] {
  return output.intervals ? ['metric', 'value', '95% interval'] : ['metric', 'value'];
}

/** Plain-text metrics table for the terminal. */
export function evaluationText(output: EvaluationOutput): string {
  const lines = [`${output.task} evaluation of ${output.rows} rows${output.bootstrap ? ` (${output.bootstrap.n} bootstrap resamples, seed ${output.bootstrap.seed})` : ''}`];
  lines.push(...alignColumns([evaluationHeader(output), ...evaluationRows(output)]));
  if (output.slices) lines.push('', `slices by ${output.slice_by}: ${Object.entries(output.slices).map(([value, slice]) => `${value} (${slice.rows} rows)`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Markdown for the Actions job summary: the metrics table with intervals, then per-slice values. */
export function evaluationMarkdown(output: EvaluationOutput): string {
  const parts = [`### Evaluation: ${output.task}, ${output.rows} rows`, '', markdownTable([evaluationHeader(output), ...evaluationRows(output)], { alignDelimiters: false })];
  if (output.bootstrap) parts.push('', `Intervals: 95% percentile bootstrap, ${output.bootstrap.n} resamples, seed ${output.bootstrap.seed}.`);
  if (output.slices) {
    const names = Object.keys(output.metrics);
    // Slice values and the column name are the user's data: escaped so they cannot break the table or render HTML.
    const rows = Object.entries(output.slices).map(([value, slice]) => [escapeMarkdown(value), String(slice.rows), ...names.map((name) => show(slice.metrics[name]))]);
    const column = escapeMarkdown(output.slice_by ?? 'slice');
    parts.push('', `#### By ${column}`, '', markdownTable([[column, 'rows', ...names], ...rows], { alignDelimiters: false }));
  }
  // The curves, confusion matrix and per-class table, drawn as the PR report draws the head's.
  const pictures = pictureBlocks({ head: output });
  if (pictures.length > 0) parts.push('', ...pictures.flatMap((block) => [block.markdown, '']));
  if (output.warnings.length > 0) parts.push('', ...output.warnings.map((w) => `> ${w}`));
  return `${parts.join('\n')}\n`;
}

/** Base and head value of each delta's metric, slices' (`recall[plan=pro]`) included. */
function comparedValues(output: ComparisonOutput): Map<string, [number | null | undefined, number | null | undefined]> {
  const values = new Map(Object.keys(output.base.metrics).map((name) => [name, [output.base.metrics[name], output.head.metrics[name]] as [number | null | undefined, number | null | undefined]]));
  for (const [value, slice] of Object.entries(output.slices ?? {})) {
    for (const name of Object.keys(slice.base.metrics)) values.set(sliceMetricName(name, output.slice_by!, value), [slice.base.metrics[name], slice.head.metrics[name]]);
  }
  return values;
}

function comparisonRows(output: ComparisonOutput, escape = (text: string) => text): string[][] {
  const values = comparedValues(output);
  return Object.entries(output.deltas).map(([name, d]) => [
    escape(name),
    show(values.get(name)?.[0]),
    show(values.get(name)?.[1]),
    d.delta === null ? 'n/a' : `${d.delta >= 0 ? '+' : ''}${show(d.delta)}`,
    showInterval(d.interval),
    d.head_better_share === null ? 'n/a' : `${(d.head_better_share * 100).toFixed(1)}%`,
    d.within_noise === null ? 'n/a' : d.within_noise ? 'within noise' : 'beyond noise',
  ]);
}

const COMPARISON_HEADER = ['metric', 'base', 'head', 'delta', '95% interval', 'head better', 'verdict'];

/** Plain-text paired comparison for the terminal. */
export function comparisonText(output: ComparisonOutput): string {
  const title = `paired comparison of ${output.rows} rows joined by ${output.id_column} (${output.bootstrap.n} resamples, seed ${output.bootstrap.seed}); delta = head - base`;
  return `${[title, ...alignColumns([COMPARISON_HEADER, ...comparisonRows(output)])].join('\n')}\n`;
}

export function comparisonMarkdown(output: ComparisonOutput): string {
  return `${markdownTable([COMPARISON_HEADER, ...comparisonRows(output, escapeMarkdown)], { alignDelimiters: false })}\n`;
}

function alignColumns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`.trimEnd());
}
