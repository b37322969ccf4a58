// `modelgate drift` with profiles for either side, through the CLI entry: on data small enough that
// the profiles hold every value the report equals exact mode's (bound 0 everywhere); a profile on
// one side and data on the other; profiles recognised by content; bad profiles in one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DriftReport, driftReportSchema } from '@modelgate/core';
import { testdir, seededRandom as random } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../harness/cli.ts';

function report(dir: string, file: string): DriftReport {
  return driftReportSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

/** age keeps its distribution, income moves, plan and churned change shares, city gains cities; old/new columns differ. */
function csv(side: 'reference' | 'current', n: number): string {
  const next = random(side === 'reference' ? 21 : 22);
  const current = side === 'current';
  const lines = [`age,income,plan,churned,city,constant,${current ? 'new_col' : 'old_col'}`];
  for (let i = 0; i < n; i++) {
    const age = 20 + Math.floor(next() * 50);
    const income = Math.round((current ? 60_000 : 50_000) + 20_000 * (next() + next() + next() - 1.5));
    const plan = ['free', 'pro', 'team'][current ? Math.floor(next() * 3) : next() < 0.7 ? 0 : next() < 0.7 ? 1 : 2];
    const churned = next() < (current ? 0.5 : 0.2) ? 1 : 0;
    const city = current && i % 10 === 0 ? 'Oslo' : ['Paris', 'Berlin', 'Rome'][Math.floor(next() * 3)];
    lines.push(`${i % 17 === 0 ? '' : age},${income},${plan},${churned},${city},1,${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const METHODS = 'ks,wasserstein,psi,js,chisquare,ztest,linf';

describe('modelgate drift from profiles', () => {
  it('gives exact mode\'s report when the profiles hold every value, with a bound of 0 on every statistic', async () => {
    const dir = testdir({ 'reference.csv': csv('reference', 900), 'current.csv': csv('current', 700) });
    expect((await run(['profile', 'reference.csv', '--output', 'reference.profile.json'], dir)).code).toBe(0);
    expect((await run(['profile', 'current.csv', '--output', 'current.profile.json'], dir)).code).toBe(0);
    for (const method of [METHODS, 'auto']) {
      expect((await run(['drift', '--reference', 'reference.csv', '--current', 'current.csv', '--method', method, '--output', 'exact.json'], dir)).code).toBe(0);
      const sketched = await run(['drift', '--reference', 'reference.profile.json', '--current', 'current.profile.json', '--method', method, '--output', 'sketched.json'], dir);
      expect(sketched.code).toBe(0);
      const [exact, fromProfiles] = [report(dir, 'exact.json'), report(dir, 'sketched.json')];
      expect(exact.mode).toBeUndefined();
      expect(fromProfiles).toMatchObject({ mode: 'profile', reference: { path: 'reference.profile.json', rows: 900, profile: true }, current: { rows: 700, profile: true } });
      expect(fromProfiles.columns).toHaveLength(exact.columns.length);
      fromProfiles.columns.forEach((entry, i) => {
        const truth = exact.columns[i]!;
        const where = `${method}: ${entry.name} ${entry.method}`;
        // Everything but the numbers (and the bound) is the same; the numbers agree up to rounding.
        const { sketch_error, statistic, p_value, effect_size, ...rest } = entry;
        const { statistic: _s, p_value: _p, effect_size: _e, ...expected } = truth;
        expect(rest, where).toEqual(expected);
        expect(effect_size?.name, where).toBe(truth.effect_size?.name);
        for (const [got, want] of [[statistic, truth.statistic], [p_value, truth.p_value], [effect_size?.value ?? null, truth.effect_size?.value ?? null]] as const) {
          if (want === null) expect(got, where).toBeNull();
          else expect(Math.abs(got! - want), `${where}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
        }
        if (entry.status === 'tested') expect(sketch_error, where).toMatchObject({ statistic: 0, reference_rank_error: 0, current_rank_error: 0, verdict_holds: true });
        else expect(sketch_error, where).toBeUndefined();
      });
      expect(fromProfiles).toMatchObject({ counted: exact.counted, drifted_count: exact.drifted_count, drifted: exact.drifted });
    }
  });

  it('takes a profile on one side and data on the other, recognised by content whatever the name', async () => {
    const dir = testdir({ 'reference.csv': csv('reference', 3000), 'current.csv': csv('current', 2500) });
    expect((await run(['profile', 'reference.csv', '--output', 'ref.stats'], dir)).code).toBe(0);
    const mixed = await run(['drift', '--reference', 'ref.stats', '--current', 'current.csv', '--columns', 'age,income,plan', '--output', 'mixed.json'], dir);
    expect(mixed.code).toBe(0);
    const r = report(dir, 'mixed.json');
    expect(r).toMatchObject({ mode: 'profile', reference: { path: 'ref.stats', profile: true }, current: { path: 'current.csv', rows: 2500, profile: false } });
    expect(r.columns.map((c) => [c.name, c.method, c.drifted])).toEqual([
      ['age', 'wasserstein', false],
      ['income', 'wasserstein', true],
      ['plan', 'js', true],
    ]);
    expect(mixed.out).toContain('From profiles: ± is how far a statistic may be from exact mode\'s on the same data');
    // The other way round too.
    expect((await run(['profile', 'current.csv', '--output', 'cur.json'], dir)).code).toBe(0);
    expect((await run(['drift', '--reference', 'reference.csv', '--current', 'cur.json', '--output', 'other.json'], dir)).code).toBe(0);
    expect(report(dir, 'other.json')).toMatchObject({ mode: 'profile', reference: { profile: false }, current: { profile: true } });
  });

  it('refuses a profile of another version or a malformed one in one line, and a JSONL data file is not taken for one', async () => {
    const dir = testdir({ 'reference.csv': csv('reference', 200), 'current.csv': csv('current', 200) });
    expect((await run(['profile', 'reference.csv', '--output', 'ref.json'], dir)).code).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'ref.json'), 'utf8'));
    writeFileSync(join(dir, 'v9.json'), JSON.stringify({ ...state, schema: 'modelgate.profile/v9' }));
    writeFileSync(join(dir, 'cut.json'), JSON.stringify(state).slice(0, 500));
    const v9 = await run(['drift', '--reference', 'v9.json', '--current', 'current.csv'], dir);
    expect(v9).toMatchObject({ code: 2, err: 'modelgate: v9.json: a profile of version modelgate.profile/v9; this modelgate reads modelgate.profile/v1 (profile the data again with this version)\n' });
    const cut = await run(['drift', '--reference', 'cut.json', '--current', 'current.csv'], dir);
    expect(cut.code).toBe(2);
    expect(cut.err).toMatch(/^modelgate: cut\.json: malformed JSON/);
    // A JSONL file whose records happen to have a "schema" key is still data.
    writeFileSync(join(dir, 'ref.jsonl'), '{"schema":"v1","x":1}\n{"schema":"v1","x":2}\n');
    writeFileSync(join(dir, 'cur.jsonl'), '{"schema":"v1","x":3}\n{"schema":"v2","x":4}\n');
    // A profile read its values another way than this config reads them: refused, naming the column or setting.
    writeFileSync(join(dir, 'categorical.yml'), 'drift:\n  categorical: [churned]\n');
    const categorical = await run(['drift', '--reference', 'ref.json', '--current', 'current.csv', '--config', 'categorical.yml'], dir);
    expect(categorical).toMatchObject({ code: 2, err: 'modelgate: ref.json: column "churned": drift.categorical did not name it when the profile was made, this config names it; run drift with the config the profile was made with, or profile the data again with this one\n' });
    writeFileSync(join(dir, 'nulls.yml'), 'drift:\n  null_values: [NA]\n');
    const nulls = await run(['drift', '--reference', 'current.csv', '--current', 'ref.json', '--config', 'nulls.yml'], dir);
    expect(nulls).toMatchObject({ code: 2, err: 'modelgate: ref.json: it was made with drift.null_values [], this config has ["NA"]; run drift with the config the profile was made with, or profile the data again with this one\n' });
    // null_values apply where CSV is read: beside JSONL data, or between two profiles made alike, they do not matter.
    writeFileSync(join(dir, 'current.jsonl'), csv('current', 50).trim().split('\n').slice(1).map((line) => JSON.stringify({ churned: Number(line.split(',')[3]) })).join('\n'));
    expect((await run(['drift', '--reference', 'ref.json', '--current', 'current.jsonl', '--columns', 'churned', '--config', 'nulls.yml', '--output', 'n1.json'], dir)).code).toBe(0);
    expect((await run(['drift', '--reference', 'ref.json', '--current', 'ref.json', '--config', 'nulls.yml', '--output', 'n2.json'], dir)).code).toBe(0);
    // Two profiles made under different null_values are not compared.
    expect((await run(['profile', 'current.csv', '--config', 'nulls.yml', '--output', 'cur-na.json'], dir)).code).toBe(0);
    const apart = await run(['drift', '--reference', 'ref.json', '--current', 'cur-na.json', '--output', 'n3.json'], dir);
    expect(apart).toMatchObject({ code: 2, err: 'modelgate: cur-na.json: it was made with drift.null_values ["NA"], ref.json with []; profile both with the same config\n' });
    const jsonl = await run(['drift', '--reference', 'ref.jsonl', '--current', 'cur.jsonl', '--output', 'j.json'], dir);
    expect(jsonl.code).toBe(0);
    expect(report(dir, 'j.json').mode).toBeUndefined();
  });

  it('keeps a profile whose moments overflow a double readable and mergeable, the column not tested as in exact mode', async () => {
    // |x| near 1.8e308: the variance is past a double, so W1 normalised by the std cannot be computed.
    const values = (seed: number) => {
      const next = random(seed);
      return ['x,y', ...Array.from({ length: 300 }, () => `${(next() < 0.5 ? -1 : 1) * (1e307 + next() * 1.6e308)},${next()}`)].join('\n');
    };
    const dir = testdir({ 'reference.csv': values(31), 'current.csv': values(32) });
    for (const side of ['reference', 'current']) expect((await run(['profile', `${side}.csv`, '--output', `${side}.profile.json`], dir)).code).toBe(0);
    const stored = JSON.parse(readFileSync(join(dir, 'reference.profile.json'), 'utf8'));
    expect(stored.columns[0].numbers).toMatchObject({ count: 300, mean: null, m2: null });
    expect((await run(['profile', 'merge', 'reference.profile.json', 'current.profile.json', '--output', 'both.json'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'both.json'), 'utf8')).columns[0].numbers).toMatchObject({ count: 600, mean: null, m2: null });
    const drift = async (reference: string, output: string, ...method: string[]) => (await run(['drift', '--reference', reference, '--current', 'current.csv', ...method, '--output', output], dir)).code;
    expect(await drift('reference.csv', 'exact.json', '--method', 'wasserstein')).toBe(0);
    expect(await drift('reference.profile.json', 'sketched.json', '--method', 'wasserstein')).toBe(0);
    // Each report passes its own schema (no NaN written as null where a number belongs).
    const x = (file: string) => report(dir, file).columns.find((column) => column.name === 'x');
    expect(x('exact.json')).toMatchObject({ status: 'not_tested', reason: 'wasserstein overflows a double on these values', statistic: null });
    expect(x('sketched.json')).toMatchObject({ status: 'not_tested', reason: 'wasserstein overflows a double on these values', statistic: null });
    expect(report(dir, 'sketched.json').columns.find((column) => column.name === 'y')).toMatchObject({ status: 'tested' });
    // Same-sign values around 1e306: every value and W1 are finite, the variance is not. numpy's std
    // is inf there and W1 / inf = 0 would call a twentyfold shift no drift: not tested either.
    const around = (seed: number, scale: number) => {
      const next = random(seed);
      return ['x', ...Array.from({ length: 300 }, () => `${(1 + 3 * next()) * 1e306 * scale}`)].join('\n');
    };
    writeFileSync(join(dir, 'near.csv'), around(33, 1));
    writeFileSync(join(dir, 'far.csv'), around(34, 20));
    expect((await run(['profile', 'near.csv', '--output', 'near.profile.json'], dir)).code).toBe(0);
    for (const reference of ['near.csv', 'near.profile.json']) {
      const shifted = await run(['drift', '--reference', reference, '--current', 'far.csv', '--method', 'wasserstein', '--output', 'far.json'], dir);
      expect(shifted).toMatchObject({ code: 2, err: 'modelgate: nothing to test: x: wasserstein overflows a double on these values\n' });
    }
    // auto picks KS at 300 rows: D is fine, its effect size (W1 over the std) is left out.
    expect(await drift('reference.csv', 'auto.json')).toBe(0);
    expect(x('auto.json')).toMatchObject({ status: 'tested', method: 'ks', effect_size: null });
    expect(x('auto.json')!.statistic).toBeGreaterThan(0);
  });
});
