import { describe, expect, it } from 'vitest';
import { DataProfile, type DataProfileSettings } from './data-profile.ts';
import { parseProfile } from './parse-profile.ts';
import { type ProfileState, profileSchema } from './schema.ts';
import { seededRandom as random } from '@modelgate/test-utils';

type Cell = number | string | null;

/** Rows of four columns: a continuous number, a small integer, a city (text), and a mixed one. */
function rows(n: number, seed: number): Cell[][] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => [
    i % 97 === 0 ? null : Math.exp(2 + next()) * (next() < 0.5 ? 1 : -1),
    Math.floor(next() * 30),
    `city-${Math.floor(next() ** 2 * 3000)}`,
    i % 50 === 0 ? 'n/a' : i % 1001 === 0 ? Number.NaN : Math.floor(next() * 8),
  ]);
}

const COLUMNS = ['amount', 'visits', 'city', 'mixed'];

function profileOf(data: Cell[][], settings: DataProfileSettings, file = 'part.csv'): DataProfile {
  const profile = DataProfile.of(COLUMNS, new Set(), settings);
  profile.rows = data.length;
  profile.addSource(file);
  const numbers = new Float64Array(1);
  profile.columns.forEach((column, c) => {
    for (const row of data) {
      const cell = row[c]!;
      if (cell === null) column.nulls++;
      else if (typeof cell === 'string') column.addText(cell);
      else if (Number.isNaN(cell)) column.nan++;
      else {
        numbers[0] = cell;
        column.addNumbers(numbers, 1);
      }
    }
  });
  return profile;
}

function merged(...profiles: DataProfile[]): DataProfile {
  const [first, ...rest] = profiles;
  const out = DataProfile.fromJSON(first!.toJSON());
  for (const profile of rest) out.merge(profile);
  return out;
}

/** The state without the moments and the sketches (which merge up to rounding and within their error). */
function exactParts(state: ProfileState): unknown {
  return {
    ...state,
    columns: state.columns.map((column) => ({ ...column, numbers: { ...column.numbers, mean: undefined, m2: undefined, kll: column.numbers.kll?.count } })),
  };
}

const small: DataProfileSettings = { kllK: 64, categoryCap: 200, nullValues: [] };

describe('profiles merge', () => {
  const data = rows(30_000, 3);
  const parts = [data.slice(0, 7_000), data.slice(7_000, 19_000), data.slice(19_000)].map((part, i) => profileOf(part, small, `part-${i}.csv`));
  const [a, b, c] = parts as [DataProfile, DataProfile, DataProfile];

  it('commutes exactly: counts, tables, registers, moments and sketches', () => {
    expect(merged(a, b).toJSON()).toEqual(merged(b, a).toJSON());
    expect(merged(c, a).toJSON()).toEqual(merged(a, c).toJSON());
  });

  it('associates: counts, tables and registers exactly, moments up to rounding, sketches within their error', () => {
    const left = merged(merged(a, b), c).toJSON();
    const right = merged(a, merged(b, c)).toJSON();
    const whole = profileOf(data, small).toJSON();
    expect(exactParts(left)).toEqual(exactParts(right));
    expect({ ...(exactParts(left) as object), sources: null }).toEqual({ ...(exactParts(whole) as object), sources: null });
    left.columns.forEach((column, i) => {
      for (const other of [right.columns[i]!, whole.columns[i]!]) {
        expect(column.numbers.mean).toBeCloseTo(other.numbers.mean!, 9);
        expect(Math.abs(column.numbers.m2! - other.numbers.m2!)).toBeLessThanOrEqual(1e-9 * Math.abs(other.numbers.m2!));
      }
    });
    // The sketch of the continuous column: every grouping within the uniform error of the data.
    const amounts = Float64Array.from(data.map((row) => row[0]).filter((v): v is number => typeof v === 'number')).sort();
    for (const profile of [merged(merged(a, b), c), merged(a, merged(b, c)), merged(c, merged(b, a))]) {
      const sketch = profile.column('amount')!.sketch!;
      let worst = 0;
      for (let i = 0; i < amounts.length; i += 37) {
        let at = i;
        while (at + 1 < amounts.length && amounts[at + 1] === amounts[i]) at++;
        worst = Math.max(worst, Math.abs(sketch.cdf(amounts[i]!) - (at + 1) / amounts.length));
      }
      expect(worst).toBeLessThan(sketch.uniformError);
    }
  });

  it('matches the data: counts, the exact distinct numbers, and the categories kept by hash', () => {
    const profile = merged(a, b, c);
    const visits = profile.column('visits')!;
    expect(visits.numberTable!.size).toBe(30);
    expect(visits.distinctCount()).toEqual({ value: 30, exact: true });
    const mixed = profile.column('mixed')!.toJSON();
    const expectNumbers = data.filter((row) => typeof row[3] === 'number' && !Number.isNaN(row[3])).length;
    expect(mixed).toMatchObject({ held_text: true, nan: 29, nulls: 0, texts: { count: 600, categories: [['n/a', 600]], pooled: 0 }, numbers: { count: expectNumbers } });
    const amount = profile.column('amount')!;
    expect(amount.nulls).toBe(Math.ceil(30_000 / 97));
    expect(amount.numberTable).toBeNull();
    // City has ~3000 distinct values: the 200 kept are those of smallest hash, with their whole counts.
    const city = profile.column('city')!.toJSON();
    const counts = new Map<string, number>();
    for (const row of data) counts.set(row[2] as string, (counts.get(row[2] as string) ?? 0) + 1);
    expect(city.texts.categories).toHaveLength(200);
    for (const [text, count] of city.texts.categories) expect(count).toBe(counts.get(text));
    expect(city.texts.pooled).toBe(30_000 - city.texts.categories.reduce((sum, [, n]) => sum + n, 0));
    const estimate = city.distinct.estimate;
    expect(Math.abs(estimate - counts.size) / counts.size).toBeLessThan(0.05);
  });

  it('round-trips through JSON and the schema', () => {
    const state = merged(a, b, c).toJSON();
    const text = JSON.stringify(state);
    const again = parseProfile(JSON.parse(text), 'p.json');
    expect(again.toJSON()).toEqual(state);
    expect(profileSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('refuses another version, another k, and states that do not add up, naming the file and place', () => {
    const state = a.toJSON();
    expect(() => parseProfile({ ...state, schema: 'modelgate.profile/v2' }, 'old.json')).toThrow('old.json: a profile of version modelgate.profile/v2; this modelgate reads modelgate.profile/v1');
    expect(() => parseProfile({ rows: 1 }, 'x.json')).toThrow('x.json: not a modelgate profile (expected "schema": "modelgate.profile/v1")');
    const other = profileOf(data.slice(0, 100), { ...small, kllK: 128 });
    expect(a.incompatibility(other)).toBe('its KLL sketches have k = 128, the other profile\'s k = 64; profiles merge only with the same k');
    const broken = structuredClone(state);
    broken.columns[1]!.rows += 1;
    expect(() => parseProfile(broken, 'b.json')).toThrow('b.json: columns[1].rows: expected nulls + nan + infinite + numbers.count + texts.count');
  });

  it('refuses sketches that do not decode or do not add up, naming the file and place', () => {
    const state = a.toJSON();
    const edited = (edit: (amount: ProfileState['columns'][number]) => void) => {
      const copy = structuredClone(state);
      edit(copy.columns[0]!);
      return copy;
    };
    expect(() => parseProfile(edited((c) => (c.numbers.kll!.levels[0] = 'A')), 'e.json')).toThrow(/^e\.json: columns\[0\]\.numbers\.kll\.levels\[0\]: expected base64$/);
    expect(() => parseProfile(edited((c) => (c.distinct.hll = 'AAAA')), 'e.json')).toThrow(/^e\.json: columns\[0\]\.distinct\.hll: expected 4096 registers of one byte$/);
    const emptied = (c: ProfileState['columns'][number]) => {
      const levels = c.numbers.kll!.levels;
      levels[levels.findIndex((level) => level !== '')] = '';
    };
    expect(() => parseProfile(edited(emptied), 'e.json')).toThrow(/^e\.json: columns\[0\]\.numbers\.kll\.levels: expected items weighing count in all/);
  });

  it('stays under 50 KB per column with k = 1024 on 1M values', () => {
    const profile = DataProfile.of(['x', 'id'], new Set(), { kllK: 1024, categoryCap: 1000, nullValues: [] });
    const next = random(9);
    const batch = new Float64Array(1000);
    for (let i = 0; i < 1000; i++) {
      for (let j = 0; j < batch.length; j++) batch[j] = next() * 1e6;
      profile.columns[0]!.addNumbers(batch, batch.length);
      for (let j = 0; j < batch.length; j++) profile.columns[1]!.addText(`user-${i * 1000 + j}`);
    }
    for (const column of profile.toJSON().columns) expect(JSON.stringify(column).length, column.name).toBeLessThan(50_000);
  });
});
