import { isMainThread, workerData } from 'node:worker_threads';
import { runCsvRangeJob } from './csv-range-job.ts';
import { runParquetPartJob } from './parquet-part-job.ts';

/** Whether this thread was started to validate part of a file (so a bundled entry can hand over). */
export function isValidationWorker(): boolean {
  const kind = (workerData as { kind?: unknown } | null)?.kind;
  return !isMainThread && (kind === 'modelgate-csv-range' || kind === 'modelgate-parquet-part');
}

/** Runs the part this worker was started for and posts its validators' state back. */
export function runValidationWorker(): Promise<void> {
  return (workerData as { kind: string }).kind === 'modelgate-csv-range' ? runCsvRangeJob() : runParquetPartJob();
}
