// One byte range of a CSV file validated on a worker thread; the validators' state goes back to
// the main thread. Rows and lines are numbered from 1 within the range; the main thread shifts them.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, planValidation, type ValidationSchema } from '@modelgate/core/validation/observe';
import { csvBatches, type CsvLayout, type CsvProgress } from '../readers/csv-table.ts';
import { observeBatches } from './observe-batches.ts';
import { postPlanState } from './plan-state.ts';

export interface RangeTask {
  kind: 'modelgate-csv-range';
  layout: CsvLayout;
  /** The parsed schema (structured clone keeps its RegExps), so workers need no schema parser. */
  schema: ValidationSchema;
  columns: string[];
  start: number;
  end?: number;
  /** Size of the file. */
  bytes: number;
}


export async function runCsvRangeJob(): Promise<void> {
  const task = workerData as RangeTask;
  try {
    const { schema } = task;
    const plan = planValidation(schema, task.columns, task.layout.path);
    const progress: CsvProgress = { rows: 0, nextLine: 1, lastRowEnd: task.start };
    const range = { start: task.start, ...(task.end !== undefined ? { end: task.end } : {}), firstRow: 1, firstLine: 1, progress };
    const rows = await observeBatches(csvBatches(task.layout, range), plan, { bytes: (task.end ?? task.bytes) - task.start });
    postPlanState(plan, { rows, progress });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: errorMessage(error) });
  }
}
