// Mermaid `xychart-beta` line charts, which GitHub renders in comments and job summaries: no image
// host, no token. Written for the grammar of mermaid's xychart.jison: numbers are plain decimals
// (no exponent), text is a double-quoted string that cannot hold a double quote, and a linear x axis
// spaces the points of a line evenly from its min to its max.

/** One line: its values, in order along the x axis. */
export type Series = readonly number[];

export type XAxis = { title: string; range: readonly [number, number] } | { title: string; categories: readonly string[] };

export interface XyChart {
  title: string;
  xAxis: XAxis;
  yAxis: { title: string; range?: readonly [number, number] };
  /** Lines drawn in this order; `colors` gives each its colour (xychart has no legend). */
  lines: readonly Series[];
  colors: readonly string[];
}

/** Colours named in the words beside a chart: base grey, head blue, a reference line light grey. */
export const chartColors = { base: '#8c959f', head: '#0969da', reference: '#d0d7de', trend: '#8c959f', pr: '#cf222e' } as const;

/**
 * Text inside a chart: user data (metric names, file paths, labels) made inert. A double quote
 * would end the string and let the rest be read as chart statements; a backtick would end the
 * markdown fence; `%%{` would open a mermaid directive and `#name;` an entity code; newlines would
 * start a statement. Long text is shortened, as the chart has no room for it.
 */
export function chartText(text: string, maxLength = 60): string {
  const clean = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/"/g, "'")
    .replace(/`/g, "'")
    .replace(/%(?=%)/g, '％')
    .replace(/#(?=[\w]+;)/g, '＃')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/** A number as the grammar reads it (`[+-]?digits[.digits]`): fixed decimals, trailing zeros and -0 dropped. */
export function chartNumber(value: number, decimals = 4): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) throw new Error(`cannot chart ${value}`);
  const text = value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** Decimals that show `values` with 4 significant digits of their size and of their spread, never an exponent. */
export function chartDecimals(values: readonly number[]): number {
  const digitsFor = (x: number) => (x > 0 && Number.isFinite(x) ? 3 - Math.floor(Math.log10(x)) : 0);
  const size = Math.max(...values.map((v) => Math.abs(v)));
  const spread = Math.max(...values) - Math.min(...values);
  return Math.min(12, Math.max(0, digitsFor(size), digitsFor(spread)));
}

/** Whether every value can be written in a chart (finite and below toFixed's exponent range). */
export function chartable(values: readonly (number | null)[]): values is number[] {
  return values.length > 0 && values.every((v) => v !== null && Number.isFinite(v) && Math.abs(v) < 1e21);
}

/** The fenced mermaid block. The front matter sets the line colours, in the order the lines come. */
export function renderXyChart(chart: XyChart, decimals = 4): string {
  const quoted = (text: string) => `"${chartText(text)}"`;
  const x = 'range' in chart.xAxis
    ? `x-axis ${quoted(chart.xAxis.title)} ${chartNumber(chart.xAxis.range[0])} --> ${chartNumber(chart.xAxis.range[1])}`
    : `x-axis ${quoted(chart.xAxis.title)} [${chart.xAxis.categories.map((c) => quoted(c)).join(', ')}]`;
  const y = `y-axis ${quoted(chart.yAxis.title)}${chart.yAxis.range ? ` ${chartNumber(chart.yAxis.range[0], decimals)} --> ${chartNumber(chart.yAxis.range[1], decimals)}` : ''}`;
  const lines = chart.lines.map((series) => `  line [${series.map((v) => chartNumber(v, decimals)).join(', ')}]`);
  return [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${chart.colors.join(', ')}"`,
    '---',
    'xychart-beta',
    `  title ${quoted(chart.title)}`,
    `  ${x}`,
    `  ${y}`,
    ...lines,
    '```',
  ].join('\n');
}
