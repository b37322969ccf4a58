import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { type LabelColumn, binaryDataFrom, multiclassDataFrom } from './labels.ts';

function column(name: string, values: string[]): LabelColumn {
  const keys = [...new Set(values)];
  return { column: name, keys, codes: Int32Array.from(values, (v) => keys.indexOf(v)) };
}

describe('multiclassDataFrom', () => {
  it('orders numeric classes numerically and merges 1 with 1.0, as numpy does', () => {
    const data = multiclassDataFrom({ source: 'p.csv', truth: column('y', ['10', '9', '1.0', '2']), predicted: column('p', ['1', '9', '10', '2']) });
    expect(data.classes).toEqual(['1', '2', '9', '10']);
    expect(Array.from(data.truth)).toEqual([3, 2, 0, 1]);
    expect(Array.from(data.predicted)).toEqual([0, 2, 3, 1]);
  });

  it('predicts the most probable class, the first in class order on ties (numpy argmax)', () => {
    const proba = { prefix: 'p_', classes: ['b', 'a', 'c'], values: new Float64Array([0.2, 0.4, 0.4, 0.5, 0.25, 0.25]) };
    const data = multiclassDataFrom({ source: 'p.csv', truth: column('y', ['a', 'b']), proba });
    expect(data.classes).toEqual(['a', 'b', 'c']);
    // Row 0: a=0.4, b=0.2, c=0.4 -> a; row 1: a=0.25, b=0.5, c=0.25 -> b.
    expect(Array.from(data.predicted)).toEqual([0, 1]);
    expect(Array.from(data.proba!)).toEqual([0.4, 0.2, 0.4, 0.25, 0.5, 0.25]);
  });

  it('shares one class order with the other file of a comparison', () => {
    const data = multiclassDataFrom({ source: 'base.csv', truth: column('y', ['a', 'b']), predicted: column('p', ['a', 'a']), otherLabels: ['c'] });
    expect(data.classes).toEqual(['a', 'b', 'c']);
  });
});

describe('binaryDataFrom', () => {
  it('reads True/False text as booleans with true positive', () => {
    const data = binaryDataFrom({ source: 'p.csv', truth: column('y', ['True', 'false', 'TRUE']), score: new Float64Array([0.9, 0.1, 0.4]), threshold: 0.5 });
    expect(data.positiveLabel).toBe('true');
    expect(data.negativeLabel).toBe('false');
    expect(Array.from(data.truth)).toEqual([1, 0, 1]);
    expect(Array.from(data.predicted)).toEqual([1, 0, 0]);
  });

  it('predicts positive at exactly the threshold', () => {
    const data = binaryDataFrom({ source: 'p.csv', truth: column('y', ['0', '1']), score: new Float64Array([0.3, 0.3]), threshold: 0.3 });
    expect(Array.from(data.predicted)).toEqual([1, 1]);
  });

  it('knows the negative class of a one-class 0/1 file', () => {
    const data = binaryDataFrom({ source: 'p.csv', truth: column('y', ['1', '1']), predicted: column('p', ['1', '1']), threshold: 0.5 });
    expect([data.positiveLabel, data.negativeLabel, data.positiveSortsFirst]).toEqual(['1', '0', false]);
  });

  it('rejects a positive label that is not among two labels seen', () => {
    const make = () => binaryDataFrom({ source: 'p.csv', truth: column('y', ['yes', 'no']), predicted: column('p', ['no', 'no']), threshold: 0.5, positiveLabel: 'Yes' });
    expect(make).toThrow(InputError);
    expect(make).toThrow('p.csv: --positive-label "Yes" is not one of the labels seen: "no", "yes"');
  });
});
