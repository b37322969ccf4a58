import { flushCompileCache } from 'node:module';
import { isMainThread, workerData } from 'node:worker_threads';

/** Whether this thread was started to validate part of a file (so a bundled entry can hand over). */
export function isValidationWorker(): boolean {
  const kind = (workerData as { kind?: unknown } | null)?.kind;
  return !isMainThread && (kind === 'modelgate-csv-range' || kind === 'modelgate-jsonl-range' || kind === 'modelgate-parquet-part');
}

/**
 * Runs the part this worker was started for and posts its validators' state back. Each job is
 * imported only when needed: every thread loads its own modules, and a CSV range has no use for
 * the Parquet reader.
 */
export async function runValidationWorker(): Promise<void> {
  const kind = (workerData as { kind: string }).kind;
  const job =
    kind === 'modelgate-csv-range'
      ? (await import('./csv-range-job.ts')).runCsvRangeJob
      : kind === 'modelgate-jsonl-range'
        ? (await import('./jsonl-range-job.ts')).runJsonlRangeJob
        : (await import('./parquet-part-job.ts')).runParquetPartJob;
  // The main thread terminates the worker once it posts, before Node would write the cache.
  flushCompileCache();
  return job();
}
