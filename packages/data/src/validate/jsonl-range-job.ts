// One byte range of a JSONL file validated on a worker thread. Rows and lines are numbered from 1
// within the range; the main thread shifts them when it merges.
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, planValidation, type ValidationSchema } from '@modelgate/core/validation/observe';
import { jsonlBatches, type JsonlLayout } from '../readers/jsonl-table.ts';
import { observeBatches } from './observe-batches.ts';
import { postPlanState } from './plan-state.ts';

export interface JsonlRangeTask {
  kind: 'modelgate-jsonl-range';
  layout: JsonlLayout;
  /** The parsed schema (structured clone keeps its RegExps), so workers need no schema parser. */
  schema: ValidationSchema;
  start: number;
  end: number;
}

export async function runJsonlRangeJob(): Promise<void> {
  const task = workerData as JsonlRangeTask;
  try {
    const plan = planValidation(task.schema, task.layout.columns, task.layout.path);
    const progress = { rows: 0, nextLine: 1 };
    const rows = await observeBatches(jsonlBatches(task.layout, { start: task.start, end: task.end, firstRow: 1, firstLine: 1, progress }), plan);
    postPlanState(plan, { rows, progress });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: errorMessage(error) });
  }
}
