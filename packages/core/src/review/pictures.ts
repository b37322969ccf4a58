// The pictures of an `evaluate` output in the report: ROC, precision-recall and calibration curves
// of base and head on the same axes, the confusion matrices with the change per cell, and the
// per-class table. Drawn only from what the metrics files hold: a file without curves has no chart.
import { markdownTable } from 'markdown-table';
import { CALIBRATION_BINS, CURVE_STEPS, curveGrid } from '../evaluation/curves.ts';
import type { EvaluationDetails } from './evaluation-details.ts';
import { escapeMarkdown } from './escape.ts';
import { formatDistinct, formatSigned } from './format.ts';
import { chartColors, chartable, renderXyChart } from './xychart.ts';

/** The details of one metrics file on both sides; `file` is set when the report has several files. */
export interface PictureSource {
  file?: string;
  base?: EvaluationDetails;
  head?: EvaluationDetails;
}

/** One chart or table, rendered; the report drops charts before tables when it runs out of room. */
export interface PictureBlock {
  kind: 'chart' | 'table';
  markdown: string;
}

/** Every chart and table the details allow, in reading order. */
export function pictureBlocks(source: PictureSource): PictureBlock[] {
  const blocks: PictureBlock[] = [];
  const chart = (markdown: string | undefined) => markdown && blocks.push({ kind: 'chart', markdown });
  chart(rocChart(source));
  chart(precisionRecallChart(source));
  chart(calibrationChart(source));
  const confusion = confusionTable(source);
  if (confusion) blocks.push({ kind: 'table', markdown: confusion });
  const perClass = perClassTable(source);
  if (perClass) blocks.push({ kind: 'table', markdown: perClass });
  return blocks;
}

interface Side {
  name: 'base' | 'head';
  values: number[];
}

/** The sides whose series can be drawn, base first; a side with nulls (one class only) is named in `missing`. */
function drawable(source: PictureSource, pick: (details: EvaluationDetails) => readonly (number | null)[] | undefined): { sides: Side[]; missing: string[] } {
  const sides: Side[] = [];
  const missing: string[] = [];
  for (const name of ['base', 'head'] as const) {
    const values = source[name] ? pick(source[name]) : undefined;
    if (values === undefined) continue;
    if (chartable(values)) sides.push({ name, values });
    else missing.push(name);
  }
  return { sides, missing };
}

function legend(sides: readonly Side[], reference?: string): string {
  const parts: string[] = sides.map((side) => (side.name === 'base' ? 'grey: base' : 'blue: head (this change)'));
  if (reference) parts.push(`light grey: ${reference}`);
  return parts.join(', ');
}

function titled(title: string, file: string | undefined): string {
  return file ? `${title}: ${file}` : title;
}

function undefinedNote(missing: readonly string[], what: string): string {
  return missing.length > 0 ? ` The ${missing.join(' and ')} ${what} is undefined (one class only) and not drawn.` : '';
}

/** The ROC chart's chance line: tpr = fpr on the curves' grid. */
const chance = curveGrid();

function rocChart(source: PictureSource): string | undefined {
  const { sides, missing } = drawable(source, (d) => (d.curves?.roc.fpr.length === CURVE_STEPS + 1 ? d.curves.roc.tpr : undefined));
  if (sides.length === 0) return undefined;
  const chart = renderXyChart({
    title: titled('ROC curve', source.file),
    xAxis: { title: 'false positive rate (%)', range: [0, 100] },
    yAxis: { title: 'true positive rate', range: [0, 1] },
    lines: [...sides.map((s) => s.values), chance],
    colors: [...sides.map((s) => chartColors[s.name]), chartColors.reference],
  });
  return `**ROC curve**: the best true positive rate at each false positive rate; ${legend(sides, 'chance')}.${undefinedNote(missing, 'ROC curve')}\n\n${chart}`;
}

function precisionRecallChart(source: PictureSource): string | undefined {
  const { sides, missing } = drawable(source, (d) => (d.curves?.pr.recall.length === CURVE_STEPS + 1 ? d.curves.pr.precision : undefined));
  if (sides.length === 0) return undefined;
  const chart = renderXyChart({
    title: titled('Precision-recall curve', source.file),
    xAxis: { title: 'recall (%)', range: [0, 100] },
    yAxis: { title: 'precision', range: [0, 1] },
    lines: sides.map((s) => s.values),
    colors: sides.map((s) => chartColors[s.name]),
  });
  return `**Precision-recall curve**: the best precision at each recall or beyond; ${legend(sides)}.${undefinedNote(missing, 'precision-recall curve')}\n\n${chart}`;
}

/** The calibration curves over the bins every drawn side has rows in: xychart cannot leave a gap in a line. */
function calibrationChart(source: PictureSource): string | undefined {
  const sides = (['base', 'head'] as const).flatMap((name) => {
    const calibration = source[name]?.curves?.calibration;
    return calibration && calibration.count.length === CALIBRATION_BINS ? [{ name, calibration }] : [];
  });
  if (sides.length === 0) return undefined;
  const bins = Array.from({ length: CALIBRATION_BINS }, (_, b) => b).filter((b) => sides.every(({ calibration }) => calibration.count[b]! > 0 && calibration.fraction_positive[b] !== null));
  if (bins.length < 2) return undefined;
  const edge = (b: number) => (b / CALIBRATION_BINS).toFixed(1);
  const drawn: Side[] = sides.map(({ name, calibration }) => ({ name, values: bins.map((b) => calibration.fraction_positive[b]!) }));
  const chart = renderXyChart({
    title: titled('Calibration', source.file),
    xAxis: { title: 'predicted probability (bin)', categories: bins.map((b) => `${edge(b)}-${edge(b + 1)}`) },
    yAxis: { title: 'fraction positive', range: [0, 1] },
    lines: [...drawn.map((s) => s.values), bins.map((b) => (b + 0.5) / CALIBRATION_BINS)],
    colors: [...drawn.map((s) => chartColors[s.name]), chartColors.reference],
  });
  const left = CALIBRATION_BINS - bins.length;
  return `**Calibration**: the share of positives among rows scored in each bin; ${legend(drawn, "the bin's midpoint (perfect calibration)")}.${left > 0 ? ` ${left} ${left === 1 ? 'bin' : 'bins'} without rows on a side left out.` : ''}\n\n${chart}`;
}

/** `412 → 398 (-14)`, or one side alone. */
function countChange(base: number | undefined, head: number | undefined): string {
  if (base === undefined) return head === undefined ? '' : String(head);
  if (head === undefined) return `${base} → (none)`;
  return head === base ? `${head}` : `${base} → ${head} (${formatSigned(head - base)})`;
}

/** `0.812 → 0.834 (+0.022)`: both values with the digits that tell them apart. */
function rateChange(base: number | undefined, head: number | undefined): string {
  if (head === undefined) return base === undefined ? '' : `${formatDistinct([base])[0]} → (none)`;
  if (base === undefined) return formatDistinct([head])[0]!;
  if (base === head) return formatDistinct([head])[0]!;
  const [b, h] = formatDistinct([base, head]);
  return `${b} → ${h} (${formatSigned(head - base)})`;
}

/** Labels of both sides, head's order first: a class only one side has counts 0 on the other. */
function unionLabels(base: readonly string[] | undefined, head: readonly string[] | undefined): string[] {
  return [...new Set([...(head ?? []), ...(base ?? [])])];
}

function confusionTable(source: PictureSource): string | undefined {
  const base = source.base?.confusion_matrix;
  const head = source.head?.confusion_matrix;
  if (!head && !base) return undefined;
  const labels = unionLabels(base?.labels, head?.labels);
  if (labels.length > 20) return undefined; // a 400-cell table says nothing a reader can take in
  const cell = (matrix: typeof head, truth: string, predicted: string) => {
    if (!matrix) return undefined;
    const t = matrix.labels.indexOf(truth);
    const p = matrix.labels.indexOf(predicted);
    return t < 0 || p < 0 ? 0 : matrix.matrix[t]![p]!;
  };
  const rows = labels.map((truth) => [escapeMarkdown(truth), ...labels.map((predicted) => countChange(cell(base, truth, predicted), cell(head, truth, predicted)))]);
  const table = markdownTable([['true \\ predicted', ...labels.map((l) => escapeMarkdown(l))], ...rows], { alignDelimiters: false });
  const what = base && head ? 'base → head (change) per cell' : head ? 'head' : 'base only';
  return `**Confusion matrix${source.file ? ` (${escapeMarkdown(source.file)})` : ''}**: rows are the true class, columns the predicted one; ${what}.\n\n${table}`;
}

function perClassTable(source: PictureSource): string | undefined {
  const base = source.base?.per_class;
  const head = source.head?.per_class;
  if (!head && !base) return undefined;
  const labels = unionLabels(base ? Object.keys(base) : undefined, head ? Object.keys(head) : undefined);
  const rows = labels.map((label) => {
    const b = base?.[label];
    const h = head?.[label];
    return [escapeMarkdown(label), countChange(b?.support, h?.support), rateChange(b?.precision, h?.precision), rateChange(b?.recall, h?.recall), rateChange(b?.f1, h?.f1)];
  });
  const table = markdownTable([['Class', 'Support', 'Precision', 'Recall', 'F1'], ...rows], { align: ['l', 'r', 'r', 'r', 'r'], alignDelimiters: false });
  return `**Per class${source.file ? ` (${escapeMarkdown(source.file)})` : ''}**: classification_report's values${base && head ? ', base → head (change)' : ''}.\n\n${table}`;
}
