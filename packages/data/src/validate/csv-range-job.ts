// One byte range of a CSV file validated on a worker thread; the validators' state goes back to
// the main thread. Rows and lines are numbered from 1 within the range; the main thread shifts them.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { errorMessage, parseValidationSchema, planValidation } from '@modelgate/core';
import { csvBatches, type CsvLayout, type CsvProgress } from '../readers/csv-table.ts';
import { observeBatches } from './observe-batches.ts';

export interface RangeTask {
  kind: 'modelgate-csv-range';
  layout: CsvLayout;
  document: unknown;
  source: string;
  columns: string[];
  start: number;
  end?: number;
  /** Size of the file. */
  bytes: number;
}

/** Whether this thread was started for a CSV range (so a bundled entry can hand over to it). */
export function isCsvRangeWorker(): boolean {
  return !isMainThread && (workerData as Partial<RangeTask> | null)?.kind === 'modelgate-csv-range';
}

export async function runCsvRangeJob(): Promise<void> {
  const task = workerData as RangeTask;
  try {
    const schema = parseValidationSchema(task.document, task.source);
    const plan = planValidation(schema, task.columns, task.layout.path);
    const progress: CsvProgress = { rows: 0, nextLine: 1, lastRowEnd: task.start };
    const range = { start: task.start, ...(task.end !== undefined ? { end: task.end } : {}), firstRow: 1, firstLine: 1, progress };
    const rows = await observeBatches(csvBatches(task.layout, range), plan, { bytes: (task.end ?? task.bytes) - task.start });
    const columns = plan.columns.map(({ validator }) => validator.snapshot());
    const compound = plan.compound.map((group) => group.snapshot());
    const transfer = [
      ...columns.flatMap((c) => (c.unique ? [c.unique.table.buffer, ...(c.unique.dense ? [c.unique.dense.counts.buffer, c.unique.dense.firstRows.buffer] : [])] : [])),
      ...compound.map(({ counter }) => counter.table.buffer),
    ];
    parentPort!.postMessage({ ok: true, rows, progress, columns, compound }, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: errorMessage(error) });
  }
}
