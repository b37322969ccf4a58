import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { flattenParams, numericMetrics } from './flatten-params.ts';
import { compareCodePoints, fileListText } from './manifest.ts';

describe('flattenParams', () => {
  it('flattens nested mappings and lists to dotted keys in document order', () => {
    const params = flattenParams({ lr: 0.01, model: { depth: 3, kind: 'gbm', extra: { on: true } }, layers: [64, 32], note: null }, 'params.yaml');
    expect(params).toEqual({ lr: 0.01, 'model.depth': 3, 'model.kind': 'gbm', 'model.extra.on': true, 'layers.0': 64, 'layers.1': 32, note: null });
    expect(Object.keys(params)).toEqual(['lr', 'model.depth', 'model.kind', 'model.extra.on', 'layers.0', 'layers.1', 'note']);
  });

  it('keeps non-finite numbers as strings so run.json stays valid JSON', () => {
    expect(flattenParams({ a: Number.NaN, b: Number.POSITIVE_INFINITY }, 'p.yaml')).toEqual({ a: 'NaN', b: 'Infinity' });
  });

  it('treats an empty document as no params and rejects a list or scalar, naming the file', () => {
    expect(flattenParams(null, 'p.yaml')).toEqual({});
    expect(() => flattenParams([1, 2], 'p.yaml')).toThrow(new InputError('p.yaml: params must be a mapping of names to values, got a list'));
    expect(() => flattenParams('x', 'p.yaml')).toThrow(/p\.yaml: params must be a mapping.*got string/);
  });
});

describe('numericMetrics', () => {
  it('reads the metrics object of an evaluate output and drops non-numeric leaves', () => {
    expect(numericMetrics({ metrics: { accuracy: 0.9, auc: null }, rows: 10 }, 'm.json')).toEqual({ accuracy: 0.9 });
    expect(numericMetrics({ eval: { loss: 0.2, tag: 'x' } }, 'm.json')).toEqual({ 'eval.loss': 0.2 });
  });
});

describe('fileListText', () => {
  it('lists files as sha256sum does, in byte order of the paths', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    // 'B' (0x42) < '_' (0x5f) < 'a' (0x61) in byte order; a locale sort would put 'a' first.
    expect(fileListText([{ path: 'a.bin', sha256: a }, { path: 'B.bin', sha256: b }, { path: '_x', sha256: a }])).toBe(`${b}  B.bin\n${a}  _x\n${a}  a.bin\n`);
  });

  it('orders astral characters after the rest of the BMP, as their UTF-8 bytes do', () => {
    // U+FF21 (ef bc a1) sorts before U+1F600 (f0 9f 98 80) in bytes, though not in UTF-16 code units.
    expect(['\u{1F600}', '\uFF21'].sort(compareCodePoints)).toEqual(['\uFF21', '\u{1F600}']);
    expect(['\u{1F600}', '\uFF21'].sort()).toEqual(['\u{1F600}', '\uFF21']);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
  });
});
