import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BootstrapSettings, type EvaluationData, type ResampleSlices, computeResamples, inResamplingOrder } from '@modelgate/core';
import type { BootstrapJob } from './bootstrap-job.ts';

/** Below this many resamples per worker, starting threads costs more than it saves. */
const MIN_RESAMPLES_PER_WORKER = 8;
/** Each worker holds its own copy of the data; past a few threads memory grows faster than speed. */
const DEFAULT_MAX_WORKERS = 8;

export interface BootstrapRunOptions {
  /** Worker threads to use; defaults to the available parallelism, at most 8. 1 runs in-process. */
  workers?: number;
  /** Also resample each slice of every dataset (tables after the datasets', slice by slice). */
  slices?: ResampleSlices;
  /**
   * Script the workers run. Defaults to bootstrap-worker.ts beside this file; a bundled action
   * passes its own bundle, whose entry hands over to runBootstrapJob() in a worker thread.
   */
  workerScript?: URL;
}

/**
 * Resample x metric tables for each dataset, the same counts applied to all of them (paired).
 * Resample b is seeded by (seed, b) alone, so the tables are identical whatever the worker count.
 * Each worker holds one count vector: memory does not grow with the number of resamples beyond
 * the result tables (resamples x metrics numbers).
 */
export async function runBootstrap(datasets: EvaluationData[], settings: BootstrapSettings, options: BootstrapRunOptions = {}): Promise<Float64Array[]> {
  const workerScript = options.workerScript ?? new URL('./bootstrap-worker.ts', import.meta.url);
  const wanted = options.workers ?? Math.min(availableParallelism(), DEFAULT_MAX_WORKERS);
  const workers = Math.max(1, Math.min(wanted, Math.floor(settings.n / MIN_RESAMPLES_PER_WORKER)));
  // Without a worker script on disk (a bundle that did not pass its own), resample in-process.
  if (workers === 1 || workerScript.protocol !== 'file:' || !existsSync(fileURLToPath(workerScript))) {
    return computeResamples(datasets, settings.seed, 0, settings.n, options.slices);
  }
  // Sorted once here rather than once in every worker (each would find the same order).
  const ordered = inResamplingOrder(datasets, options.slices);
  const bounds = Array.from({ length: workers + 1 }, (_, w) => Math.round((w * settings.n) / workers));
  const parts = await Promise.all(
    bounds.slice(0, -1).map((from, w) => runWorker(workerScript, { kind: 'modelgate-bootstrap', datasets: ordered.datasets, seed: settings.seed, from, to: bounds[w + 1]!, ...(ordered.slices ? { slices: ordered.slices } : {}) })),
  );
  return parts[0]!.map((_, d) => {
    const width = parts[0]![d]!.length / (bounds[1]! - bounds[0]!);
    const table = new Float64Array(settings.n * width);
    parts.forEach((part, w) => table.set(part[d]!, bounds[w]! * width));
    return table;
  });
}

function runWorker(script: URL, job: BootstrapJob): Promise<Float64Array[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let result: Float64Array[] | undefined;
    worker.once('message', (tables: Float64Array[]) => {
      result = tables;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bootstrap worker exited with code ${code} before returning resamples`));
    });
  });
}
