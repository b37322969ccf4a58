// Reads the Mermaid `xychart-beta` blocks of a report back into their series, accepting exactly the
// statements modelgate writes, each token as mermaid's xychart.jison lexes it: a string is `"` then
// anything but `"` then `"`; a number is [+-]?(digits[.digits] | .digits) (no exponent); a linear
// axis is `min --> max`; a band axis a bracketed list of strings. Anything else is an error, so a
// label that broke out of its string (or a number mermaid cannot read) fails the test.
import { parse as parseYaml } from 'yaml';

export interface ParsedXyChart {
  title: string;
  xAxis: { title: string; range?: [number, number]; categories?: string[] };
  yAxis: { title: string; range?: [number, number] };
  lines: number[][];
  /** plotColorPalette of the front matter, one colour per line in order. */
  palette: string[];
}

const STR = '"([^"]*)"';
const NUM = '[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
const numbers = (list: string) => list.split(',').map((item) => {
  const text = item.trim();
  if (!new RegExp(`^${NUM}$`).test(text)) throw new Error(`not a number mermaid reads: ${JSON.stringify(text)}`);
  return Number(text);
});
const strings = (list: string) => {
  const items = [...list.matchAll(new RegExp(`\\s*${STR}\\s*(,|$)`, 'g'))];
  if (items.map((m) => m[0]).join('') !== list) throw new Error(`not a list of strings: ${list}`);
  return items.map((m) => m[1]!);
};

export function parseXyChart(block: string): ParsedXyChart {
  const lines = block.split('\n');
  let at = 0;
  let palette: string[] = [];
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new Error('front matter not closed');
    const config = parseYaml(lines.slice(1, end).join('\n')) as { config?: { themeVariables?: { xyChart?: { plotColorPalette?: string } } } };
    palette = (config.config?.themeVariables?.xyChart?.plotColorPalette ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    at = end + 1;
  }
  if (!/^xychart(-beta)?$/.test(lines[at]!.trim())) throw new Error(`expected xychart-beta, got ${lines[at]}`);
  const chart: ParsedXyChart = { title: '', xAxis: { title: '' }, yAxis: { title: '' }, lines: [], palette };
  for (const raw of lines.slice(at + 1)) {
    const line = raw.trim();
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^title\\s+${STR}$`).exec(line))) chart.title = m[1]!;
    else if ((m = new RegExp(`^x-axis\\s+${STR}\\s+(${NUM})\\s*-->\\s*(${NUM})$`).exec(line))) chart.xAxis = { title: m[1]!, range: [Number(m[2]), Number(m[3])] };
    else if ((m = new RegExp(`^x-axis\\s+${STR}\\s+\\[(.*)\\]$`).exec(line))) chart.xAxis = { title: m[1]!, categories: strings(m[2]!) };
    else if ((m = new RegExp(`^y-axis\\s+${STR}(?:\\s+(${NUM})\\s*-->\\s*(${NUM}))?$`).exec(line))) chart.yAxis = { title: m[1]!, ...(m[2] ? { range: [Number(m[2]), Number(m[3])] as [number, number] } : {}) };
    else if ((m = /^line\s+\[(.*)\]$/.exec(line))) chart.lines.push(numbers(m[1]!));
    else throw new Error(`not an xychart statement modelgate writes: ${line}`);
  }
  return chart;
}

/** Every mermaid block of a markdown text, parsed. */
export function xyCharts(markdown: string): ParsedXyChart[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => parseXyChart(m[1]!));
}
