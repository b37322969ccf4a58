// modelgate evaluate against scikit-learn on the same files, in the same run:
//   10M binary predictions, all 8 binary metrics (read and metric time apart);
//   1M rows x 1,000 bootstrap resamples on worker threads, and peak memory at 100 vs 1,000 resamples.
// Data is generated once (seeded) into .bench-data/. The scikit-learn column is skipped when
// /usr/bin/python3 cannot import sklearn. Run: pnpm bench evaluate
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { evaluatorFor, formatResultJson } from '@modelgate/core';
import { evaluatePredictionsFile, loadPredictions, runBootstrap } from '@modelgate/data';
import { writeOnce } from './write-once.ts';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.bench-data');
const BIG = 10_000_000;
const SMALL = 1_000_000;
const RESAMPLES = 1000;
const SKLEARN_RESAMPLES = 5; // scikit-learn's bootstrap is timed on a few resamples and scaled
const spec = { task: 'binary' as const, labelColumn: 'label', scoreColumn: 'score', threshold: 0.5 };

/** label,score rows: scores rounded to 4 decimals (many ties), positives shifted up. */
function ensureData(path: string, rows: number, seed: number): void {
  writeOnce(path, (write) => {
    write('label,score\n');
    let x = seed >>> 0;
    for (let i = 0; i < rows; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const label = x >>> 31;
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const score = Math.min(1, (x / 2 ** 32) * 0.75 + label * 0.25);
      write(`${label},${score.toFixed(4)}\n`);
    }
  });
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Child mode: one bootstrap run in a fresh process, reporting time and peak RSS (workers included). */
async function bootstrapChild(path: string, resamples: number, workers: number): Promise<void> {
  const loaded = await loadPredictions(path, spec);
  const loadedRssMb = process.memoryUsage().rss / 2 ** 20;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await runBootstrap([loaded.data], { n: resamples, seed: 0 }, { workers });
  const cpu = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({ seconds: seconds(start), cpuSeconds: (cpu.user + cpu.system) / 1e6, loadedRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/**
 * Child mode: what `modelgate evaluate` does for one file (read, metrics, confusion matrix and the
 * report's other sections, the JSON text), in a fresh process: wall time and peak RSS.
 */
async function evaluateChild(path: string): Promise<void> {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const output = await evaluatePredictionsFile({ predictions: path, ...spec, seed: 0 });
  const bytes = formatResultJson(output).length;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(JSON.stringify({ seconds: seconds(start), cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }));
}

/** The end-to-end evaluate of `path`, `runs` times in fresh processes: each run's seconds and peak RSS. */
function evaluateRuns(path: string, runs: number): { seconds: number; cpuSeconds: number; maxRssMb: number }[] {
  return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [import.meta.filename, '--evaluate-child', path], { encoding: 'utf8' }).trim().split('\n').at(-1)!));
}

function runChild(path: string, resamples: number, workers: number): { seconds: number; cpuSeconds: number; loadedRssMb: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, [import.meta.filename, '--bootstrap-child', path, String(resamples), String(workers)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function sklearnTimes(big: string, small: string): { read_10m: number; metrics_10m: number; bootstrap_per_resample_1m: number; roc_auc_10m: number } | null {
  if (spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { stdio: 'ignore' }).status !== 0) return null;
  const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'evaluate_sklearn.py'), big, small, String(SKLEARN_RESAMPLES)], { encoding: 'utf8' });
  return JSON.parse(out);
}

async function main(): Promise<void> {
  const big = join(dataDir, 'binary-10m.csv');
  const small = join(dataDir, 'binary-1m.csv');
  ensureData(big, BIG, 1);
  ensureData(small, SMALL, 2);
  const workers = Math.min(2, availableParallelism());

  let start = performance.now();
  const loaded = await loadPredictions(big, spec);
  const readSeconds = seconds(start);
  start = performance.now();
  const evaluator = evaluatorFor(loaded.data);
  const values = evaluator.compute(null);
  const metricSeconds = seconds(start);

  const endToEnd = evaluateRuns(big, 3);
  const bootstrap = runChild(small, RESAMPLES, workers);
  const bootstrapFew = runChild(small, RESAMPLES / 10, workers);
  const sklearn = sklearnTimes(big, small);
  if (sklearn && Math.abs(sklearn.roc_auc_10m - values[evaluator.names.indexOf('roc_auc')]!) > 1e-9) {
    throw new Error(`roc_auc differs from scikit-learn: ${values[evaluator.names.indexOf('roc_auc')]} vs ${sklearn.roc_auc_10m}`);
  }

  const fmt = (s: number) => `${s.toFixed(2)} s`;
  const rows: string[][] = [
    ['benchmark', 'modelgate', 'scikit-learn', 'speedup'],
    ['10M binary: read CSV (label, score)', fmt(readSeconds), sklearn ? `${fmt(sklearn.read_10m)} (pandas)` : 'skipped', sklearn ? `${(sklearn.read_10m / readSeconds).toFixed(1)}x` : ''],
    ['10M binary: 8 metrics, in memory', fmt(metricSeconds), sklearn ? fmt(sklearn.metrics_10m) : 'skipped', sklearn ? `${(sklearn.metrics_10m / metricSeconds).toFixed(1)}x` : ''],
    ['10M binary: read + 8 metrics', fmt(readSeconds + metricSeconds), sklearn ? fmt(sklearn.read_10m + sklearn.metrics_10m) : 'skipped', sklearn ? `${((sklearn.read_10m + sklearn.metrics_10m) / (readSeconds + metricSeconds)).toFixed(1)}x` : ''],
    ['10M binary: evaluate end to end, 3 fresh processes', endToEnd.map((r) => fmt(r.seconds)).join(', '), '', ''],
    ['  CPU time of those runs', endToEnd.map((r) => fmt(r.cpuSeconds)).join(', '), '', ''],
    ['  peak RSS of those runs', endToEnd.map((r) => `${r.maxRssMb.toFixed(0)} MB`).join(', '), '', ''],
    [`1M rows x ${RESAMPLES} resamples, ${workers} workers`, fmt(bootstrap.seconds), sklearn ? `${fmt(sklearn.bootstrap_per_resample_1m * RESAMPLES)} (from ${SKLEARN_RESAMPLES})` : 'skipped', sklearn ? `${((sklearn.bootstrap_per_resample_1m * RESAMPLES) / bootstrap.seconds).toFixed(1)}x` : ''],
    [`  same, CPU time of all threads`, fmt(bootstrap.cpuSeconds), '', ''],
    [`peak RSS: ${RESAMPLES / 10} vs ${RESAMPLES} resamples`, `${bootstrapFew.maxRssMb.toFixed(0)} MB vs ${bootstrap.maxRssMb.toFixed(0)} MB`, '', ''],
    ['  RSS with the 1M rows loaded, before resampling', `${bootstrap.loadedRssMb.toFixed(0)} MB`, '', ''],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const [i, row] of rows.entries()) {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(`\n${availableParallelism()} cores, load average ${load.toFixed(1)} at the end (wall times stretch when other jobs share the cores)`);
  console.log(`targets: 8 metrics >= 3x scikit-learn; ${RESAMPLES} resamples of 1M rows < 20 s on 2 cores; memory flat in the resample count`);
}

if (process.argv[2] === '--evaluate-child') await evaluateChild(process.argv[3]!);
else if (process.argv[2] === '--bootstrap-child') await bootstrapChild(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
else await main();
