// `modelgate profile` and `modelgate profile merge` through the CLI entry: values classified as
// the exact drift reader classifies them (CSV, JSONL, Parquet), merges in any order and grouping,
// parts on several threads, incompatible profiles refused in one line, globs, sizes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type ColumnSample, DataProfile, type ProfileState, numberCounts, profileSchema } from '@modelgate/core';
import { profileFile, readSamples } from '@modelgate/data';
import { testdir, seededRandom as random } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../harness/cli.ts';

function stateOf(dir: string, file: string): ProfileState {
  return profileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

const HEADER = 'amount,visits,mixed,plan,zip';

/**
 * amount: decimals with empty cells, NaN, inf and -Infinity texts; visits: small integers written
 * several ways (1, 1.0, 1e0); mixed: numbers until a text appears late; plan: labels; zip: numbers
 * the config names categorical (leading zeros as written).
 */
function csvRows(n: number, seed: number): string {
  const next = random(seed);
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const amount = i % 53 === 0 ? '' : i % 97 === 0 ? 'NaN' : i % 101 === 0 ? (i % 2 ? 'inf' : '-Infinity') : (next() * 1000).toFixed(2);
    const v = Math.floor(next() * 6);
    const visits = i % 3 === 0 ? `${v}.0` : i % 5 === 0 ? `${v}e0` : String(v);
    const mixed = i > n * 0.9 && i % 7 === 0 ? 'unknown' : String(Math.floor(next() * 40) / 4);
    const plan = ['free', 'pro', 'team', '"pro"'][Math.floor(next() * 4)];
    const zip = String(Math.floor(next() * 30)).padStart(5, '0');
    lines.push(`${amount},${visits},${mixed},${plan},${zip}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The category counts exact mode would compare for a sample (numbers keyed by their shortest text). */
function categories(sample: ColumnSample): Map<string, number> {
  return sample.kind === 'categorical' ? sample.counts : numberCounts(sample.sorted);
}

/** The same from a profile's column (complete tables only). */
function profileCategories(profile: DataProfile, name: string): Map<string, number> {
  const column = profile.column(name)!;
  const out = new Map<string, number>(column.texts.entries());
  const { values, counts } = column.numberTable!.entries();
  values.forEach((value, i) => out.set(String(value), counts[i]!));
  return out;
}

async function toFormat(csvPath: string, out: string, format: 'parquet' | 'json'): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await db.connect();
  const target = format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT json)';
  await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}', header = true, all_varchar = true)) TO '${out}' ${target}`);
  connection.closeSync();
}

describe('modelgate profile', () => {
  it('classifies every value as the exact drift reader does, from CSV, JSONL and Parquet', async () => {
    const dir = testdir({ 'data.csv': csvRows(3000, 1), 'modelgate.yml': 'drift:\n  categorical: [zip]\n' });
    await toFormat(join(dir, 'data.csv'), join(dir, 'data.parquet'), 'parquet');
    await toFormat(join(dir, 'data.csv'), join(dir, 'data.jsonl'), 'json');
    const columns = HEADER.split(',');
    for (const file of ['data.csv', 'data.jsonl', 'data.parquet']) {
      const path = join(dir, file);
      const exact = await readSamples(path, columns, new Set(['zip']));
      const profile = await profileFile(path, { categorical: new Set(['zip']) });
      expect(profile.rows, file).toBe(3000);
      for (const name of columns) {
        const sample = exact.samples.get(name)!;
        const column = profile.column(name)!;
        expect([column.nulls, column.nan, column.infinite], `${file} ${name}`).toEqual([sample.nulls, sample.nan, sample.infinite]);
        expect(column.heldText ? 'categorical' : 'numeric', `${file} ${name}`).toBe(sample.kind);
        if (column.numberTable !== null) expect(profileCategories(profile, name), `${file} ${name}`).toEqual(categories(sample));
        else {
          // Past 1,000 distinct numbers: the count and the ends are exact, the rest is in the sketch.
          const sorted = (sample as { sorted: Float64Array }).sorted;
          expect([column.moments.count, column.min, column.max], `${file} ${name}`).toEqual([sorted.length, sorted[0], sorted.at(-1)]);
        }
      }
    }
    // The CLI writes the same profile, checked by the schema, and says what it holds.
    const result = await run(['profile', 'data.csv', '--output', 'p.json'], dir);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^profiled 1 file: 3,000 rows, 5 columns in [\d.]+ s\n/);
    expect(result.out).toContain('  zip: categorical, 3000 values (0 null, 0 NaN, 0 infinite), 30 distinct');
    const state = stateOf(dir, 'p.json');
    expect(state.columns.find((c) => c.name === 'zip')).toMatchObject({ categorical_by_config: true, held_text: true, texts: { count: 3000, pooled: 0 } });
    expect(state.columns.find((c) => c.name === 'mixed')?.held_text).toBe(true);
    expect(state.sources).toEqual({ files: ['data.csv'], total: 1 });
  });

  it('merges in any order and grouping: profile merge equals profiling the files together', async () => {
    const dir = testdir({ 'a.csv': csvRows(2000, 2), 'b.csv': csvRows(1500, 3), 'c.csv': csvRows(800, 4) });
    for (const name of ['a', 'b', 'c']) expect((await run(['profile', `${name}.csv`, '--output', `${name}.json`], dir)).code).toBe(0);
    expect((await run(['profile', 'merge', 'a.json', 'b.json', '--output', 'ab.json'], dir)).code).toBe(0);
    expect((await run(['profile', 'merge', 'b.json', 'a.json', '--output', 'ba.json'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'ab.json'), 'utf8')).toBe(readFileSync(join(dir, 'ba.json'), 'utf8'));
    expect((await run(['profile', 'merge', 'ab.json', 'c.json', '--output', 'ab-c.json'], dir)).code).toBe(0);
    expect((await run(['profile', 'merge', 'b.json', 'c.json', '--output', 'bc.json'], dir)).code).toBe(0);
    expect((await run(['profile', 'merge', 'a.json', 'bc.json', '--output', 'a-bc.json'], dir)).code).toBe(0);
    expect((await run(['profile', '*.csv', '--output', 'all.json'], dir)).code).toBe(0);
    // Globs of profiles, in any order: the same as naming them.
    expect((await run(['profile', 'merge', '[bc].json', 'a.json', '--output', 'glob.json'], dir)).code).toBe(0);
    expect(stateOf(dir, 'glob.json').columns.map((c) => c.texts)).toEqual(stateOf(dir, 'ab-c.json').columns.map((c) => c.texts));
    // Every table here is complete (no KLL), so the only difference is rounding in the moments.
    const [left, right, all] = ['ab-c.json', 'a-bc.json', 'all.json'].map((file) => stateOf(dir, file));
    const withoutMoments = (state: ProfileState) => ({ ...state, columns: state.columns.map((c) => ({ ...c, numbers: { ...c.numbers, mean: 0, m2: 0 } })) });
    expect(withoutMoments(left!)).toEqual(withoutMoments(right!));
    expect(withoutMoments(left!)).toEqual(withoutMoments(all!));
    left!.columns.forEach((column, i) => {
      expect(column.numbers.mean).toBeCloseTo(right!.columns[i]!.numbers.mean!, 9);
      expect(Math.abs(column.numbers.m2! - right!.columns[i]!.numbers.m2!)).toBeLessThanOrEqual(1e-12 * column.numbers.m2!);
    });
    expect(all!).toMatchObject({ rows: 4300, sources: { files: ['a.csv', 'b.csv', 'c.csv'], total: 3 } });
  });

  it('profiles a file in parts on several threads with the same counts, tables and distinct counts, the sketches within their error', async () => {
    const next = random(5);
    const lines = ['x,city'];
    for (let i = 0; i < 60_000; i++) lines.push(`${(next() * 100).toFixed(4)},c${Math.floor(next() ** 2 * 1500)}`);
    const dir = testdir({ 'big.csv': `${lines.join('\n')}\n` });
    const path = join(dir, 'big.csv');
    const one = await profileFile(path, { threads: 1 });
    const three = await profileFile(path, { threads: 3, parallelMinBytes: 1 << 10 });
    const strip = (state: ProfileState) => state.columns.map((c) => ({ ...c, numbers: { ...c.numbers, mean: 0, m2: 0, kll: c.numbers.kll?.count } }));
    expect(strip(three.toJSON())).toEqual(strip(one.toJSON()));
    const [a, b] = [one.column('x')!, three.column('x')!];
    expect(b.moments.mean).toBeCloseTo(a.moments.mean, 9);
    const sketch = b.sketch!;
    expect(sketch.exact).toBe(false);
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.99]) expect(Math.abs(sketch.cdf(a.sketch!.quantile(q)) - a.sketch!.cdf(a.sketch!.quantile(q)))).toBeLessThan(2 * sketch.uniformError);
    // The city column has more categories than the cap: the same ones are kept either way.
    expect(three.column('city')!.texts.truncated).toBe(true);
  });

  it('stays under 50 KB a column, ids and all', async () => {
    const next = random(6);
    const lines = ['x,id'];
    for (let i = 0; i < 200_000; i++) lines.push(`${(next() * 1e6).toFixed(3)},user-${i}`);
    const dir = testdir({ 'wide.csv': `${lines.join('\n')}\n`, 'small.csv': `${lines.slice(0, 20_001).join('\n')}\n` });
    for (const file of ['wide', 'small']) expect((await run(['profile', `${file}.csv`, '--output', `${file}.json`], dir)).code).toBe(0);
    const sizes = ['wide', 'small'].map((file) => stateOf(dir, `${file}.json`).columns.map((column) => JSON.stringify(column).length));
    for (const size of sizes.flat()) expect(size).toBeLessThan(50_000);
    // The ids' 1,000 kept categories are the same size at 20,000 and 200,000 rows.
    expect(sizes[0]![1]! / sizes[1]![1]!).toBeCloseTo(1, 1);
  });

  it('refuses profiles of another version or another k, bad arguments and unreadable data in one line (exit 2)', async () => {
    const dir = testdir({ 'a.csv': csvRows(300, 7), 'bad.csv': 'x,y\n1,2\n3\n' });
    expect((await run(['profile', 'a.csv', '--output', 'a.json'], dir)).code).toBe(0);
    const other = DataProfile.fromJSON(stateOf(dir, 'a.json'));
    const k256 = { ...other.toJSON(), kll_k: 256 };
    writeFileSync(join(dir, 'k256.json'), JSON.stringify(k256));
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...other.toJSON(), schema: 'modelgate.profile/v2' }));
    const broken = other.toJSON();
    broken.columns[0]!.nulls += 1;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    const cases: [string[], RegExp][] = [
      [['profile', 'merge', 'a.json', 'k256.json', '--output', 'm.json'], /^modelgate: k256\.json: cannot merge: its KLL sketches have k = 256, the other profile's k = 1024; profiles merge only with the same k\n$/],
      [['profile', 'merge', 'a.json', 'v2.json', '--output', 'm.json'], /^modelgate: v2\.json: a profile of version modelgate\.profile\/v2; this modelgate reads modelgate\.profile\/v1 \(profile the data again with this version\)\n$/],
      [['profile', 'merge', 'a.json', 'broken.json', '--output', 'm.json'], /^modelgate: broken\.json: columns\[0\]\.rows: expected nulls \+ nan \+ infinite \+ numbers\.count \+ texts\.count\n$/],
      [['profile', 'merge', 'a.json', 'missing.json', '--output', 'm.json'], /^modelgate: missing\.json: profile not found\n$/],
      [['profile', 'merge', '--output', 'm.json'], /^modelgate: profile merge: give the profiles to merge/],
      [['profile', 'merge', 'a.json', '--config', 'modelgate.yml', '--output', 'm.json'], /^modelgate: profile merge: --config applies when profiling data, not when merging profiles\n$/],
      [['profile', 'a.csv'], /^modelgate: missing required option --output/],
      [['profile', 'bad.csv', '--output', 'b.json'], /^modelgate: .*bad\.csv: row 2 \(line 3\) has 1 field, expected 2 as in the header\n$/],
      [['profile', 'nothing-*.csv', '--output', 'b.json'], /^modelgate: data: nothing matches "nothing-\*\.csv"/],
      [['profile', 'a.json', '--output', 'b.json'], /^modelgate: a\.json: is a profile already; combine profiles with modelgate profile merge\n$/],
      [['profile', 'merge', 'a.json', 'a.csv', '--output', 'm.json'], /^modelgate: a\.csv: not a profile but data; profile it first \(modelgate profile a\.csv --output P\.json\)\n$/],
    ];
    for (const [args, expected] of cases) {
      const result = await run(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(expected);
    }
  });
});
