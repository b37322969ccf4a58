import { describe, expect, it } from 'vitest';
import { diffMetrics } from './diff.ts';
import { config, snap } from './test-helpers.ts';

describe('diffMetrics', () => {
  it('computes absolute and relative change with direction-aware status', () => {
    const diff = diffMetrics(snap({ accuracy: 0.8, rmse: 3, f1: 0.5 }), snap({ accuracy: 0.84, rmse: 3.3, f1: 0.5 }), config());
    const [accuracy, rmse, f1] = diff.changes;
    expect(accuracy).toMatchObject({ name: 'accuracy', base: 0.8, head: 0.84, status: 'improved', direction: 'higher' });
    expect(accuracy!.absolute).toBeCloseTo(0.04, 12);
    expect(accuracy!.relative).toBeCloseTo(0.05, 12);
    expect(rmse).toMatchObject({ status: 'regressed', direction: 'lower' });
    expect(rmse!.relative).toBeCloseTo(0.1, 12);
    expect(f1).toMatchObject({ status: 'unchanged', absolute: 0 });
    expect(diff.counts).toMatchObject({ improved: 1, regressed: 1, unchanged: 1 });
  });

  it('honours configured direction, absolute and relative tolerance, and * patterns', () => {
    const cfg = config({ metrics: { score: { direction: 'lower' }, 'lat.*': { tolerance: 0.5 }, acc: { tolerance: '1%' } } });
    const diff = diffMetrics(snap({ score: 1, lat: { p50: 10 }, acc: 0.8 }), snap({ score: 2, lat: { p50: 10.4 }, acc: 0.807 }), cfg);
    expect(diff.changes.map((c) => c.status)).toEqual(['regressed', 'unchanged', 'unchanged']);
  });

  it('treats float round-off as unchanged at tolerance 0', () => {
    const diff = diffMetrics(snap({ x: 0.1 + 0.2 }), snap({ x: 0.3 }), config());
    expect(diff.changes[0]!.status).toBe('unchanged');
  });

  it('marks added, removed and invalid metrics', () => {
    const diff = diffMetrics(snap({ old: 1, acc: 0.5, auc: 'nan' }), snap({ acc: Number.NaN, new: 2, auc: 0.7 }), config());
    const byName = Object.fromEntries(diff.changes.map((c) => [c.name, c]));
    expect(byName.new!.status).toBe('added');
    expect(byName.old!.status).toBe('removed');
    expect(byName.acc).toMatchObject({ status: 'invalid', invalid: { side: 'head', raw: 'NaN' } });
    expect(byName.auc).toMatchObject({ status: 'invalid', invalid: { side: 'base', raw: 'nan' } });
  });

  it('without a baseline every head metric is added', () => {
    const diff = diffMetrics(undefined, snap({ acc: 0.9 }), config());
    expect(diff.hasBaseline).toBe(false);
    expect(diff.changes[0]!.status).toBe('added');
  });

  it('says a change inside a confidence interval is within noise', () => {
    const base = snap({ metrics: { acc: 0.85, auc: 0.9 }, rows: 2000, intervals: { acc: [0.83, 0.87], auc: [0.89, 0.91] } });
    const head = snap({ metrics: { acc: 0.853, auc: 0.93 }, rows: 2000, intervals: { acc: [0.835, 0.871], auc: [0.92, 0.94] } });
    const diff = diffMetrics(base, head, config());
    expect(diff.changes[0]).toMatchObject({ status: 'improved', withinNoise: true });
    expect(diff.changes[1]).toMatchObject({ status: 'improved', withinNoise: false });
    expect(diff.withinNoise).toBe(1);
  });

  it('prefers a paired-bootstrap interval: noise exactly when it contains 0', () => {
    const base = snap({ acc: 0.85, intervals: { acc: [0.8, 0.9] } });
    const head = snap({ acc: 0.86, intervals: { acc: [0.81, 0.91] } });
    const paired = new Map([['acc', { delta: 0.01, interval: [0.002, 0.018] as const, head_better_share: 0.99 }]]);
    const diff = diffMetrics(base, head, config(), paired);
    expect(diff.changes[0]).toMatchObject({ withinNoise: false, noise: { source: 'paired', headBetterShare: 0.99 } });
  });
});
