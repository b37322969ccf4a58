import type { ValidationPlan } from '@modelgate/core';
import { jsonlBatches, type JsonlLayout } from '../readers/jsonl-table.ts';
import type { JsonlRangeTask } from './jsonl-range-job.ts';
import { observeBatches } from './observe-batches.ts';
import { defaultWorkerScript, lineStarts, mergeWorkerState, startWorker, throwIfCrashed, type WorkerResult } from './parallel-parts.ts';

interface JsonlRangeResult extends WorkerResult {
  progress: { rows: number; nextLine: number };
}

/**
 * Validates a plain JSONL file on several threads. A JSON string cannot hold a raw line break, so
 * the byte after any line break starts a record: ranges split there exactly, with no speculation
 * (unlike CSV). Every range runs on a worker and this thread only merges (for CSV and Parquet it
 * takes the first part): parsing JSON makes far more garbage than the CSV scanner. 1M rows (158 MB): 4.1-5.4 s on one thread,
 * 2.6-3.2 s on two; peak RSS ~260-330 MB either way, the same at 5M rows.
 */
export async function observeJsonlInRanges(layout: JsonlLayout, plan: ValidationPlan, bytes: number, ranges: number, workerScript = defaultWorkerScript): Promise<number> {
  const starts = [0, ...(await lineStarts(layout.path, 0, bytes, ranges))];
  const tasks = starts.map((start, i) => {
    const task: JsonlRangeTask = { kind: 'modelgate-jsonl-range', layout, schema: plan.schema, start, end: starts[i + 1] ?? bytes };
    return startWorker<JsonlRangeResult>(workerScript, task);
  });
  let rows = 0;
  let line = 1;
  for (let i = 0; i < tasks.length; i++) {
    const result = await tasks[i]!;
    if (result.crashed || !result.ok) await Promise.allSettled(tasks);
    throwIfCrashed(result);
    if (!result.ok) {
      // Read the rest here, numbered from the absolute row and line: its error names them.
      return rows + (await observeBatches(jsonlBatches(layout, { start: starts[i]!, firstRow: rows + 1, firstLine: line }), plan));
    }
    mergeWorkerState(plan, result, rows, line - 1);
    rows += result.rows;
    line += result.progress.nextLine - 1;
  }
  return rows;
}
