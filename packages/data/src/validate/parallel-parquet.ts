import { availableParallelism } from 'node:os';
import type { ValidationPlan } from '@modelgate/core';
import type { ParquetTable } from '../readers/parquet-table.ts';
import { observeBatches } from './observe-batches.ts';
import { defaultWorkerScript, mergeWorkerState, startWorker, throwIfCrashed, workerScriptExists, type WorkerResult } from './parallel-parts.ts';
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
 * a contiguous run of groups with about the same number of rows. This thread takes the first.
 */
export async function observeParquetInParts(table: ParquetTable, plan: ValidationPlan, parts: number, workerScript = defaultWorkerScript): Promise<number> {
  const bounds = rowGroupBounds(table, parts);
  const tasks = bounds.slice(1, -1).map((from, i) => {
    const task: ParquetPartTask = { kind: 'modelgate-parquet-part', path: table.path, schema: plan.schema, columns: table.columns, from, to: bounds[i + 2]! };
    return startWorker(workerScript, task);
  });
  const firstRows = table.groupRows.slice(0, bounds[1]).reduce((sum, rows) => sum + rows, 0);
  let rows: number;
  try {
    rows = await observeBatches(table.groupBatches(0, bounds[1]!), plan, { rows: firstRows });
  } catch (error) {
    await Promise.allSettled(tasks);
    throw error;
  }
  const results: WorkerResult[] = await Promise.all(tasks);
  for (const [i, result] of results.entries()) {
    throwIfCrashed(result);
    if (!result.ok) {
      // Read the rest here: its error (or result) then names rows as the whole file numbers them.
      const from = bounds[i + 1]!;
      return rows + (await observeBatches(table.groupBatches(from, table.groupRows.length), plan));
    }
    mergeWorkerState(plan, result, 0, 0);
    rows += result.rows;
  }
  return rows;
}

/**
 * Where the parts of a Parquet file start, in row groups, and the group count at the end: contiguous
 * runs of groups with about the same number of rows (row groups are exact boundaries).
 */
export function rowGroupBounds(table: Pick<ParquetTable, 'groupRows' | 'rowCount'>, parts: number): number[] {
  const bounds = [0];
  let acc = 0;
  for (let g = 0; g < table.groupRows.length; g++) {
    acc += table.groupRows[g]!;
    if (acc >= (table.rowCount * bounds.length) / parts && bounds.length < parts && g + 1 < table.groupRows.length) bounds.push(g + 1);
  }
  bounds.push(table.groupRows.length);
  return bounds;
}
