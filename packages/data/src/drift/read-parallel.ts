// Reads the reference and the current file at the same time: the current one on a worker thread,
// the reference on this one. Each file is still read once, for every column and method; the two
// reads (parsing, then sorting each numeric column) overlap on two cores.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ColumnSample, InputError } from '@modelgate/core';
import type { ReadJob, ReadResult } from './read-worker.ts';
import { type FileSamples, type ReadOptions, readSamples } from './read-samples.ts';

/** Below this size (both files together) a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 << 20;

export const defaultReadWorker = new URL('./read-worker-entry.ts', import.meta.url);

export interface FileToRead {
  path: string;
  columns: string[];
}

/** Node's compile cache turned on in the thread before it loads `entry` (see validate's parallel-parts.ts). */
function withCompileCache(entry: URL): URL {
  const code = `import { enableCompileCache } from 'node:module';\nenableCompileCache();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** The worker's samples, and a way to stop it when the other file fails first. */
function readInWorker(script: URL, job: ReadJob): { result: Promise<FileSamples>; stop: () => void } {
  const worker = new Worker(withCompileCache(script), { workerData: job });
  const result = new Promise<FileSamples>((resolve, reject) => {
    let settled = false;
    worker.once('message', (result: ReadResult) => {
      settled = true;
      void worker.terminate();
      if (result.ok) resolve({ rows: result.rows, samples: new Map(result.samples as [string, ColumnSample][]) });
      else reject(result.input ? new InputError(result.message) : new Error(result.message));
    });
    worker.once('error', (error) => {
      if (!settled) reject(new Error(`a drift reader thread failed: ${error.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a drift reader thread exited with code ${code} before posting`));
    });
  });
  return { result, stop: () => void worker.terminate() };
}

async function bytesOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Both files' samples; in parallel when they are large, there are two cores and the worker script exists. */
export async function readBoth(
  reference: FileToRead,
  current: FileToRead,
  categorical: ReadonlySet<string>,
  options: ReadOptions,
  workerScript: URL = defaultReadWorker,
  minBytes = PARALLEL_MIN_BYTES,
): Promise<[FileSamples, FileSamples]> {
  const big = (await bytesOf(reference.path)) + (await bytesOf(current.path)) >= minBytes;
  const parallel = big && availableParallelism() > 1 && workerScript.protocol === 'file:' && existsSync(fileURLToPath(workerScript));
  if (!parallel) {
    const ref = await readSamples(reference.path, reference.columns, categorical, options);
    return [ref, await readSamples(current.path, current.columns, categorical, options)];
  }
  const job: ReadJob = { kind: 'modelgate-drift-read', path: current.path, columns: current.columns, categorical: [...categorical], options };
  const other = readInWorker(workerScript, job);
  let ref: FileSamples;
  try {
    ref = await readSamples(reference.path, reference.columns, categorical, options);
  } catch (error) {
    // The reference's error is the one to report: stop the worker and let its rejection go.
    other.result.catch(() => {});
    other.stop();
    throw error;
  }
  return [ref, await other.result];
}
