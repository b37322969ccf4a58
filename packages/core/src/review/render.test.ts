import { describe, expect, it } from 'vitest';
import { diffMetrics } from './diff.ts';
import { escapeMarkdown } from './escape.ts';
import { evaluateGate } from './gate.ts';
import { commentLimit, renderMarkdown, reportMarker } from './render-markdown.ts';
import { renderText } from './render-text.ts';
import { type ReviewReport, reportStatus } from './report.ts';
import { config, snap } from './test-helpers.ts';

function report(base: Record<string, unknown> | undefined, head: Record<string, unknown>, cfg: unknown = {}): ReviewReport {
  const c = config(cfg);
  const baseSnapshot = base ? snap(base) : undefined;
  const headSnapshot = snap(head);
  const diff = diffMetrics(baseSnapshot, headSnapshot, c);
  return {
    id: 'default',
    title: 'Model metrics',
    diff,
    gate: evaluateGate(diff, c),
    head: headSnapshot,
    base: baseSnapshot,
    baseline: base ? { found: true, source: 'file base.json' } : { found: false, reason: 'no metrics file at the base commit' },
    headSource: 'metrics.json',
    context: { version: '0.1.0', baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), runUrl: 'https://github.com/o/r/actions/runs/1' },
  };
}

// The table cells of the row whose first cell is `name` (escaped), split on unescaped pipes.
function cells(markdown: string, firstCell: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${firstCell} |`));
  if (!line) throw new Error(`no row for ${firstCell}`);
  return line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

describe('renderMarkdown', () => {
  it('shows status, a row per metric with direction-aware words, the gate and a footer', () => {
    const md = renderMarkdown(report({ accuracy: 0.8, rmse: 3 }, { accuracy: 0.84, rmse: 3.3 }, { gate: { rules: { rmse: { max: 3.2 } } } }));
    expect(md.startsWith(reportMarker('default'))).toBe(true);
    expect(md).toContain('**❌ Gate failed: 1 of 1 rules failed** · 1 regressed, 1 improved');
    expect(cells(md, 'accuracy')).toEqual(['accuracy', '0.8', '0.84', '🟢 +0.04 (+5.00%) better <sub>↑ is better</sub>']);
    expect(cells(md, 'rmse')[3]).toBe('🔴 +0.3 (+10.0%) worse <sub>↓ is better</sub>');
    expect(md).toContain('- ❌ rmse = 3.3 is above the maximum 3.2 (rule max)');
    expect(md).toContain('base `aaaaaaa` → head `bbbbbbb`');
    expect(md).toContain('[workflow run](https://github.com/o/r/actions/runs/1)');
  });

  it('shows enough digits to see a small change', () => {
    const md = renderMarkdown(report({ auc: 0.912341 }, { auc: 0.912347 }));
    expect(cells(md, 'auc').slice(1, 3)).toEqual(['0.912341', '0.912347']);
  });

  it('says when there is no baseline', () => {
    const md = renderMarkdown(report(undefined, { acc: 0.9 }));
    expect(md).toContain('No baseline: no metrics file at the base commit. Head values are shown alone.');
    expect(cells(md, 'acc')).toEqual(['acc', '', '0.9', '🆕 new metric']);
  });

  it('marks changes within noise in the row and explains it', () => {
    const r = report({ metrics: { acc: 0.85 }, rows: 500, intervals: { acc: [0.82, 0.88] } }, { metrics: { acc: 0.86 }, rows: 500, intervals: { acc: [0.83, 0.89] } });
    const md = renderMarkdown(r);
    expect(cells(md, 'acc')[3]).toContain('better, within noise');
    expect(md).toContain('1 improved (all within noise)');
    expect(md).toContain('inside a 95% confidence interval');
    expect(reportStatus(r)).toBe('within-noise');
  });

  it('escapes user-controlled names: no HTML, no mention, no broken table', () => {
    const nasty = { '<img src=x>': 1, '@org/team': 2, '| x |': 3, '#12': 4 };
    const md = renderMarkdown(report(nasty, nasty));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x&gt;');
    expect(md).not.toMatch(/@org/); // a word joiner follows every @
    expect(md).not.toMatch(/#12/);
    const tableRows = md.split('\n').filter((l) => l.startsWith('| '));
    // header, delimiter row and 4 metrics, each with exactly 4 cells
    expect(tableRows).toHaveLength(6);
    for (const row of tableRows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
  });

  it('stays under the comment limit with thousands of metrics, keeping regressions and saying so', () => {
    const base: Record<string, number> = {};
    const head: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      base[`layer_${i}_weight_norm_with_a_long_name`] = i;
      head[`layer_${i}_weight_norm_with_a_long_name`] = i;
    }
    base.accuracy = 0.9;
    head.accuracy = 0.7;
    const md = renderMarkdown(report(base, head), { truncatedNote: 'the job summary has all of them' });
    expect(md.length).toBeLessThanOrEqual(commentLimit);
    expect(cells(md, 'accuracy')[3]).toContain('worse');
    expect(md).toMatch(/_\d+ of 5001 metrics not shown to stay within GitHub's size limit; the job summary has all of them\._/);
  });
});

describe('escapeMarkdown', () => {
  it('leaves plain names readable', () => {
    expect(escapeMarkdown('eval.test.auc')).toBe('eval.test.auc');
    expect(escapeMarkdown('f1_macro')).toBe('f1\\_macro');
  });
});

describe('renderText', () => {
  it('aligns columns, uses words as well as colours, and lists gate verdicts', () => {
    const text = renderText(report({ accuracy: 0.8 }, { accuracy: 0.7 }, { gate: { rules: { accuracy: { min: 0.75 } } } }));
    expect(text).toContain('▼ -0.1 (-12.5%) worse (higher is better)');
    expect(text).toContain('FAIL  accuracy = 0.7 is below the minimum 0.75 (rule min)');
    expect(text).toContain('gate failed: 1 of 1 rules failed');
    expect(text).not.toContain('\u001b[');
    expect(renderText(report({ a: 1 }, { a: 2 }), { color: true })).toContain('\u001b[32m');
  });

  it('neutralises terminal escape sequences in names', () => {
    expect(renderText(report(undefined, { 'x\u001b[2Jy': 1 }))).toContain('x\\x1b[2Jy');
  });
});

describe('more escaping and limits', () => {
  it('breaks GitHub autolinks in names (www., http://)', () => {
    const md = renderMarkdown(report({ 'www.evil.com': 1, 'http://evil.com/a': 2 }, { 'www.evil.com': 1, 'http://evil.com/a': 2 }));
    expect(md).not.toMatch(/www\.evil/);
    expect(md).not.toMatch(/http:\/\//);
  });

  it('keeps a step summary under the limit in UTF-8 bytes, not characters', () => {
    const base: Record<string, number> = {};
    const head: Record<string, number> = {};
    for (let i = 0; i < 30_000; i++) {
      base[`métrique_${i}_→_très_longue`] = i;
      head[`métrique_${i}_→_très_longue`] = i + 1;
    }
    const md = renderMarkdown(report(base, head), { maxLength: 1_000_000, unit: 'utf8-bytes' });
    expect(new TextEncoder().encode(md).length).toBeLessThanOrEqual(1_000_000);
    expect(md).toMatch(/metrics not shown/);
  });

  it('lists names that were not compared as escaped text, not raw entities in code', () => {
    const md = renderMarkdown(report(undefined, { '<b>x</b>': 'text', ok: 1 }));
    expect(md).toContain('head: **&lt;b&gt;x&lt;/b&gt;** is string, not a number');
  });

  it('does not print a real change as 0.00 when a precision is configured', () => {
    const md = renderMarkdown(report({ acc: 0.851 }, { acc: 0.849 }, { metrics: { acc: { precision: 2 } } }));
    expect(cells(md, 'acc')[3]).toContain('-0.002');
  });

  it('says the baseline could not be fetched, distinct from absent', () => {
    const r = report(undefined, { acc: 0.9 });
    r.baseline = { found: false, reason: 'HTTP 503 reading metrics.json', fault: true };
    expect(renderMarkdown(r)).toContain('> [!WARNING]\n> The baseline could not be read: HTTP 503 reading metrics.json.');
  });

  it('reports no-baseline when base and head share no metric', () => {
    expect(reportStatus(report({ a: 1 }, { b: 2 }))).toBe('no-baseline');
  });
});
