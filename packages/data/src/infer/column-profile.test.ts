import { describe, expect, it } from 'vitest';
import { ColumnProfile } from './column-profile.ts';

function profile(values: (string | null)[]): ColumnProfile {
  const column = new ColumnProfile('c');
  for (const value of values) column.observe(value);
  return column;
}

describe('ColumnProfile memory', () => {
  it('stops recording values once a repeat is seen or the column cannot be unique', () => {
    // Repeats settle it: 2 repeats 1 (integers), "b" repeats "b" (text).
    expect(profile(['1', '2', '2']).recording).toBe(false);
    expect(profile(['a', 'b', 'b']).recording).toBe(false);
    // Numbers, booleans and dates never get `unique`: nothing to record from the first value on.
    expect(profile(['0.5']).recording).toBe(false);
    expect(profile(['true', 'false']).recording).toBe(false);
    expect(profile(['2024-01-01']).recording).toBe(false);
    // Identifier-like columns keep recording (the stated exception).
    expect(profile(['1', '2', '3']).recording).toBe(true);
    expect(profile(['a', null, 'b']).recording).toBe(true);
  });

  it('infers the same rules as before for the settled columns', () => {
    expect(profile(['1', '2', '2']).rules()).toEqual({ type: 'integer', min: 1, max: 2, nullable: false });
    expect(profile(['a', 'b', 'b', null]).rules()).toEqual({ type: 'category', allowed: ['a', 'b'], nullable: true });
    expect(profile(['1', '2', '3']).rules()).toEqual({ type: 'integer', min: 1, max: 3, nullable: false, unique: true });
    expect(profile(['a', 'b']).rules()).toEqual({ type: 'string', nullable: false, unique: true });
    // A float column that turns to text: whether all texts differ was not recorded, so no `unique`.
    expect(profile(['0.5', '0.25', 'x']).rules()).toEqual({ type: 'string', nullable: false });
  });
});

describe('ColumnProfile with integers beyond a double', () => {
  const typed = (values: (bigint | number | string)[]) => {
    const column = new ColumnProfile('c');
    for (const value of values) column.observe(value);
    return column.rules();
  };

  it('tells apart ids beyond 2^53 as validation does, and sees one value written two ways as a repeat', () => {
    expect(typed([9007199254740993n, 9007199254740992n]).unique).toBe(true);
    expect(typed(['9007199254740993', '9007199254740992']).unique).toBe(true);
    expect(typed([1e20, 100000000000000000000n]).unique).toBeUndefined();
  });

  it('gives no numeric type to a value beyond the range of a double', () => {
    expect(typed(['5', `1${'0'.repeat(400)}`])).toMatchObject({ type: 'string' });
  });
});
