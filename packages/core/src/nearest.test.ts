import { expect, it } from 'vitest';
import { editDistance, nearest } from './nearest.ts';

it('measures edit distance', () => {
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
});

it('suggests a close name and nothing for an unrelated one', () => {
  expect(nearest('acuracy', ['accuracy', 'rmse'])).toBe('accuracy');
  expect(nearest('minimum', ['min', 'max'])).toBe('min');
  expect(nearest('zzz', ['accuracy', 'rmse'])).toBeUndefined();
});
