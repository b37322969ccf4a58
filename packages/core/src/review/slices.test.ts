import { describe, expect, it } from 'vitest';
import { diffMetrics } from './diff.ts';
import { evaluateGate } from './gate.ts';
import { renderMarkdown } from './render-markdown.ts';
import type { ReviewReport } from './report.ts';
import { config, snap } from './test-helpers.ts';

/** An `evaluate --slice-by segment` output: overall metrics plus one entry per slice. */
function evaluateOutput(overall: Record<string, number>, slices: Record<string, { rows: number; metrics: Record<string, number | null>; intervals?: Record<string, [number, number]> }>) {
  return { task: 'binary', rows: 1000, metrics: overall, slice_by: 'segment', slices, warnings: [] };
}

const base = evaluateOutput({ recall: 0.8, log_loss: 0.4 }, {
  enterprise: { rows: 400, metrics: { recall: 0.82, log_loss: 0.38 } },
  real_time: { rows: 600, metrics: { recall: 0.79, log_loss: 0.41 } },
});
const head = evaluateOutput({ recall: 0.81, log_loss: 0.39 }, {
  enterprise: { rows: 410, metrics: { recall: 0.9, log_loss: 0.3 }, intervals: { recall: [0.85, 0.95] } },
  real_time: { rows: 590, metrics: { recall: 0.7, log_loss: null } },
});

function report(cfg: unknown): ReviewReport {
  const c = config(cfg);
  const diff = diffMetrics(snap(base), snap(head), c);
  return { id: 'default', title: 'Model metrics', diff, gate: evaluateGate(diff, c), head: snap(head), base: snap(base), baseline: { found: true, source: 'base' }, headSource: 'metrics.json', context: { version: '0.1.0' } };
}

describe('evaluate slices in the review', () => {
  it('compares each slice metric under metric[column=value], with its interval', () => {
    const snapshot = snap(head);
    expect([...snapshot.values.keys()]).toEqual(['recall', 'log_loss', 'recall[segment=enterprise]', 'log_loss[segment=enterprise]', 'recall[segment=real_time]']);
    expect(snapshot.intervals.get('recall[segment=enterprise]')).toEqual([0.85, 0.95]);
    expect(snapshot.slices.get('recall[segment=real_time]')).toEqual({ column: 'segment', value: 'real_time', metric: 'recall', rows: 590 });
    // An undefined slice metric is listed as not compared, like any null leaf.
    expect(snapshot.skipped).toContainEqual({ name: 'log_loss[segment=real_time]', kind: 'null' });
  });

  it('takes direction and settings from the sliced metric, never from the slice value', () => {
    const changes = report({ metrics: { recall: { tolerance: 0.05 } } }).diff.changes;
    const byName = new Map(changes.map((c) => [c.name, c]));
    // "real_time" contains "time", a lower-is-better word; recall is still higher-is-better.
    expect(byName.get('recall[segment=real_time]')).toMatchObject({ direction: 'higher', status: 'regressed' });
    expect(byName.get('log_loss[segment=enterprise]')).toMatchObject({ direction: 'lower', status: 'improved' });
    // recall's tolerance of 0.05 applies to its slices: 0.80 -> 0.81 overall is unchanged, 0.79 -> 0.70 is not.
    expect(byName.get('recall')!.status).toBe('unchanged');
    expect(byName.get('recall[segment=enterprise]')!.status).toBe('improved');
  });

  it("calls a slice's change noise when compare's paired interval for that slice contains 0", () => {
    const paired = new Map([['recall[segment=real_time]', { delta: -0.09, interval: [-0.2, 0.02] as const }]]);
    const change = diffMetrics(snap(base), snap(head), config({}), paired).changes.find((c) => c.name === 'recall[segment=real_time]')!;
    expect(change).toMatchObject({ status: 'regressed', withinNoise: true });
  });

  it('applies a gate rule written with * to every slice it matches', () => {
    const gate = report({ gate: { rules: { 'recall[segment=*]': { min: 0.75 }, 'auc[segment=*]': { min: 0.5 } } } }).gate!;
    expect(gate.results.map((r) => [r.metric, r.rule, r.outcome])).toEqual([
      ['recall[segment=enterprise]', 'min', 'pass'],
      ['recall[segment=real_time]', 'min', 'fail'],
      ['auc[segment=*]', 'min', 'skip'],
    ]);
    expect(gate.failures[0]!.message).toBe('recall[segment=real_time] = 0.7 is below the minimum 0.75 (rule min)');
  });

  it('renders slices in their own section, opened when a slice regressed or failed', () => {
    const markdown = renderMarkdown(report({ gate: { rules: { 'recall[segment=*]': { min: 0.75 } } } }));
    const [main, slices] = markdown.split('<details open><summary>Slices by segment');
    expect(main).toContain('| recall |');
    expect(main).not.toMatch(/^\| .*segment=/m); // no slice rows in the overall table
    expect(slices).toMatch(/^ \(2 slices, 4 metrics; 🔴 1 regressed, ❌ 1 failing the gate\)<\/summary>/);
    expect(slices).toContain('| Slice | Rows | Metric | Base | Head | Change | 95% interval |');
    expect(slices).toMatch(/\| real\\_time \| 590 \| recall \| 0\.79 \| 0\.7 \| 🔴 /);
    expect(slices).toMatch(/\| enterprise \| 410 \| recall \| 0\.82 \| 0\.9 \| 🟢 /);
    // Nothing regressed beyond noise and no gate: the section stays closed.
    const quiet = renderMarkdown({ ...report({}), diff: diffMetrics(snap(base), snap(base), config({})) });
    expect(quiet).toContain('<details><summary>Slices by segment (2 slices, 4 metrics)</summary>');
  });

  it('matches a pattern without a slice part against the sliced metric only, never the slice value', () => {
    const byName = new Map(report({ metrics: { '*time*': { direction: 'lower' } } }).diff.changes.map((c) => [c.name, c]));
    // `*time*` names no metric here; the slice value "real_time" must not make recall lower-is-better.
    expect(byName.get('recall[segment=real_time]')).toMatchObject({ direction: 'higher', status: 'regressed', sliced: 'recall' });
    const gate = report({ gate: { rules: { '*time*': { min: 0.99 } } } }).gate!;
    expect(gate.results.map((r) => [r.metric, r.outcome])).toEqual([['*time*', 'skip']]);
  });

  it('lets * span a newline in a slice value', () => {
    const withNewline = evaluateOutput({ recall: 0.8 }, { 'a\nb': { rows: 5, metrics: { recall: 0.5 } } });
    const c = config({ gate: { rules: { 'recall[segment=*]': { min: 0.75 } } } });
    const gate = evaluateGate(diffMetrics(undefined, snap(withNewline), c), c);
    expect(gate.results.map((r) => [r.metric, r.outcome])).toEqual([['recall[segment=a\nb]', 'fail']]);
  });

  it('keeps the comment within the limit, with the metrics, when a * rule fails on hundreds of slices', () => {
    const slices = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`country_${i}`, { rows: 100, metrics: { recall: 0.7 } }]));
    const many = evaluateOutput({ recall: 0.8 }, slices);
    const c = config({ gate: { rules: { 'recall[segment=*]': { min: 0.75 } } } });
    const diff = diffMetrics(undefined, snap(many), c);
    const markdown = renderMarkdown({ id: 'default', title: 'Model metrics', diff, gate: evaluateGate(diff, c), head: snap(many), baseline: { found: false, reason: 'none' }, headSource: 'metrics.json', context: { version: '0.1.0' } });
    expect(markdown.length).toBeLessThanOrEqual(65_536);
    expect(markdown).toContain('| recall | | 0.8 |');
    expect(markdown).toContain('- ... and 380 more (see the gate rules below)');
    expect(markdown).toContain('_300 more rule results not shown;');
    expect(markdown).not.toContain('Report cut');
  });

  it('escapes a slice column for HTML in the section summary, where markdown is not parsed', () => {
    const tiers = { ...head, slice_by: 'user_tier' };
    const markdown = renderMarkdown({ ...report({}), head: snap(tiers), diff: diffMetrics(snap(base), snap(tiers), config({})) });
    expect(markdown).toContain('<summary>Slices by user_tier (');
  });
});

