// One part of a data file profiled on a worker thread (a CSV or JSONL byte range, or Parquet row
// groups); the profile goes back as its JSON state (~40 KB a column).

import { parentPort, workerData } from 'node:worker_threads';
import { type DataProfileSettings, InputError, type ProfileState, errorMessage } from '@modelgate/core/profile/observe';
import type { CsvLayout, CsvProgress } from '../readers/csv-table.ts';
import type { JsonlLayout } from '../readers/jsonl-table.ts';
import type { RowBatch } from '../readers/index.ts';
import { numericColumns, profileBatches } from './profile-batches.ts';

interface PartCommon {
  kind: 'modelgate-profile-part';
  columns: string[];
  categorical: string[];
  settings: DataProfileSettings;
}

/** Which part of which file. */
export type FilePart =
  | { format: 'csv'; layout: CsvLayout; start: number; end?: number }
  | { format: 'jsonl'; layout: JsonlLayout; start: number; end: number }
  | { format: 'parquet'; path: string; from: number; to: number };

export type ProfilePartJob = PartCommon & FilePart;

/** A part's profile and where the part ended: rows read, the line after them, (CSV) the byte after the last row. */
export type PartProfiled = { ok: true; profile: ProfileState; progress: CsvProgress };
export type ProfilePartResult = PartProfiled | { ok: false; input: boolean; message: string };

/**
 * The batches of a part, filling `progress` as they are read; rows and lines numbered from 1 within
 * it. Only the format's reader is loaded (a thread loads its own copy of every module: hyparquet
 * alone costs a CSV part ~70 ms).
 */
async function partBatches(job: ProfilePartJob, progress: CsvProgress): Promise<AsyncIterable<RowBatch>> {
  if (job.format === 'csv') {
    const { csvBatches } = await import('../readers/csv-table.ts');
    return csvBatches(job.layout, { start: job.start, ...(job.end !== undefined ? { end: job.end } : {}), firstRow: 1, firstLine: 1, progress, parseNumbers: numericColumns(job.columns, job.categorical) });
  }
  if (job.format === 'jsonl') {
    const { jsonlBatches } = await import('../readers/jsonl-table.ts');
    return jsonlBatches(job.layout, { start: job.start, end: job.end, firstRow: 1, firstLine: 1, progress });
  }
  const { openParquetTable } = await import('../readers/parquet-table.ts');
  const table = await openParquetTable(job.path, job.columns);
  return table.groupBatches(job.from, job.to);
}

export async function runProfilePartJob(): Promise<void> {
  const job = workerData as ProfilePartJob;
  try {
    const progress: CsvProgress = { rows: 0, nextLine: 1, lastRowEnd: job.format === 'parquet' ? 0 : job.start };
    const profile = await profileBatches(await partBatches(job, progress), job.columns, new Set(job.categorical), job.settings);
    parentPort!.postMessage({ ok: true, profile: profile.toJSON(), progress } satisfies ProfilePartResult);
  } catch (error) {
    parentPort!.postMessage({ ok: false, input: error instanceof InputError, message: errorMessage(error) } satisfies ProfilePartResult);
  }
}
