// The profile of one data file, in parts on worker threads when it is large: CSV and JSONL by byte
// ranges, Parquet by row groups, as validate splits them (validate/parallel-*.ts), each part's
// profile merged into the first's. A profile is bounded, so memory stays flat as the file grows.

import { stat } from 'node:fs/promises';
import { DataProfile, DEFAULT_PROFILE_SETTINGS, type DataProfileSettings, InputError, type ProfileSettings } from '@modelgate/core';
import { defaultReadWorker } from '../drift/read-parallel.ts';
import { type Thread, startThread } from '../drift/worker-thread.ts';
import { type ReadOptions, tableOptions } from '../drift/read-samples.ts';
import { isGzipPath } from '../readers/byte-source.ts';
import { type CsvLayout, type CsvProgress, csvBatches } from '../readers/csv-table.ts';
import { type JsonlLayout, jsonlBatches } from '../readers/jsonl-table.ts';
import type { ParquetTable } from '../readers/parquet-table.ts';
import { type RowBatch, type Table, openTable } from '../readers/index.ts';
import { parquetPartCount, rowGroupBounds } from '../validate/parallel-parquet.ts';
import { PARALLEL_MIN_BYTES, lineStarts, rangeCount } from '../validate/parallel-parts.ts';
import { numericColumns, profileBatches } from './profile-batches.ts';
import type { FilePart, PartProfiled, ProfilePartJob, ProfilePartResult } from './profile-part-job.ts';

/** How to read the file (nullValues: drift.null_values), and what to profile. */
export interface ProfileOptions extends ReadOptions {
  /** Only these columns; default every column. */
  columns?: readonly string[];
  /** Columns read as categories, numbers as written (drift.categorical). */
  categorical?: ReadonlySet<string>;
  /** KLL k and category cap; default DEFAULT_PROFILE_SETTINGS. */
  settings?: Partial<ProfileSettings>;
  /** Threads for a large plain CSV or JSONL, or a Parquet file of many row groups; default one per core, at most 4. */
  threads?: number;
  /** Plain CSV and JSONL files at least this large are split across threads (tests lower it). */
  parallelMinBytes?: number;
  /** Parquet files with at least this many rows are split by row groups. */
  parallelMinRows?: number;
  /** The worker entry (a bundle passes its own file). */
  workerScript?: URL;
}

/** Profile settings from the options. */
function profileSettings(options: ProfileOptions): DataProfileSettings {
  return { ...DEFAULT_PROFILE_SETTINGS, ...options.settings, nullValues: [...(options.nullValues ?? [])] };
}

/**
 * How much longer than each other byte range the first is: this thread reads it from the start,
 * while a worker first loads its modules. A 2M-row CSV on 2 cores: 1.46 s even, 1.40 s at 1.3, 1.45 s at
 * 1.6 (validate's ranges measured best even: its main thread has more to merge).
 */
const FIRST_RANGE_WEIGHT = 1.3;

/** Young generation of a profiling thread: its batches are short-lived, and a small one keeps RSS flat. */
const PART_LIMITS = { maxYoungGenerationSizeMb: 8 };

interface Plan {
  table: Table;
  columns: string[];
  categorical: string[];
  settings: DataProfileSettings;
  script: URL;
}

/** The profile of one file (no source recorded: the caller names it). */
export async function profileFile(path: string, options: ProfileOptions = {}): Promise<DataProfile> {
  const table = await openTable(path, tableOptions(options, options.columns));
  const plan: Plan = {
    table,
    columns: table.columns,
    categorical: table.columns.filter((name) => options.categorical?.has(name)),
    settings: profileSettings(options),
    script: options.workerScript ?? defaultReadWorker,
  };
  const threads = options.threads ?? Infinity;
  if (table.format === 'parquet') {
    const parquet = table as ParquetTable;
    const parts = Math.min(threads, parquetPartCount(parquet, options.parallelMinRows, plan.script));
    return parts > 1 ? profileParquetParts(plan, parquet, parts) : profileWhole(plan);
  }
  const bytes = (await stat(path)).size;
  const ranges = Math.min(threads, rangeCount(bytes, isGzipPath(path), options.parallelMinBytes ?? PARALLEL_MIN_BYTES, plan.script));
  if (ranges <= 1) return profileWhole(plan);
  if (table.format === 'csv') return profileCsvRanges(plan, (table as Table & { layout: CsvLayout }).layout, bytes, ranges);
  return profileJsonlRanges(plan, (table as Table & { layout: JsonlLayout }).layout, bytes, ranges);
}

function profileWhole(plan: Plan): Promise<DataProfile> {
  return profileHere(plan, plan.table.batches({ parseNumbers: numericColumns(plan.columns, plan.categorical) }));
}

/** The profile of some of the file's batches, on this thread. */
function profileHere(plan: Plan, batches: AsyncIterable<RowBatch>): Promise<DataProfile> {
  return profileBatches(batches, plan.columns, new Set(plan.categorical), plan.settings);
}

function startPart(plan: Plan, part: FilePart): Thread<ProfilePartResult> {
  const job: ProfilePartJob = { kind: 'modelgate-profile-part', columns: plan.columns, categorical: plan.categorical, settings: plan.settings, ...part };
  return startThread<ProfilePartResult>('a profiling thread', plan.script, job, PART_LIMITS);
}

type PartOutcome = PartProfiled | { ok: false; message: string };

/** A thread's profile, or its error: an input error as one line, anything else as a failure. */
async function posted(thread: Thread<ProfilePartResult>): Promise<PartOutcome> {
  const result = await thread.result;
  if (result.ok || result.input) return result;
  throw new Error(`a profiling thread failed: ${result.message}`);
}

/**
 * The first part profiled here while `threads` profile the others, then each thread's outcome in
 * order handed to `onPart` until it says stop. Every thread is stopped at the end, or on an error.
 */
async function inParts(
  threads: readonly Thread<ProfilePartResult>[],
  first: () => Promise<DataProfile>,
  onPart: (profile: DataProfile, result: PartOutcome, index: number) => Promise<boolean>,
): Promise<DataProfile> {
  try {
    const profile = await first();
    for (let i = 0; i < threads.length; i++) {
      if (!(await onPart(profile, await posted(threads[i]!), i))) break;
    }
    return profile;
  } finally {
    for (const thread of threads) thread.stop();
  }
}

/**
 * A plain CSV in byte ranges. A range starts after the first line break past an even split, which
 * is a row boundary only outside quotes; so a range is used only if the previous one, parsed
 * properly, ended exactly where it starts. Otherwise (a quoted newline straddles the split), or when
 * a range has an input error (whose row and line need absolute numbers), the rest is profiled here.
 */
async function profileCsvRanges(plan: Plan, layout: CsvLayout, bytes: number, ranges: number): Promise<DataProfile> {
  const splits = await lineStarts(layout.path, layout.dataStart, bytes, ranges, FIRST_RANGE_WEIGHT);
  const threads = splits.map((start, i) => startPart(plan, { format: 'csv', layout, start, ...(splits[i + 1] !== undefined ? { end: splits[i + 1]! } : {}) }));
  // Where the parts read so far end: the first part fills it in, each part used moves it on.
  const read: CsvProgress = { rows: 0, nextLine: layout.dataLine, lastRowEnd: layout.dataStart };
  return inParts(threads, () => profileHere(plan, csvBatches(layout, { ...(splits[0] !== undefined ? { end: splits[0] } : {}), progress: read, parseNumbers: numericColumns(plan.columns, plan.categorical) })), async (profile, result, i) => {
    if (!result.ok || read.lastRowEnd !== splits[i]) {
      profile.merge(await profileHere(plan, csvBatches(layout, { start: read.lastRowEnd, firstRow: profile.rows + 1, firstLine: read.nextLine, parseNumbers: numericColumns(plan.columns, plan.categorical) })));
      return false;
    }
    profile.merge(DataProfile.fromJSON(result.profile));
    read.nextLine += result.progress.nextLine - 1;
    read.lastRowEnd = result.progress.lastRowEnd;
    return true;
  });
}

/** A plain JSONL file in byte ranges: a JSON string holds no raw line break, so every split is exact. */
async function profileJsonlRanges(plan: Plan, layout: JsonlLayout, bytes: number, ranges: number): Promise<DataProfile> {
  const starts = [0, ...(await lineStarts(layout.path, 0, bytes, ranges, FIRST_RANGE_WEIGHT))];
  const threads = starts.slice(1).map((start, i) => startPart(plan, { format: 'jsonl', layout, start, end: starts[i + 2] ?? bytes }));
  const read = { rows: 0, nextLine: 1 };
  return inParts(threads, () => profileHere(plan, jsonlBatches(layout, { start: 0, end: starts[1]!, progress: read })), async (profile, result, i) => {
    if (!result.ok) {
      // Read the rest here, numbered from the absolute row and line: its error names them.
      profile.merge(await profileHere(plan, jsonlBatches(layout, { start: starts[i + 1]!, firstRow: profile.rows + 1, firstLine: read.nextLine })));
      return false;
    }
    profile.merge(DataProfile.fromJSON(result.profile));
    read.nextLine += result.progress.nextLine - 1;
    return true;
  });
}

/** Parquet by contiguous runs of row groups of about equal rows; row numbers are the file's in every part. */
async function profileParquetParts(plan: Plan, table: ParquetTable, parts: number): Promise<DataProfile> {
  const bounds = rowGroupBounds(table, parts);
  const threads = bounds.slice(1, -1).map((from, i) => startPart(plan, { format: 'parquet', path: table.path, from, to: bounds[i + 2]! }));
  return inParts(threads, () => profileHere(plan, table.groupBatches(0, bounds[1]!)), async (profile, result) => {
    if (!result.ok) throw new InputError(result.message);
    profile.merge(DataProfile.fromJSON(result.profile));
    return true;
  });
}
