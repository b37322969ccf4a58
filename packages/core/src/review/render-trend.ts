import { formatDistinct } from './format.ts';
import type { TrendSeries } from './history.ts';
import { escapeMarkdown } from './escape.ts';
import { chartColors, chartDecimals, chartable, renderXyChart } from './xychart.ts';

/**
 * One sentence reading this change's value against the default branch's spread, and (unless
 * `words` only) a line chart: the default-branch values then this change's as the last point,
 * with flat lines at the lowest and highest default-branch value.
 */
export function renderTrend(series: TrendSeries, wordsOnly = false): string {
  const history = series.points.map((p) => p.value);
  const low = Math.min(...history);
  const high = Math.max(...history);
  const [shownHead, shownLow, shownHigh] = formatDistinct([series.head, low, high]);
  const where = series.head < low ? 'below every one of them' : series.head > high ? 'above every one of them' : 'within their range';
  const runs = history.length === 1 ? 'the last default-branch run' : `the last ${history.length} default-branch runs`;
  const words = `**${escapeMarkdown(series.metric)}**: this change has ${shownHead}, ${where} (${runs}: ${shownLow} to ${shownHigh}).`;
  const values = [...history, series.head];
  if (wordsOnly || !chartable(values)) return words;
  const chart = renderXyChart(
    {
      title: `${series.metric}: default branch, then this change`,
      xAxis: { title: 'commit', categories: [...runLabels(series.points.map((p) => p.sha)), 'this PR'] },
      yAxis: { title: series.metric },
      lines: [values, values.map(() => low), values.map(() => high)],
      colors: [chartColors.trend, chartColors.reference, chartColors.reference],
    },
    chartDecimals(values),
  );
  return `${words} Grey: the value per run, its last point this change; light grey: the lowest and highest default-branch value.\n\n${chart}`;
}

/**
 * Axis labels for the runs: a commit sha as its 7-character short form, other names up to 12
 * characters, and a repeat (a re-run of one commit) numbered, as a band axis merges equal labels.
 */
function runLabels(shas: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return shas.map((sha) => {
    const label = /^[0-9a-f]{8,}$/i.test(sha) ? sha.slice(0, 7) : sha.slice(0, 12);
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count === 1 ? label : `${label} (${count})`;
  });
}
