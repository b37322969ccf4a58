// Row groups [from, to) of a Parquet file validated on a worker thread; rows keep their numbers
// in the whole file, so the main thread merges without shifting.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, planValidation, type ValidationSchema } from '@modelgate/core/validation/observe';
import { openParquetTable } from '../readers/parquet-table.ts';
import { observeBatches } from './observe-batches.ts';
import { postPlanState } from './plan-state.ts';

export interface ParquetPartTask {
  kind: 'modelgate-parquet-part';
  path: string;
  /** The parsed schema (structured clone keeps its RegExps), so workers need no schema parser. */
  schema: ValidationSchema;
  columns: string[];
  from: number;
  to: number;
}

export async function runParquetPartJob(): Promise<void> {
  const task = workerData as ParquetPartTask;
  try {
    const { schema } = task;
    const table = await openParquetTable(task.path, task.columns);
    const plan = planValidation(schema, table.columns, task.path);
    const expected = table.groupRows.slice(task.from, task.to).reduce((sum, rows) => sum + rows, 0);
    const rows = await observeBatches(table.groupBatches(task.from, task.to), plan, { rows: expected });
    postPlanState(plan, { rows });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: errorMessage(error) });
  }
}
