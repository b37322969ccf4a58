// modelgate drift against scipy + pandas on the same files, in the same run: a reference and a
// current CSV of 2M rows x 10 columns (7 numeric, 3 categorical; 4 columns shifted), every method
// on every column in one call (`--method ks,wasserstein,psi,js,chisquare,ztest,linf`), read
// included. Each engine runs as its own process under GNU time (wall time and peak RSS, start-up
// included); the statistics of both must agree to 1e-9 or the benchmark fails.
// Data is generated once (seeded) into .bench-data/. Run: pnpm bench drift
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.bench-data');
const cli = join(root, 'packages', 'cli', 'bin', 'modelgate.js');
const ROWS = 2_000_000;
const METHODS = 'ks,wasserstein,psi,js,chisquare,ztest,linf';
const CATEGORICAL = ['country', 'plan', 'churned'];
const countries = ['US', 'FR', 'DE', 'GB', 'IN', 'BR', 'JP', 'CA'];
const plans = ['free', 'basic', 'pro', 'team'];

/** mulberry32: a small seeded generator of uniform doubles in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
function ensureCsv(side: 'reference' | 'current'): string {
  const path = join(dataDir, `drift-${side}-${ROWS / 1e6}m.csv`);
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true });
  const shifted = side === 'current';
  const next = random(shifted ? 2 : 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const countryWeights = shifted ? [0.2, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1] : [0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  writeSync(fd, 'amount,age,score,latency,ratio,balance,visits,country,plan,churned\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
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
    chunk += `${amount},${age},${score},${latency},${ratio},${balance},${visits},${country},${plan},${churned}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(temp, path);
  return path;
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

function oursStats(path: string): Stats {
  const report = JSON.parse(readFileSync(path, 'utf8')) as { columns: { name: string; method: string; status: string; statistic: number | null; p_value: number | null }[] };
  const out: Stats = {};
  for (const entry of report.columns) {
    if (entry.status !== 'tested') continue;
    (out[entry.name] ??= {})[entry.method] = [entry.statistic!, entry.p_value];
  }
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

function main(): void {
  const reference = ensureCsv('reference');
  const current = ensureCsv('current');
  const report = join(dataDir, 'drift-report.json');
  const ours = best(2, () => timed(process.execPath, [cli, 'drift', '--reference', reference, '--current', current, '--method', METHODS, '--config', join(dataDir, 'drift-modelgate.yml'), '--output', report]));
  console.log(`modelgate drift: ${ours.all.map((s) => s.toFixed(2)).join(' s, ')} s wall; best ${ours.seconds.toFixed(2)} s, ${ours.cpu.toFixed(2)} s CPU, peak RSS ${ours.rssMb.toFixed(0)} MB`);
  if (!hasScipy()) {
    console.log('scipy: /usr/bin/python3 cannot import scipy and pandas; skipped');
    return;
  }
  const scipyOut = join(dataDir, 'drift-scipy.json');
  const theirs = best(1, () => timed('/usr/bin/python3', [join(import.meta.dirname, 'drift_scipy.py'), reference, current, CATEGORICAL.join(','), scipyOut]));
  const detail = JSON.parse(readFileSync(scipyOut, 'utf8')) as { read_seconds: number; compute_seconds: number; columns: Stats };
  console.log(`scipy + pandas: ${theirs.seconds.toFixed(2)} s wall (read ${detail.read_seconds.toFixed(2)} s, statistics ${detail.compute_seconds.toFixed(2)} s), ${theirs.cpu.toFixed(2)} s CPU, peak RSS ${theirs.rssMb.toFixed(0)} MB`);
  console.log('');
  console.log('| engine | wall s | CPU s | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| modelgate (best of 2) | ${ours.seconds.toFixed(2)} | ${ours.cpu.toFixed(2)} | ${ours.rssMb.toFixed(0)} |`);
  console.log(`| scipy + pandas, one process | ${theirs.seconds.toFixed(2)} | ${theirs.cpu.toFixed(2)} | ${theirs.rssMb.toFixed(0)} |`);
  console.log(`speedup: ${(theirs.seconds / ours.seconds).toFixed(1)}x wall, ${(theirs.cpu / ours.cpu).toFixed(1)}x CPU (target 5x wall)`);
  const mine = oursStats(report);
  const problems: string[] = [];
  let compared = 0;
  for (const [column, methods] of Object.entries(detail.columns)) {
    for (const [method, [statistic, p]] of Object.entries(methods)) {
      const got = mine[column]?.[method];
      compared++;
      if (!got) problems.push(`${column} ${method}: modelgate did not test it`);
      else if (!close(got[0], statistic) || !close(got[1], p)) problems.push(`${column} ${method}: modelgate ${got.join(', ')} vs scipy ${statistic}, ${p}`);
    }
  }
  const extra = Object.entries(mine).flatMap(([column, methods]) => Object.keys(methods).filter((m) => !detail.columns[column]?.[m]).map((m) => `${column} ${m}`));
  if (extra.length > 0) problems.push(`tested by modelgate only: ${extra.join(', ')}`);
  if (problems.length > 0) {
    console.error(`statistics disagree:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else console.log(`all ${compared} statistics and p-values agree with scipy to 1e-9`);
}

mkdirSync(dataDir, { recursive: true });
// The categorical columns hold text, so they are categorical without the config; it names them anyway.
writeFileSync(join(dataDir, 'drift-modelgate.yml'), `drift:\n  categorical: [${CATEGORICAL.join(', ')}]\n`);
main();
