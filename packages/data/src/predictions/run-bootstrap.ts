import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BootstrapSettings, type EvaluationData, type ResampleSlices, computeResamples } from '@modelgate/core';

/** Below this many resamples per worker, starting threads costs more than it saves. */
const MIN_RESAMPLES_PER_WORKER = 8;

export interface BootstrapRunOptions {
  /** Worker threads to use; defaults to the machine's available parallelism. 1 runs in-process. */
  workers?: number;
  /** Also resample each slice of the first dataset (tables appended after the datasets'). */
  slices?: ResampleSlices;
}

/**
 * Resample x metric tables for each dataset, the same counts applied to all of them (paired).
 * Resample b is seeded by (seed, b) alone, so the tables are identical whatever the worker count.
 * Each worker holds one count vector: memory does not grow with the number of resamples beyond
 * the result tables (resamples x metrics numbers).
 */
export async function runBootstrap(datasets: EvaluationData[], settings: BootstrapSettings, options: BootstrapRunOptions = {}): Promise<Float64Array[]> {
  const workerScript = new URL('./bootstrap-worker.ts', import.meta.url);
  const wanted = options.workers ?? availableParallelism();
  const workers = Math.max(1, Math.min(wanted, Math.floor(settings.n / MIN_RESAMPLES_PER_WORKER)));
  // A bundled action has no separate worker file next to it: it runs the resamples in-process.
  if (workers === 1 || workerScript.protocol !== 'file:' || !existsSync(fileURLToPath(workerScript))) {
    return computeResamples(datasets, settings.seed, 0, settings.n, options.slices);
  }
  const bounds = Array.from({ length: workers + 1 }, (_, w) => Math.round((w * settings.n) / workers));
  const parts = await Promise.all(
    bounds.slice(0, -1).map((from, w) => runWorker(workerScript, { datasets, seed: settings.seed, from, to: bounds[w + 1]!, ...(options.slices ? { slices: options.slices } : {}) })),
  );
  return parts[0]!.map((_, d) => {
    const width = parts[0]![d]!.length / (bounds[1]! - bounds[0]!);
    const table = new Float64Array(settings.n * width);
    parts.forEach((part, w) => table.set(part[d]!, bounds[w]! * width));
    return table;
  });
}

export interface BootstrapJob {
  datasets: EvaluationData[];
  seed: number;
  from: number;
  to: number;
  slices?: ResampleSlices;
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
