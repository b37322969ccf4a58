// A drift reader thread: reads one file's columns (readSamples) and posts them back, the
// numbers' buffers transferred rather than copied. See readInWorker.

import { flushCompileCache } from 'node:module';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InputError, errorMessage } from '@modelgate/core';
import { type ReadOptions, readSamples } from './read-samples.ts';

export interface ReadJob {
  kind: 'modelgate-drift-read';
  path: string;
  columns: string[];
  categorical: string[];
  options: ReadOptions;
}

export type ReadResult =
  | { ok: true; rows: number; samples: [string, unknown][] }
  | { ok: false; input: boolean; message: string };

/** Whether this thread was started to read a drift file (so a bundled entry can hand over). */
export function isDriftReadWorker(): boolean {
  return !isMainThread && (workerData as { kind?: unknown } | null)?.kind === 'modelgate-drift-read';
}

export async function runDriftReadWorker(): Promise<void> {
  const job = workerData as ReadJob;
  // The main thread may end the worker right after it posts, before Node would write the cache.
  flushCompileCache();
  try {
    const { rows, samples } = await readSamples(job.path, job.columns, new Set(job.categorical), job.options);
    const transfer: ArrayBuffer[] = [];
    for (const sample of samples.values()) if (sample.kind === 'numeric') transfer.push(sample.sorted.buffer as ArrayBuffer);
    parentPort!.postMessage({ ok: true, rows, samples: [...samples] } satisfies ReadResult, transfer);
  } catch (error) {
    parentPort!.postMessage({ ok: false, input: error instanceof InputError, message: errorMessage(error) } satisfies ReadResult);
  }
}
