import type { ValidationPlan } from '@modelgate/core';
import { csvBatches, type CsvLayout, type CsvProgress } from '../readers/csv-table.ts';
import type { RangeTask } from './csv-range-job.ts';
import { observeBatches } from './observe-batches.ts';
import { defaultWorkerScript, lineStarts, mergeWorkerState, startWorker, throwIfCrashed, type WorkerResult } from './parallel-parts.ts';

interface RangeResult extends WorkerResult {
  progress: CsvProgress;
}

/**
 * Validates a plain CSV on several threads: the main thread takes the first byte range, workers
 * the others. A range boundary is the byte after the first line break past an even split; it is
 * only a row boundary if that line break is outside quotes, which nothing short of parsing from
 * the start can tell. So each range starts speculatively, and the previous range, parsed properly,
 * confirms it: a range is used only if the previous one ended exactly at its start. Otherwise
 * (a quoted field with a newline straddles the split) the rest is parsed again on the main thread.
 */
export async function observeCsvInRanges(layout: CsvLayout, plan: ValidationPlan, columns: string[], bytes: number, ranges: number, workerScript = defaultWorkerScript): Promise<number> {
  const splits = await lineStarts(layout.path, layout.dataStart, bytes, ranges);
  const tasks = splits.map((start, i) => {
    const task: RangeTask = { kind: 'modelgate-csv-range', layout, schema: plan.schema, columns, bytes, start, ...(splits[i + 1] !== undefined ? { end: splits[i + 1]! } : {}) };
    return startWorker<RangeResult>(workerScript, task);
  });
  const first: CsvProgress = { rows: 0, nextLine: layout.dataLine, lastRowEnd: layout.dataStart };
  let rows: number;
  try {
    rows = await observeBatches(csvBatches(layout, { ...(splits[0] !== undefined ? { end: splits[0] } : {}), progress: first }), plan, { bytes: (splits[0] ?? bytes) - layout.dataStart });
  } catch (error) {
    await Promise.allSettled(tasks);
    throw error;
  }
  let line = first.nextLine;
  let end = first.lastRowEnd;
  const results = await Promise.all(tasks);
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    throwIfCrashed(result);
    if (!result.ok || end !== splits[i]) {
      // Speculation failed, or the range has an error whose row and line need absolute numbers:
      // parse everything from here on this thread.
      const rest: CsvProgress = { rows: 0, nextLine: line, lastRowEnd: end };
      return rows + (await observeBatches(csvBatches(layout, { start: end, firstRow: rows + 1, firstLine: line, progress: rest }), plan));
    }
    mergeWorkerState(plan, result, rows, line - 1);
    rows += result.rows;
    line += result.progress.nextLine - 1;
    end = result.progress.lastRowEnd;
  }
  return rows;
}
