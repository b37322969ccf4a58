import { markdownTable } from 'markdown-table';
import type { MetricChange } from './diff.ts';
import { formatDelta, formatNoise, formatPair, statusWords } from './change-text.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';
import type { RuleResult } from './gate.ts';
import type { SliceMetric } from '../metrics/snapshot.ts';
import type { ReviewReport } from './report.ts';
import {
  type DetailLevel,
  dataQualitySection,
  dataQualityStatus,
  levelsFor,
  shedNote,
  notesSection,
  picturesSection,
  textChangesSection,
  trendSection,
  whatChangedSection,
} from './render-sections.ts';

/** GitHub rejects issue comments and issue bodies over 65,536 characters with a 422. */
export const commentLimit = 65_536;
/** Step summaries are capped at 1 MiB per step, counted in bytes (see MarkdownOptions.unit). */
export const summaryLimit = 1_000_000;

export interface MarkdownOptions {
  /** Largest body allowed; rows are dropped (regressions last) until the report fits. */
  maxLength?: number;
  /** Note shown when rows had to be dropped, e.g. where the full report is. */
  truncatedNote?: string;
  /** How maxLength is counted: characters (comments, the default) or UTF-8 bytes (step summaries). */
  unit?: 'chars' | 'utf8-bytes';
}

/** Length of a text in UTF-8 bytes, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Hidden marker that identifies a report's sticky comment. */
export function reportMarker(id: string): string {
  return `<!-- modelgate:report:${id.replace(/[^\w.-]/g, '_')} -->`;
}

const icons = { improved: '🟢', regressed: '🔴', unchanged: '⚪', added: '🆕', removed: '➖', invalid: '⚠️' } as const;
const outcomeIcons = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skipped' } as const;
const maxListed = 100;
/** Gate failures listed above the table, and gate rules in the table: a `*` rule over hundreds
 * of slices must not push the metrics out of a comment limited to 65,536 characters. */
const maxFailuresListed = 20;
const maxGateRows = 100;

/**
 * The PR comment and job summary. Pure. When the full report exceeds `maxLength` it sheds by
 * importance: charts, then tables (see detailLevels), and only then the least important metric
 * rows (unchanged first, regressions and gated metrics never before the rest), each with a note.
 */
export function renderMarkdown(report: ReviewReport, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? commentLimit;
  const size = options.unit === 'utf8-bytes' ? utf8Length : (text: string) => text.length;
  const all = report.diff.changes.length;
  // Charts, then tables, go before any metric row does (see detailLevels).
  const levels = levelsFor(report);
  for (const level of levels) {
    const body = renderAt(report, all, level, options);
    if (size(body) <= maxLength) return body;
  }
  // Binary search for the largest number of rows that fits.
  const level = levels.at(-1)!;
  let low = 0;
  let high = all - 1;
  let best = renderAt(report, 0, level, options);
  while (low <= high) {
    const middle = (low + high) >> 1;
    const body = renderAt(report, middle, level, options);
    if (size(body) <= maxLength) {
      best = body;
      low = middle + 1;
    } else high = middle - 1;
  }
  // Even the empty table can be too large with huge gate sections: hard cut as a last resort.
  return size(best) <= maxLength ? best : `${best.slice(0, Math.floor(maxLength / 4))}\n\n_Report cut to stay within ${maxLength} ${options.unit === 'utf8-bytes' ? 'bytes' : 'characters'}._\n`;
}

/**
 * The report in reading order: verdict and status lines, gate failures, the metric table, what
 * changed, data checks, pictures, trend, gate rules, then what was not compared or left out.
 */
function renderAt(report: ReviewReport, rowBudget: number, level: DetailLevel, options: MarkdownOptions): string {
  const lines: string[] = [reportMarker(report.id), `### ${escapeMarkdown(report.title)}`, '', statusLine(report), '', ...dataQualityStatus(report)];
  if (!report.baseline.found) {
    lines.push(
      report.baseline.fault ? '> [!WARNING]' : '> [!NOTE]',
      `> ${report.baseline.fault ? 'The baseline could not be read' : 'No baseline'}: ${escapeMarkdown(report.baseline.reason)}. Head values are shown alone.`,
      '',
    );
  }

  const gate = report.gate;
  if (gate && !gate.passed) {
    const failures = gate.results.filter((r) => r.outcome === 'fail');
    lines.push('**Gate failures**', '');
    for (const failure of failures.slice(0, maxFailuresListed)) lines.push(`- ❌ ${escapeMarkdown(failure.message)}`);
    if (failures.length > maxFailuresListed) lines.push(`- ... and ${failures.length - maxFailuresListed} more (see the gate rules below)`);
    lines.push('');
  }

  const shown = chooseRows(report, rowBudget);
  if (report.diff.changes.length > 0) {
    const overall = shown.filter((change) => !sliceOf(report, change.name));
    if (overall.length > 0) lines.push(metricsTable(overall, report.files ? fileColumn : undefined), '');
    lines.push(...sliceSections(report, shown.filter((change) => sliceOf(report, change.name))));
    const hidden = report.diff.changes.length - shown.length;
    if (hidden > 0) {
      lines.push(`_${hidden} of ${report.diff.changes.length} metrics not shown to stay within GitHub's size limit${options.truncatedNote ? `; ${escapeMarkdown(options.truncatedNote)}` : ''}._`, '');
    }
  } else {
    lines.push('_No numeric metrics found in the head metrics file._', '');
  }

  if (report.diff.withinNoise > 0) {
    lines.push(`_〰️ within noise: the ${report.diff.withinNoise === 1 ? 'change lies' : 'changes lie'} inside a 95% confidence interval, so ${report.diff.withinNoise === 1 ? 'it is' : 'they are'} not evidence of a real difference._`, '');
  }

  lines.push(...textChangesSection(report, level), ...whatChangedSection(report, level), ...dataQualitySection(report, level));
  const pictures = picturesSection(report, level);
  const trend = trendSection(report, level);
  lines.push(...pictures.lines, ...trend.lines);
  const shed = shedNote(report, level, pictures.hidden + trend.hidden);
  if (shed) lines.push(`_${shed} not shown to stay within GitHub's size limit${options.truncatedNote ? `; ${escapeMarkdown(options.truncatedNote)}` : ''}._`, '');

  if (gate && gate.results.length > 0) lines.push(...gateDetails(gate.results, gate.passed), '');
  lines.push(...notCompared(report, level), ...notesSection(report), footer(report));
  return `${lines.join('\n')}\n`;
}

function statusLine(report: ReviewReport): string {
  const { counts } = report.diff;
  const parts: string[] = [];
  const noisy = (status: 'improved' | 'regressed') => report.diff.changes.filter((c) => c.status === status && c.withinNoise).length;
  for (const status of ['regressed', 'improved'] as const) {
    if (counts[status] === 0) continue;
    const n = noisy(status);
    parts.push(`${counts[status]} ${status}${n > 0 ? ` (${n === counts[status] ? 'all' : n} within noise)` : ''}`);
  }
  for (const status of ['unchanged', 'added', 'removed', 'invalid'] as const) if (counts[status] > 0) parts.push(`${counts[status]} ${status}`);
  const summary = parts.length > 0 ? parts.join(', ') : 'no metrics';
  const gate = report.gate;
  if (!gate || gate.results.length === 0) return `**${summary}**`;
  const failed = gate.failures.length;
  const passedCount = gate.results.filter((r) => r.outcome === 'pass').length;
  const skipped = gate.results.length - passedCount - failed;
  const verdict = gate.passed
    ? `✅ Gate passed (${passedCount} of ${gate.results.length} rules passed${skipped > 0 ? `, ${skipped} skipped` : ''})`
    : `❌ Gate failed: ${failed} of ${gate.results.length} rules failed`;
  return `**${verdict}** · ${summary}`;
}

// Rows by importance; the kept rows are shown in their original order.
function chooseRows(report: ReviewReport, budget: number): MetricChange[] {
  const changes = report.diff.changes;
  if (budget >= changes.length) return changes;
  const gated = new Set(report.gate?.results.map((r) => r.metric) ?? []);
  const rank = (c: MetricChange) => {
    if (c.status === 'regressed' && !c.withinNoise) return 0;
    if (c.status === 'invalid' || gated.has(c.name)) return 1;
    if (c.status === 'regressed' || c.status === 'improved') return 2;
    if (c.status === 'added' || c.status === 'removed') return 3;
    return 4;
  };
  const keep = new Set(changes.map((c, i) => ({ c, i, r: rank(c) })).sort((a, b) => a.r - b.r || a.i - b.i).slice(0, budget).map(({ c }) => c));
  return changes.filter((c) => keep.has(c));
}

/** Columns before a metric's own (a slice's value and rows), and the name shown for the metric. */
interface LeadColumns {
  header: string[];
  align: ('l' | 'r')[];
  cells: (change: MetricChange) => string[];
  metricName: (change: MetricChange) => string;
}

function metricsTable(changes: MetricChange[], lead?: LeadColumns): string {
  const withNoise = changes.some((c) => c.noise);
  const leadHeader = lead?.header ?? [];
  const header = [...leadHeader, 'Metric', 'Base', 'Head', 'Change', ...(withNoise ? ['95% interval'] : [])];
  const rows = changes.map((change) => {
    const { base, head } = formatPair(change);
    const row = [...(lead?.cells(change) ?? []), escapeMarkdown(lead ? lead.metricName(change) : change.name), change.base === null ? '' : base, change.head === null ? '' : head, changeCell(change)];
    if (withNoise) row.push(formatNoise(change));
    return row;
  });
  return markdownTable([header, ...rows], { align: [...(lead?.align ?? []), 'l', 'r', 'r', 'l', 'l'], alignDelimiters: false });
}

/** The File column of a report on several metrics files (DVC's Path), the metric named inside its file. */
const fileColumn: LeadColumns = {
  header: ['File'],
  align: ['l'],
  cells: (change) => [escapeMarkdown(change.file ?? '')],
  metricName: (change) => change.metric ?? change.name,
};

function sliceOf(report: ReviewReport, name: string): SliceMetric | undefined {
  return report.head.slices.get(name) ?? report.base?.slices.get(name);
}

/**
 * Metrics of `evaluate --slice-by` slices, one collapsed section per slice column, opened when a
 * slice regressed beyond noise or failed a gate rule: a model can hold its overall numbers while
 * one segment of users gets worse, and that must not hide in a long table.
 */
function sliceSections(report: ReviewReport, changes: MetricChange[]): string[] {
  const failed = new Set(report.gate?.results.filter((r) => r.outcome === 'fail').map((r) => r.metric) ?? []);
  const byColumn = new Map<string, MetricChange[]>();
  for (const change of changes) {
    // With several files, each file's slices get their own section.
    const column = sliceOf(report, change.name)!.column;
    const key = JSON.stringify([change.file ?? '', column]);
    const rows = byColumn.get(key);
    if (rows) rows.push(change);
    else byColumn.set(key, [change]);
  }
  const lines: string[] = [];
  for (const [key, rows] of byColumn) {
    const [file, column] = JSON.parse(key) as [string, string];
    const slices = new Set(rows.map((change) => sliceOf(report, change.name)!.value));
    const regressed = rows.filter((change) => change.status === 'regressed' && !change.withinNoise).length;
    const failing = rows.filter((change) => failed.has(change.name)).length;
    const notes = [regressed > 0 ? `🔴 ${regressed} regressed` : '', failing > 0 ? `❌ ${failing} failing the gate` : ''].filter(Boolean).join(', ');
    // Inside an HTML element GitHub does not parse markdown: HTML escaping, not markdown escaping.
    const summary = `Slices by ${escapeHtml(column)}${file ? ` in ${escapeHtml(file)}` : ''} (${slices.size} ${slices.size === 1 ? 'slice' : 'slices'}, ${rows.length} metrics${notes ? `; ${notes}` : ''})`;
    const table = metricsTable(rows, {
      header: ['Slice', 'Rows'],
      align: ['l', 'r'],
      cells: (change) => {
        const slice = sliceOf(report, change.name)!;
        return [escapeMarkdown(slice.value), String(slice.rows)];
      },
      metricName: (change) => sliceOf(report, change.name)!.metric,
    });
    lines.push(`<details${regressed + failing > 0 ? ' open' : ''}><summary>${summary}</summary>`, '', table, '', '</details>', '');
  }
  return lines;
}

function changeCell(change: MetricChange): string {
  const arrow = change.direction === 'higher' ? '↑' : '↓';
  switch (change.status) {
    case 'improved':
    case 'regressed':
      return `${change.withinNoise ? '〰️' : icons[change.status]} ${formatDelta(change)} ${statusWords[change.status]}${change.withinNoise ? ', within noise' : ''} <sub>${arrow} is better</sub>`;
    case 'unchanged':
      return `${icons.unchanged} ${change.absolute === 0 || change.absolute === null ? 'no change' : `${formatDelta(change)} within tolerance`}`;
    case 'invalid':
      return `${icons.invalid} ${change.invalid?.side} is ${escapeMarkdown(change.invalid?.raw ?? '')}, not compared`;
    case 'added':
      return `${icons.added} new metric`;
    case 'removed':
      return `${icons.removed} not in head`;
  }
}

function gateDetails(results: RuleResult[], passed: boolean): string[] {
  // Failures first when not all rows fit, otherwise in rule order.
  const shown = results.length <= maxGateRows ? results : [...results.filter((r) => r.outcome === 'fail'), ...results.filter((r) => r.outcome !== 'fail')].slice(0, maxGateRows);
  const rows = shown.map((r) => [outcomeIcons[r.outcome], escapeMarkdown(r.metric), r.rule, escapeMarkdown(r.message)]);
  const table = markdownTable([['Result', 'Metric', 'Rule', 'Detail'], ...rows], { alignDelimiters: false });
  const summary = `Gate rules (${results.filter((r) => r.outcome === 'pass').length} passed, ${results.filter((r) => r.outcome === 'fail').length} failed, ${results.filter((r) => r.outcome === 'skip').length} skipped)`;
  const more = results.length > shown.length ? ['', `_${results.length - shown.length} more rule results not shown; the gate step's job summary lists all._`] : [];
  return [`<details${passed ? '' : ' open'}><summary>${summary}</summary>`, '', table, ...more, '', '</details>'];
}

function notCompared(report: ReviewReport, level: DetailLevel): string[] {
  const items: string[] = [];
  const add = (side: string, snapshot: ReviewReport['head'] | undefined) => {
    if (!snapshot) return;
    for (const s of snapshot.skipped) items.push(`${side}: **${escapeMarkdown(s.name)}** is ${escapeMarkdown(s.kind)}, not a number`);
    for (const v of snapshot.invalid) items.push(`${side}: **${escapeMarkdown(v.name)}** is ${escapeMarkdown(v.raw)} (invalid value)`);
  };
  add('head', report.head);
  add('base', report.base);
  if (items.length === 0) return [];
  if (level === 'lines') return [`_${items.length} values not compared (not numbers); the job summary lists them._`, ''];
  const limit = level === 'short-tables' ? 10 : maxListed;
  const listed = items.slice(0, limit).map((item) => `- ${item}`);
  if (items.length > limit) listed.push(`- ... and ${items.length - limit} more`);
  return [`<details><summary>Not compared (${items.length})</summary>`, '', ...listed, '', '</details>', ''];
}

function footer(report: ReviewReport): string {
  const parts: string[] = [];
  parts.push(report.baseline.found ? `baseline: ${escapeMarkdown(report.baseline.source)}` : 'no baseline');
  const { baseSha, headSha, runUrl, version } = report.context;
  if (baseSha || headSha) parts.push(`${baseSha ? `base \`${shortSha(baseSha)}\`` : 'base ?'} → ${headSha ? `head \`${shortSha(headSha)}\`` : 'head ?'}`);
  if (runUrl && /^https?:\/\//.test(runUrl)) parts.push(`[workflow run](${runUrl.replace(/[()\s]/g, encodeURIComponent)})`);
  parts.push(`modelgate ${escapeMarkdown(version)}`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

function shortSha(sha: string): string {
  return sha.replace(/[^0-9a-f]/gi, '').slice(0, 7);
}

/** The gate's own job summary and check-run text: verdict, failures, every rule. Pure. */
export function renderGateSummary(report: ReviewReport): string {
  const gate = report.gate;
  const lines = [`### ${escapeMarkdown(report.title)}: gate`, ''];
  if (!gate || gate.results.length === 0) return `${[...lines, '_No gate rules configured._'].join('\n')}\n`;
  lines.push(gate.passed ? `**✅ Gate passed**: ${gate.results.length} rules checked.` : `**❌ Gate failed**: ${gate.failures.length} of ${gate.results.length} rules failed.`, '');
  for (const failure of gate.results.filter((r) => r.outcome === 'fail')) lines.push(`- ❌ ${escapeMarkdown(failure.message)}`);
  if (!gate.passed) lines.push('');
  if (!report.baseline.found) lines.push(`_No baseline: ${escapeMarkdown(report.baseline.reason)}._`, '');
  const rows = gate.results.map((r) => [outcomeIcons[r.outcome], escapeMarkdown(r.metric), r.rule, escapeMarkdown(r.message)]);
  lines.push(markdownTable([['Result', 'Metric', 'Rule', 'Detail'], ...rows], { alignDelimiters: false }), '', footer(report));
  const text = `${lines.join('\n')}\n`;
  return utf8Length(text) <= summaryLimit ? text : `${text.slice(0, Math.floor(summaryLimit / 4))}\n\n_Summary cut to stay within ${summaryLimit} bytes._\n`;
}
