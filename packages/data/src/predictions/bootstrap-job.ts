import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type EvaluationData, type ResampleSlices, computeResamples } from '@modelgate/core';

/** What one bootstrap worker computes: resamples [from, to) of every dataset. */
export interface BootstrapJob {
  kind: 'modelgate-bootstrap';
  datasets: EvaluationData[];
  seed: number;
  from: number;
  to: number;
  slices?: ResampleSlices;
}

/** Whether this thread was started by runBootstrap (so a bundled entry can hand over to it). */
export function isBootstrapWorker(): boolean {
  return !isMainThread && (workerData as Partial<BootstrapJob> | null)?.kind === 'modelgate-bootstrap';
}

/** Compute this worker's resamples and post the tables back (buffers transferred, not copied). */
export function runBootstrapJob(): void {
  const job = workerData as BootstrapJob;
  const tables = computeResamples(job.datasets, job.seed, job.from, job.to, job.slices);
  parentPort!.postMessage(tables, tables.map((table) => table.buffer as ArrayBuffer));
}
