import type { MetricChange } from './diff.ts';
import { formatDelta, formatNoise, formatPair, statusWords } from './change-text.ts';
import { escapeTerminal } from './escape.ts';
import { formatDistinct } from './format.ts';
import { dataDriftLine } from './data-drift.ts';
import { dataQualityLine } from './data-quality.ts';
import type { ReviewReport } from './report.ts';
import { whatChangedLine } from './render-what-changed.ts';

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a terminal). */
  color?: boolean;
}

const ansi = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' } as const;

/** The terminal rendering of a report: aligned columns, words as well as colours. Pure. */
export function renderText(report: ReviewReport, options: TextOptions = {}): string {
  const paint = (color: keyof typeof ansi, text: string) => (options.color ? `${ansi[color]}${text}${ansi.reset}` : text);
  const lines: string[] = [paint('bold', escapeTerminal(report.title))];
  lines.push(report.baseline.found ? `baseline: ${escapeTerminal(report.baseline.source)}` : paint('yellow', `no baseline: ${escapeTerminal(report.baseline.reason)}; head values only`));
  lines.push('');

  const rows = report.diff.changes.map((change) => {
    const { base, head } = formatPair(change);
    return [escapeTerminal(change.name), base, head, changeText(change), formatNoise(change)];
  });
  const header = ['metric', 'base', 'head', 'change', report.diff.changes.some((c) => c.noise) ? '95% interval' : ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  lines.push(paint('dim', format(header)));
  report.diff.changes.forEach((change, i) => {
    const color = change.withinNoise ? 'yellow' : change.status === 'regressed' || change.status === 'invalid' ? 'red' : change.status === 'improved' ? 'green' : undefined;
    const line = format(rows[i]!);
    lines.push(color ? paint(color, line) : line);
  });
  if (report.diff.changes.length === 0) lines.push('(no numeric metrics)');

  const notCompared = [...report.head.skipped.map((s) => `${s.name} (${s.kind})`), ...report.head.invalid.map((v) => `${v.name} = ${v.raw} (invalid)`)];
  if (notCompared.length > 0) lines.push('', paint('dim', `not compared: ${escapeTerminal(notCompared.slice(0, 20).join(', '))}${notCompared.length > 20 ? `, ... ${notCompared.length - 20} more` : ''}`));

  lines.push(...sideSections(report));

  const gate = report.gate;
  if (gate && gate.results.length > 0) {
    lines.push('');
    for (const result of gate.results) {
      const mark = result.outcome === 'pass' ? paint('green', 'PASS') : result.outcome === 'fail' ? paint('red', 'FAIL') : paint('dim', 'SKIP');
      lines.push(`${mark}  ${escapeTerminal(result.message)}`);
    }
    const passed = gate.results.filter((r) => r.outcome === 'pass').length;
    const skipped = gate.results.length - passed - gate.failures.length;
    const tally = `${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    lines.push('', gate.passed ? paint('green', `gate passed (${tally})`) : paint('red', `gate failed: ${gate.failures.length} of ${gate.results.length} rules failed (${tally})`));
  }
  return `${lines.join('\n')}\n`;
}

function changeText(change: MetricChange): string {
  const arrow = change.direction === 'higher' ? '(higher is better)' : '(lower is better)';
  switch (change.status) {
    case 'improved':
    case 'regressed':
      return `${change.status === 'improved' ? '▲' : '▼'} ${formatDelta(change)} ${statusWords[change.status]}${change.withinNoise ? ', within noise' : ''} ${arrow}`;
    case 'unchanged':
      return change.absolute ? `= ${formatDelta(change)} within tolerance` : '= no change';
    case 'invalid':
      return `! ${change.invalid?.side} is ${escapeTerminal(change.invalid?.raw ?? '')}, not compared`;
    case 'added':
      return '+ new metric';
    case 'removed':
      return '- not in head';
  }
}

/** What changed, data quality, text values and trend in a few lines each: the markdown has the tables and charts. */
function sideSections(report: ReviewReport): string[] {
  const lines: string[] = [];
  const diff = report.whatChanged;
  if (diff) {
    lines.push('', `what changed: ${whatChangedLine(diff)}`);
    const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
    for (const p of diff.params.slice(0, 20)) lines.push(`  param ${escapeTerminal(p.name)}: ${escapeTerminal(show(p.base))} -> ${escapeTerminal(show(p.head))}`);
    if (diff.params.length > 20) lines.push(`  ... and ${diff.params.length - 20} more params`);
    for (const d of diff.data.slice(0, 20)) lines.push(`  data ${escapeTerminal(d.path)}: ${d.base ? d.base.sha256.slice(0, 12) : '(none)'} -> ${d.head ? d.head.sha256.slice(0, 12) : '(none)'}`);
  }
  const quality = report.dataQuality;
  if (quality) {
    lines.push('', `data quality: ${dataQualityLine(quality)}`);
    for (const c of quality.failed.slice(0, 10)) lines.push(`  ${c.severity.padEnd(5)}  ${escapeTerminal([c.file, c.column ?? '(table)', c.check].filter(Boolean).join(' '))}: ${escapeTerminal(c.message)}`);
    if (quality.failed.length > 10) lines.push(`  ... and ${quality.failed.length - 10} more failed checks`);
  }
  const drift = report.dataDrift;
  if (drift) {
    lines.push('', `data drift: ${dataDriftLine(drift, escapeTerminal)}`);
    for (const c of drift.drifted.slice(0, 10)) lines.push(`  ${escapeTerminal(c.name)}: ${c.status === 'schema_change' ? 'schema change' : `${c.method} ${c.statistic_name} ${c.statistic}${c.p_value === null ? '' : `, p ${c.p_value}`}`}`);
    if (drift.drifted.length > 10) lines.push(`  ... and ${drift.drifted.length - 10} more drifted columns`);
  }
  const texts = report.textChanges ?? [];
  if (texts.length > 0) lines.push('', ...texts.slice(0, 20).map((t) => `text ${escapeTerminal(t.name)}: ${escapeTerminal(JSON.stringify(t.base))} -> ${escapeTerminal(JSON.stringify(t.head))}`));
  if ((report.trend ?? []).length > 0) lines.push('');
  for (const series of report.trend ?? []) {
    const values = series.points.map((p) => p.value);
    const [head, low, high] = formatDistinct([series.head, Math.min(...values), Math.max(...values)]);
    lines.push(`trend ${escapeTerminal(series.metric)}: this change ${head}; the last ${values.length} default-branch runs ${low} to ${high}`);
  }
  return lines;
}
