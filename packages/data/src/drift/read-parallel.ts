// Reads the reference and the current file at the same time: the current one on a worker thread,
// the reference on this one. Each file is still read once, for every column and method; the two
// reads (parsing, then sorting each numeric column) overlap on two cores.

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ColumnSample, InputError } from '@modelgate/core';
import type { ReadJob, ReadResult } from './read-worker.ts';
import { type FileSamples, type ReadOptions, readSamples } from './read-samples.ts';
import { startThread } from './worker-thread.ts';

/** Below this size (both files together) a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 << 20;

export const defaultReadWorker = new URL('./read-worker-entry.ts', import.meta.url);

export interface FileToRead {
  path: string;
  columns: string[];
}

/** The worker's samples, and a way to stop it when the other file fails first. */
function readInWorker(script: URL, job: ReadJob): { result: Promise<FileSamples>; stop: () => void } {
  const thread = startThread<ReadResult>('a drift reader thread', script, job);
  const result = thread.result.then((posted) => {
    if (!posted.ok) throw posted.input ? new InputError(posted.message) : new Error(posted.message);
    return { rows: posted.rows, samples: new Map(posted.samples as [string, ColumnSample][]) };
  });
  return { result, stop: thread.stop };
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
