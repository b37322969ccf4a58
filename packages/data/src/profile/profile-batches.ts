// Profiles a stream of row batches (a whole file, or one part of it on a worker thread).

import { type DataProfileSettings, DataProfile } from '@modelgate/core/profile/observe';
import { type RowBatch, isColumnwiseBatch } from '../readers/types.ts';
import { ColumnProfiler } from './column-profiler.ts';

/** The profile of `columns` over these batches (rows counted; no source recorded). */
export async function profileBatches(batches: AsyncIterable<RowBatch>, columns: readonly string[], categorical: ReadonlySet<string>, settings: DataProfileSettings): Promise<DataProfile> {
  const profilers = columns.map((name) => new ColumnProfiler(name, settings, categorical.has(name)));
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.rowCount;
    if (isColumnwiseBatch(batch)) {
      for (let c = 0; c < profilers.length; c++) {
        // One decoded column at a time, released after use (see ParquetBatch.release).
        batch.forEachCell(c, (cell) => profilers[c]!.addCell(cell));
        batch.release(c);
      }
      continue;
    }
    for (let c = 0; c < profilers.length; c++) profilers[c]!.addBatch(batch, c);
  }
  const profile = new DataProfile(settings);
  profile.rows = rows;
  profile.columns = profilers.map((profiler) => profiler.finish());
  return profile;
}
