// What the parallel validation paths (CSV and JSONL byte ranges, Parquet row groups) share: where
// a file splits, starting a worker thread, and merging what it posts back.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnSnapshot, CompoundUniqueness, ValidationPlan } from '@modelgate/core';
import { withCompileCache } from '../worker-entry-url.ts';

/** Below this size a worker's start-up (~100 ms) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** The worker entry when running from source; bundles pass their own file (see isValidationWorker). */
export const defaultWorkerScript = new URL('./csv-range-worker.ts', import.meta.url);

/** What a validation worker posts back (see plan-state.ts). */
export interface WorkerResult {
  ok: boolean;
  message?: string;
  /** Set by startWorker when the thread died (failed to load, crashed) instead of posting a result. */
  crashed?: boolean;
  rows: number;
  columns: ColumnSnapshot[];
  compound: ReturnType<CompoundUniqueness['snapshot']>[];
}

export function workerScriptExists(workerScript: URL): boolean {
  return workerScript.protocol === 'file:' && existsSync(fileURLToPath(workerScript));
}

/** Adds a worker's validator state; rows and lines of the worker's part are shifted by the offsets. */
export function mergeWorkerState(plan: ValidationPlan, result: WorkerResult, rowOffset: number, lineOffset: number): void {
  plan.columns.forEach(({ validator }, c) => validator.merge(result.columns[c]!, rowOffset, lineOffset));
  plan.compound.forEach((group, g) => group.merge(result.compound[g]!, rowOffset, lineOffset));
}

/** How many byte ranges to split a plain CSV or JSONL file of `bytes` into: one per core, when it pays. */
export function rangeCount(bytes: number, gzip: boolean, minBytes = PARALLEL_MIN_BYTES, workerScript = defaultWorkerScript): number {
  // Without a worker script on disk (a bundle that did not pass its own), stay on one thread.
  if (gzip || bytes < minBytes || !workerScriptExists(workerScript)) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(bytes / (minBytes / 2))));
}

/**
 * A worker that died is a bug or a broken install, not a data problem: say so rather than quietly
 * redoing its part on the main thread (which would also hide a broken worker from the tests).
 */
export function throwIfCrashed(result: WorkerResult): void {
  if (result.crashed) throw new Error(`a validation worker thread failed: ${result.message ?? 'no message'}`);
}

/**
 * Byte offsets just past the first line break after each split of [from, bytes): even splits, or
 * with `firstWeight` the first range that many times as long as each of the others.
 */
export async function lineStarts(path: string, from: number, bytes: number, ranges: number, firstWeight = 1): Promise<number[]> {
  const handle = await open(path, 'r');
  try {
    const points: number[] = [];
    const span = (bytes - from) / (ranges - 1 + firstWeight);
    const probe = Buffer.allocUnsafe(64 << 10);
    for (let k = 1; k < ranges; k++) {
      let at = Math.floor(from + span * (k - 1 + firstWeight));
      for (;;) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, at);
        if (bytesRead === 0) return points;
        const lf = probe.subarray(0, bytesRead).indexOf(0x0a);
        if (lf >= 0) {
          if (at + lf + 1 < bytes && (points.length === 0 || at + lf + 1 > points.at(-1)!)) points.push(at + lf + 1);
          break;
        }
        at += bytesRead;
      }
    }
    return points;
  } finally {
    await handle.close();
  }
}

/** Starts a validation worker; resolves with what it posts, or `ok: false` if it dies first. */
export function startWorker<R extends WorkerResult = WorkerResult>(workerScript: URL, task: object): Promise<R> {
  return new Promise((resolve) => {
    // A small young generation keeps each thread's memory flat; the batches are short-lived.
    // Parquet bench files, 2M / 10M rows, peak RSS over 3 runs: 16 MB gave 196-218 / 233-245 MB,
    // 8 MB 182-195 / 205-209 MB, 6 MB 193-203 / 215-221 MB (before the lazy dictionary values).
    const worker = new Worker(withCompileCache(workerScript), { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const fail = (message: string) => resolve({ ok: false, crashed: true, message, rows: 0, progress: { rows: 0, nextLine: 1, lastRowEnd: 0 }, columns: [], compound: [] } as unknown as R);
    worker.once('message', (result: R) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => fail(error.message));
    worker.once('exit', (code) => fail(`worker exited with code ${code}`));
  });
}
