// modelgate drift against scipy + pandas on the same files, in the same run: a reference and a
// current CSV of 2M rows x 10 columns (7 numeric, 3 categorical; 4 columns shifted), every method
// on every column in one call (`--method ks,wasserstein,psi,js,chisquare,ztest,linf`), read
// included. Each engine runs as its own process under GNU time (wall time and peak RSS, start-up
// included). Two modes of ours:
// - exact: `modelgate drift` on both CSVs; its statistics must agree with scipy's to 1e-9;
// - profile: `modelgate profile` of the current CSV, then `modelgate drift` of the stored reference
//   profile against it, timed together; every statistic must lie within its stated sketch_error of
//   scipy's. Measured with the packed npm CLI (what users install: one bundle, ~0.3 s to start)
//   and with the workspace CLI (TypeScript sources, ~0.6 s to start), and as one command (`drift`
//   of the stored profile against the CSV, which profiles it on the way). Its peak RSS is measured
//   at 400k and 2M rows (flat: within 15%) and the profile's size per column printed.
// Threads: pandas and scipy use one; modelgate drift reads the current file on a second thread,
// modelgate profile splits a file across one thread per core (2 here). CPU seconds count every thread.
// Data is generated once (seeded) into .bench-data/. Run: pnpm bench drift (DRIFT_BENCH=exact or
// profile runs one mode; BENCH_RUNS sets the best-of-N, default 3).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { packCli } from '../scripts/pack-cli.ts';
import { seededRandom as random } from '@modelgate/test-utils/seeded-random';
import { writeOnce } from './write-once.ts';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.bench-data');
const cli = join(root, 'packages', 'cli', 'bin', 'modelgate.js');
const ROWS = 2_000_000;
const METHODS = 'ks,wasserstein,psi,js,chisquare,ztest,linf';
const CATEGORICAL = ['country', 'plan', 'churned'];
const countries = ['US', 'FR', 'DE', 'GB', 'IN', 'BR', 'JP', 'CA'];
const plans = ['free', 'basic', 'pro', 'team'];

function pick<T>(u: number, values: readonly T[], weights: readonly number[]): T {
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += weights[i]!;
    if (u < acc) return values[i]!;
  }
  return values[values.length - 1]!;
}

/**
 * Writes (once) one side of the benchmark. The current side moves age (+2 years), score (+0.05
 * sd), latency (mean 100 -> 120) and country/churned shares; amount, ratio, balance, visits and
 * plan keep their distribution.
 */
function ensureCsv(side: 'reference' | 'current', rows = ROWS): string {
  const shifted = side === 'current';
  return writeOnce(join(dataDir, `drift-${side}-${rows / 1e6}m.csv`), (write) => {
    const next = random(shifted ? 2 : 1);
    const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    const countryWeights = shifted ? [0.2, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1] : [0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    write('amount,age,score,latency,ratio,balance,visits,country,plan,churned\n');
    for (let i = 0; i < rows; i++) {
      const amount = Math.exp(3 + normal()).toFixed(2);
      const age = 18 + Math.floor(next() * 72) + (shifted ? 2 : 0);
      const score = (normal() + (shifted ? 0.05 : 0)).toFixed(4);
      const latency = (-(shifted ? 120 : 100) * Math.log(1 - next())).toFixed(1);
      const ratio = next().toFixed(5);
      const balance = (1000 + 300 * normal()).toFixed(2);
      const visits = Math.min(30, Math.floor(-5 * Math.log(1 - next())));
      const country = pick(next(), countries, countryWeights);
      const plan = pick(next(), plans, [0.5, 0.25, 0.15, 0.1]);
      const churned = next() < (shifted ? 0.22 : 0.2) ? 'yes' : 'no';
      write(`${amount},${age},${score},${latency},${ratio},${balance},${visits},${country},${plan},${churned}\n`);
    }
  });
}

interface Measured {
  seconds: number;
  /** User + system CPU seconds, every thread: steadier than wall time when other jobs share the cores. */
  cpu: number;
  rssMb: number;
}

/** Wall seconds, CPU seconds and peak RSS (MB) of a command under GNU time. */
function timed(command: string, args: string[]): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const match = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
  if (!match || (result.status !== 0 && result.status !== 1)) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
  return { seconds: Number(match[1]), cpu: Number(match[2]) + Number(match[3]), rssMb: Number(match[4]) / 1024 };
}

/** The fastest of `runs` (wall), with the highest peak RSS seen. */
function best(runs: number, run: () => Measured): Measured & { all: number[] } {
  const all = Array.from({ length: runs }, run);
  const fastest = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, rssMb: Math.max(...all.map((r) => r.rssMb)), all: all.map((r) => r.seconds) };
}

type Stats = Record<string, Record<string, [number, number | null]>>;

interface Entry {
  name: string;
  method: string;
  status: string;
  statistic: number | null;
  p_value: number | null;
  sketch_error?: { statistic: number | null; p_value_range?: [number, number] };
}

function entries(path: string): Entry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { columns: Entry[] }).columns.filter((entry) => entry.status === 'tested');
}

function oursStats(path: string): Stats {
  const out: Stats = {};
  for (const entry of entries(path)) (out[entry.name] ??= {})[entry.method] = [entry.statistic!, entry.p_value];
  return out;
}

/** Relative 1e-9 (absolute below 1e-300, where scipy and we both print 0 or a subnormal). */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.abs(b) || Math.abs(a - b) < 1e-300;
}

function hasScipy(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import scipy, pandas'], { stdio: 'ignore' }).status === 0;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MODE = process.env.DRIFT_BENCH ?? 'all';

function load(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

function row(label: string, m: Measured): string {
  return `| ${label} | ${m.seconds.toFixed(2)} | ${m.cpu.toFixed(2)} | ${m.rssMb.toFixed(0)} |`;
}

/** Exact mode: both CSVs read and every statistic computed in one modelgate drift. */
function exactMode(reference: string, current: string, report: string): Measured & { all: number[] } {
  const ours = best(RUNS, () => timed(process.execPath, [cli, 'drift', '--reference', reference, '--current', current, '--method', METHODS, '--config', join(dataDir, 'drift-modelgate.yml'), '--output', report]));
  console.log(`exact mode, modelgate drift: ${ours.all.map((s) => s.toFixed(2)).join(' s, ')} s wall; best ${ours.seconds.toFixed(2)} s, ${ours.cpu.toFixed(2)} s CPU, peak RSS ${ours.rssMb.toFixed(0)} MB`);
  return ours;
}

/** The CLI as users install it: the npm package built from this checkout, unpacked. */
async function packedCli(): Promise<string> {
  const work = join(dataDir, 'drift-pack');
  const { tarball } = await packCli(work);
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  return join(work, 'package', 'bin', 'modelgate.js');
}

interface ProfileMode {
  /** profile + drift, packed CLI; the same with the workspace CLI; drift of the stored profile against the CSV in one command. */
  packed: Measured & { all: number[] };
  source: Measured & { all: number[] };
  oneCommand: Measured & { all: number[] };
  flat: { small: number; large: number };
}

/** Profile mode: profile the current CSV, then drift the stored reference profile against it; the two commands timed together. */
function profileMode(reference: string, current: string, report: string, packed: string): ProfileMode {
  const config = join(dataDir, 'drift-modelgate.yml');
  const referenceProfile = join(dataDir, 'drift-reference.profile.json');
  const currentProfile = join(dataDir, 'drift-current.profile.json');
  const stored = timed(process.execPath, [packed, 'profile', reference, '--config', config, '--output', referenceProfile]);
  console.log(`stored reference profile (made once, not timed below): ${stored.seconds.toFixed(2)} s, ${(statSync(referenceProfile).size / 1000).toFixed(1)} KB`);
  /** Profile, then drift, best of RUNS; and the highest peak RSS of the profile runs alone. */
  const twoCommands = (entry: string, label: string) => {
    let profileRss = 0;
    const both = best(RUNS, () => {
      const profile = timed(process.execPath, [entry, 'profile', current, '--config', config, '--output', currentProfile]);
      const drift = timed(process.execPath, [entry, 'drift', '--reference', referenceProfile, '--current', currentProfile, '--method', METHODS, '--config', config, '--output', report]);
      profileRss = Math.max(profileRss, profile.rssMb);
      return { seconds: profile.seconds + drift.seconds, cpu: profile.cpu + drift.cpu, rssMb: Math.max(profile.rssMb, drift.rssMb) };
    });
    console.log(`profile mode, ${label}: profile + drift ${both.all.map((s) => s.toFixed(2)).join(' s, ')} s wall; best ${both.seconds.toFixed(2)} s, ${both.cpu.toFixed(2)} s CPU, peak RSS ${both.rssMb.toFixed(0)} MB`);
    return { ...both, profileRss };
  };
  const source = twoCommands(cli, 'workspace CLI');
  const oneCommand = best(RUNS, () => timed(process.execPath, [packed, 'drift', '--reference', referenceProfile, '--current', current, '--method', METHODS, '--config', config, '--output', join(dataDir, 'drift-report-one-command.json')]));
  console.log(`profile mode, packed CLI, one command (drift of the stored profile against the CSV): ${oneCommand.all.map((s) => s.toFixed(2)).join(' s, ')} s wall; best ${oneCommand.seconds.toFixed(2)} s`);
  // Last, so the report compared with scipy below is the packed CLI's.
  const packedBoth = twoCommands(packed, 'packed CLI');
  const state = JSON.parse(readFileSync(currentProfile, 'utf8')) as { columns: { name: string }[] };
  const sizes = state.columns.map((column) => `${column.name} ${(JSON.stringify(column).length / 1000).toFixed(1)}`);
  console.log(`profile size per column (KB): ${sizes.join(', ')}; whole file ${(statSync(currentProfile).size / 1000).toFixed(1)} KB`);
  // Peak RSS of modelgate profile at 400k and 2M rows: the highest seen over the runs of each.
  const small = ensureCsv('current', 400_000);
  const smallRss = Math.max(...Array.from({ length: RUNS }, () => timed(process.execPath, [packed, 'profile', small, '--config', config, '--output', join(dataDir, 'drift-current-0.4m.profile.json')]).rssMb));
  const largeRss = packedBoth.profileRss;
  console.log(`peak RSS of modelgate profile (packed CLI): 400k rows ${smallRss.toFixed(0)} MB, 2M rows ${largeRss.toFixed(0)} MB (${((largeRss / smallRss - 1) * 100).toFixed(1)}%, target within 15%)`);
  return { packed: packedBoth, source, oneCommand, flat: { small: smallRss, large: largeRss } };
}

/** Exact mode against scipy: 1e-9 relative. */
function compareExact(report: string, scipy: Stats, problems: string[]): number {
  const mine = oursStats(report);
  let compared = 0;
  for (const [column, methods] of Object.entries(scipy)) {
    for (const [method, [statistic, p]] of Object.entries(methods)) {
      const got = mine[column]?.[method];
      compared++;
      if (!got) problems.push(`exact: ${column} ${method}: modelgate did not test it`);
      else if (!close(got[0], statistic) || !close(got[1], p)) problems.push(`exact: ${column} ${method}: modelgate ${got.join(', ')} vs scipy ${statistic}, ${p}`);
    }
  }
  const extra = Object.entries(mine).flatMap(([column, methods]) => Object.keys(methods).filter((m) => !scipy[column]?.[m]).map((m) => `${column} ${m}`));
  if (extra.length > 0) problems.push(`exact: tested by modelgate only: ${extra.join(', ')}`);
  return compared;
}

/** Profile mode against scipy: every statistic within its stated bound, every KS p-value within its stated range. */
function compareSketched(report: string, scipy: Stats, problems: string[]): { compared: number; worst: string } {
  let compared = 0;
  let worst = { ratio: 0, text: '' };
  for (const entry of entries(report)) {
    const theirs = scipy[entry.name]?.[entry.method];
    if (!theirs) {
      problems.push(`profile: ${entry.name} ${entry.method}: not in scipy's results`);
      continue;
    }
    compared++;
    const bound = entry.sketch_error?.statistic;
    if (bound === null || bound === undefined) continue;
    const error = Math.abs(entry.statistic! - theirs[0]);
    if (error > bound + 1e-12 * Math.abs(theirs[0])) problems.push(`profile: ${entry.name} ${entry.method}: ${entry.statistic} vs scipy ${theirs[0]}, beyond the stated bound ${bound}`);
    const range = entry.sketch_error?.p_value_range;
    if (range && theirs[1] !== null && (theirs[1] < range[0] || theirs[1] > range[1])) problems.push(`profile: ${entry.name} ${entry.method}: scipy's p ${theirs[1]} outside the stated range ${range.join('..')}`);
    if (bound > 0 && error / bound > worst.ratio) worst = { ratio: error / bound, text: `${entry.name} ${entry.method}: error ${error.toExponential(2)} of bound ${bound.toExponential(2)}` };
  }
  return { compared, worst: worst.text };
}

async function main(): Promise<void> {
  const reference = ensureCsv('reference');
  const current = ensureCsv('current');
  const packed = MODE === 'exact' ? '' : await packedCli();
  console.log(`load average before: ${load()} (2 cores, shared); best of ${RUNS}`);
  const exactReport = join(dataDir, 'drift-report.json');
  const profileReport = join(dataDir, 'drift-report-profile.json');
  const exact = MODE === 'profile' ? null : exactMode(reference, current, exactReport);
  const profiled = MODE === 'exact' ? null : profileMode(reference, current, profileReport, packed);
  if (!hasScipy()) {
    console.log('scipy: /usr/bin/python3 cannot import scipy and pandas; skipped');
    return;
  }
  const scipyOut = join(dataDir, 'drift-scipy.json');
  const theirs = best(1, () => timed('/usr/bin/python3', [join(import.meta.dirname, 'drift_scipy.py'), reference, current, CATEGORICAL.join(','), scipyOut]));
  const detail = JSON.parse(readFileSync(scipyOut, 'utf8')) as { read_seconds: number; compute_seconds: number; columns: Stats };
  console.log(`scipy + pandas: ${theirs.seconds.toFixed(2)} s wall (read ${detail.read_seconds.toFixed(2)} s, statistics ${detail.compute_seconds.toFixed(2)} s), ${theirs.cpu.toFixed(2)} s CPU, peak RSS ${theirs.rssMb.toFixed(0)} MB`);
  console.log(`load average after: ${load()}`);
  console.log('');
  console.log('| engine | wall s | CPU s | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: |');
  if (exact) console.log(row(`modelgate drift, exact (best of ${RUNS}; 2 threads)`, exact));
  if (profiled) {
    console.log(row(`profile mode: modelgate profile + drift, packed CLI (best of ${RUNS}; profile on 2 threads)`, profiled.packed));
    console.log(row(`profile mode: the same, workspace CLI (best of ${RUNS})`, profiled.source));
    console.log(row(`profile mode: one command, drift of the stored profile against the CSV, packed CLI (best of ${RUNS})`, profiled.oneCommand));
  }
  console.log(row('scipy + pandas, one process (1 thread)', theirs));
  if (exact) console.log(`exact mode: ${(theirs.seconds / exact.seconds).toFixed(1)}x wall, ${(theirs.cpu / exact.cpu).toFixed(1)}x CPU (target 5x wall)`);
  if (profiled) {
    const ratio = (m: Measured) => `${(theirs.seconds / m.seconds).toFixed(1)}x wall, ${(theirs.cpu / m.cpu).toFixed(1)}x CPU`;
    console.log(`profile mode (target 15x wall): packed CLI ${ratio(profiled.packed)}; workspace CLI ${ratio(profiled.source)}; one command ${ratio(profiled.oneCommand)}`);
  }
  const problems: string[] = [];
  if (exact) console.log(`exact mode: ${compareExact(exactReport, detail.columns, problems)} statistics and p-values compared with scipy to 1e-9`);
  if (profiled) {
    const { compared, worst } = compareSketched(profileReport, detail.columns, problems);
    console.log(`profile mode: ${compared} statistics compared with scipy's, each against its stated bound (closest to its bound: ${worst})`);
    if (profiled.flat.large > profiled.flat.small * 1.15) problems.push(`profile mode: peak RSS grew ${((profiled.flat.large / profiled.flat.small - 1) * 100).toFixed(1)}% from 400k to 2M rows (target 15%)`);
  }
  if (problems.length > 0) {
    console.error(`problems:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else console.log('all checks passed');
}

mkdirSync(dataDir, { recursive: true });
// The categorical columns hold text, so they are categorical without the config; it names them anyway.
writeFileSync(join(dataDir, 'drift-modelgate.yml'), `drift:\n  categorical: [${CATEGORICAL.join(', ')}]\n`);
await main();
