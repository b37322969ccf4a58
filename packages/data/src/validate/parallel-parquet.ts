import { availableParallelism } from 'node:os';
import type { ValidationPlan } from '@modelgate/core';
import type { ParquetTable } from '../readers/parquet-table.ts';
import { observeBatches } from './observe-batches.ts';
import { defaultWorkerScript, mergeWorkerState, startWorker, throwIfCrashed, workerScriptExists, type WorkerResult } from './parallel-csv.ts';
import type { ParquetPartTask } from './parquet-part-job.ts';

/** Below this many rows a worker's start-up costs more than it saves. */
export const PARQUET_PARALLEL_MIN_ROWS = 500_000;

/** How many parts to split a Parquet file's row groups into: one per core, when it pays. */
export function parquetPartCount(table: ParquetTable, minRows = PARQUET_PARALLEL_MIN_ROWS, workerScript = defaultWorkerScript): number {
  if (table.rowCount < minRows || table.groupRows.length < 2 || !workerScriptExists(workerScript)) return 1;
  return Math.min(availableParallelism(), 4, table.groupRows.length);
}

/**
 * Validates a Parquet file on several threads: row groups are exact boundaries, so each part is
 * a contiguous run of groups with about the same number of rows. Every part runs on a worker and
 * this thread only merges: decoding a row group leaves more garbage than the CSV scanner does, and
 * on the main thread it grew the young generation as the file got longer (only a worker can be
 * started with a small one). Peak RSS on the 2M/10M-row bench files, 3 runs each: main thread plus
 * one worker 172-198 / 199-214 MB, workers only 182-195 / 205-209 MB. The CSV scanner makes
 * little garbage, so there the main thread keeps the first range (an extra worker cost 15-25 MB).
 */
export async function observeParquetInParts(table: ParquetTable, plan: ValidationPlan, parts: number, workerScript = defaultWorkerScript): Promise<number> {
  const bounds = [0];
  let acc = 0;
  for (let g = 0; g < table.groupRows.length; g++) {
    acc += table.groupRows[g]!;
    if (acc >= (table.rowCount * bounds.length) / parts && bounds.length < parts && g + 1 < table.groupRows.length) bounds.push(g + 1);
  }
  bounds.push(table.groupRows.length);
  const tasks = bounds.slice(0, -1).map((from, i) => {
    const task: ParquetPartTask = { kind: 'modelgate-parquet-part', path: table.path, schema: plan.schema, columns: table.columns, from, to: bounds[i + 1]! };
    return startWorker(workerScript, task);
  });
  let rows = 0;
  for (let i = 0; i < tasks.length; i++) {
    const result = await tasks[i]!;
    if (result.crashed || !result.ok) await Promise.allSettled(tasks);
    throwIfCrashed(result);
    if (!result.ok) {
      // Read the rest here: its error (or result) then comes from the same reader as one thread's.
      return rows + (await observeBatches(table.groupBatches(bounds[i]!, table.groupRows.length), plan));
    }
    mergeWorkerState(plan, result, 0, 0);
    rows += result.rows;
  }
  return rows;
}
