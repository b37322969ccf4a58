// Profiles a stream of row batches (a whole file, or one part of it on a worker thread).

import { type DataProfileSettings, DataProfile } from '@modelgate/core/profile/observe';
import type { RowBatch } from '../readers/types.ts';
import { ColumnProfiler } from './column-profiler.ts';

/** The columns whose numbers a profile reads (the others the config names categorical): parsed while a CSV is scanned. */
export function numericColumns(columns: readonly string[], categorical: readonly string[]): ReadonlySet<string> {
  return new Set(columns.filter((name) => !categorical.includes(name)));
}

/** The profile of `columns` over these batches (rows counted; no source recorded). */
export async function profileBatches(batches: AsyncIterable<RowBatch>, columns: readonly string[], categorical: ReadonlySet<string>, settings: DataProfileSettings): Promise<DataProfile> {
  const profilers = columns.map((name) => new ColumnProfiler(name, settings, categorical.has(name)));
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.rowCount;
    for (let c = 0; c < profilers.length; c++) profilers[c]!.addBatch(batch, c);
  }
  const profile = new DataProfile(settings);
  profile.rows = rows;
  profile.columns = profilers.map((profiler) => profiler.finish());
  return profile;
}
