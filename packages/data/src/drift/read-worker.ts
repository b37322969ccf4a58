// A drift reader thread: reads one file's columns (readSamples) and posts them back, the
// numbers' buffers transferred rather than copied (see readInWorker); or profiles one part of a
// file (profile-part-job.ts), so the packed CLI starts one kind of worker for both.

import { flushCompileCache } from 'node:module';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InputError, errorMessage } from '@modelgate/core/profile/observe';
import type { ReadOptions } from './read-samples.ts';

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

/** Whether this thread was started to read a drift file or profile part of one (so a bundled entry can hand over). */
export function isDriftReadWorker(): boolean {
  const kind = (workerData as { kind?: unknown } | null)?.kind;
  return !isMainThread && (kind === 'modelgate-drift-read' || kind === 'modelgate-profile-part');
}

export async function runDriftReadWorker(): Promise<void> {
  // The main thread may end the worker right after it posts, before Node would write the cache.
  flushCompileCache();
  if ((workerData as { kind: string }).kind === 'modelgate-profile-part') {
    // Imported only here: every thread loads its own modules.
    const { runProfilePartJob } = await import('../profile/profile-part-job.ts');
    await runProfilePartJob();
    return;
  }
  const job = workerData as ReadJob;
  try {
    const { readSamples } = await import('./read-samples.ts');
    const { rows, samples } = await readSamples(job.path, job.columns, new Set(job.categorical), job.options);
    const transfer: ArrayBuffer[] = [];
    for (const sample of samples.values()) if (sample.kind === 'numeric') transfer.push(sample.sorted.buffer as ArrayBuffer);
    parentPort!.postMessage({ ok: true, rows, samples: [...samples] } satisfies ReadResult, transfer);
  } catch (error) {
    parentPort!.postMessage({ ok: false, input: error instanceof InputError, message: errorMessage(error) } satisfies ReadResult);
  }
}
