import { describe, expect, it } from 'vitest';
import { parseValidationSchema } from './schema.ts';

const parse = (document: unknown) => () => parseValidationSchema(document, 'schema.yml');

describe('parseValidationSchema', () => {
  it('compiles bounds, dates, severities and defaults', () => {
    const schema = parseValidationSchema(
      {
        null_values: ['NA'],
        columns: {
          age: { type: 'integer', min: 0, max: 120, severity: { max: 'warn' } },
          day: { type: 'date', min: '2024-01-01' },
          email: { type: 'string', pattern: '[^@]+@[^@]+', severity: 'warn' },
        },
        table: { rows: { min: 1 }, columns: 'strict', unique_together: [['age', 'day']] },
      },
      'schema.yml',
    );
    const [age, day, email] = schema.columns;
    expect(age!.severity.max).toBe('warn');
    expect(age!.severity.min).toBe('error');
    expect(age!.nullable).toBe(true);
    expect(day!.min).toBe(Date.UTC(2024, 0, 1));
    expect(email!.severity.pattern).toBe('warn');
    expect(email!.pattern!.regex.test('a@b')).toBe(true);
    expect(email!.pattern!.regex.test('x a@b@c')).toBe(false);
    expect(schema.strictColumns).toBe(true);
    expect(schema.nullValues).toEqual(['NA']);
  });

  it('names an unknown key and the nearest valid one', () => {
    expect(parse({ columns: { age: { type: 'integer', maxx: 3 } } })).toThrow('schema.yml: columns.age.maxx: unknown key "maxx" (did you mean "max"?)');
    expect(parse({ columns: {}, tabel: {} })).toThrow(/unknown key "tabel" \(did you mean "table"\?\)/);
    expect(parse({ columns: { a: { type: 'integer', length: { mn: 1 } } } })).toThrow(/columns\.a\.length\.mn: unknown key "mn" \(did you mean "min"\?\)/);
  });

  it('rejects rules that do not fit the column or do not compile', () => {
    expect(parse({ columns: { a: { type: 'string', min: 1 } } })).toThrow(/columns\.a\.min: needs type integer, number, date or datetime/);
    expect(parse({ columns: { a: { type: 'string', pattern: '([a-z' } } })).toThrow(/schema\.yml: columns\.a\.pattern: invalid regular expression "\(\[a-z"/);
    expect(parse({ columns: { a: { type: 'date', min: '2023-02-30' } } })).toThrow(/columns\.a\.min: expected a calendar date/);
    expect(parse({ columns: { a: { type: 'number', quantiles: { median: { max: 1 } } } } })).toThrow(/columns\.a\.quantiles\.median: the quantile must be a number between 0 and 1/);
    expect(parse({ columns: { a: { type: 'integer', allowed: ['x'] } } })).toThrow(/columns\.a\.allowed\[0\]: expected a number/);
    expect(parse({ columns: { a: { type: 'integer' } }, table: { unique_together: [['a', 'b']] } })).toThrow(/table\.unique_together\[0\]: column "b" is not declared/);
    expect(parse({ columns: { a: { type: 'integr' } } })).toThrow(/columns\.a\.type/);
  });
});
