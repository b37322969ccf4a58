import { describe, expect, it } from 'vitest';
import { snapshotFromDocument } from './snapshot.ts';

describe('snapshotFromDocument', () => {
  it('flattens nested objects and lists to dotted names, as DVC does', () => {
    const snapshot = snapshotFromDocument({ eval: { test: { auc: 0.91, f1: 0.8 } }, per_class: [0.5, 0.75], loss: 0.2 });
    expect([...snapshot.values]).toEqual([
      ['eval.test.auc', 0.91],
      ['eval.test.f1', 0.8],
      ['per_class.0', 0.5],
      ['per_class.1', 0.75],
      ['loss', 0.2],
    ]);
  });

  it('lists non-numeric leaves as skipped and never compares them', () => {
    const snapshot = snapshotFromDocument({ model: 'xgb', ok: true, note: null, acc: 0.9 });
    expect([...snapshot.values.keys()]).toEqual(['acc']);
    expect(snapshot.skipped).toEqual([
      { name: 'model', kind: 'string', text: 'xgb' },
      { name: 'ok', kind: 'boolean' },
      { name: 'note', kind: 'null' },
    ]);
  });

  it('reports NaN, Infinity and "nan" strings as invalid values', () => {
    const snapshot = snapshotFromDocument({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: 'nan', d: '-Infinity', e: 1 });
    expect(snapshot.invalid.map((v) => [v.name, v.raw])).toEqual([
      ['a', 'NaN'],
      ['b', 'Infinity'],
      ['c', 'nan'],
      ['d', '-Infinity'],
    ]);
    expect([...snapshot.values.keys()]).toEqual(['e']);
  });

  it('reads the output of evaluate: metrics, intervals and rows only', () => {
    const snapshot = snapshotFromDocument({
      task: 'binary',
      rows: 2000,
      metrics: { accuracy: 0.9, roc_auc: null },
      intervals: { accuracy: [0.88, 0.92], roc_auc: null },
      confusion_matrix: { labels: [0, 1], matrix: [[1, 2], [3, 4]] },
    });
    expect([...snapshot.values]).toEqual([['accuracy', 0.9]]);
    expect(snapshot.intervals.get('accuracy')).toEqual([0.88, 0.92]);
    expect(snapshot.rows).toBe(2000);
    expect(snapshot.skipped).toEqual([{ name: 'roc_auc', kind: 'null' }]);
  });

  it('keeps a user file whose "metrics" key is ordinary data flattened as usual', () => {
    const snapshot = snapshotFromDocument({ metrics: { acc: 0.9 }, epochs: 3 });
    expect([...snapshot.values.keys()]).toEqual(['metrics.acc', 'epochs']);
  });

  it('skips malformed intervals with a reason', () => {
    const snapshot = snapshotFromDocument({ acc: 0.9, intervals: { acc: [0.95, 0.85] } });
    expect(snapshot.intervals.size).toBe(0);
    expect(snapshot.skipped[0]?.name).toBe('intervals.acc');
  });
});

describe('name collisions', () => {
  it('refuses a nested key and a dotted key that flatten to the same name', () => {
    expect(() => snapshotFromDocument({ nested: { a: { b: 1 } }, 'nested.a.b': 2 })).toThrow('metric "nested.a.b" appears twice after flattening nested keys');
  });
});
