// Several metrics files, as DVC keeps them (`metrics/train.json`, `metrics/test.json`): each file is
// diffed on its own, with its own baseline, and its metrics are named `path:metric` in the report
// (DVC's Path column), so two files may both hold `auc`. A gate rule names a metric in every file
// that has it (`auc`) or in one file (`metrics/test.json:auc`).
import type { MetricsSnapshot, SliceMetric } from '../metrics/snapshot.ts';
import type { Config } from './config.ts';
import { type MetricChange, type MetricsDiff, type PairedDelta, diffMetrics } from './diff.ts';

export interface MetricsFileInput {
  /** The path as given (input or option), shown in the File column. */
  path: string;
  head: MetricsSnapshot;
  /** This file's baseline, or why there is none (`fault`: it could not be fetched). */
  baseline: { snapshot: MetricsSnapshot; source: string } | { reason: string; fault?: boolean };
}

/** The name a file's metric is compared and gated under when there are several files. */
export function qualifiedName(path: string, metric: string): string {
  return `${path}:${metric}`;
}

/**
 * Diff every file against its own baseline and put the changes in file order under qualified
 * names. `paired` deltas (`modelgate compare`) belong to evaluate outputs: they apply to the files
 * that are one.
 */
export function diffMetricFiles(files: readonly MetricsFileInput[], config: Config, paired?: ReadonlyMap<string, PairedDelta>): MetricsDiff {
  const changes: MetricChange[] = [];
  for (const file of files) {
    const base = 'snapshot' in file.baseline ? file.baseline.snapshot : undefined;
    const diff = diffMetrics(base, file.head, config, file.head.rows !== undefined ? paired : undefined);
    for (const change of diff.changes) changes.push({ ...change, name: qualifiedName(file.path, change.name), file: file.path, metric: change.name });
  }
  const counts: MetricsDiff['counts'] = { improved: 0, regressed: 0, unchanged: 0, added: 0, removed: 0, invalid: 0 };
  for (const change of changes) counts[change.status]++;
  return { changes, counts, withinNoise: changes.filter((c) => c.withinNoise).length, hasBaseline: files.some((f) => 'snapshot' in f.baseline) };
}

/** One snapshot of every file's values under qualified names (slices, intervals and lists alike). */
export function mergeSnapshots(parts: readonly { path: string; snapshot: MetricsSnapshot }[]): MetricsSnapshot {
  const merged: MetricsSnapshot = { values: new Map(), skipped: [], invalid: [], intervals: new Map(), slices: new Map<string, SliceMetric>() };
  for (const { path, snapshot } of parts) {
    const q = (name: string) => qualifiedName(path, name);
    for (const [name, value] of snapshot.values) merged.values.set(q(name), value);
    for (const [name, interval] of snapshot.intervals) merged.intervals.set(q(name), interval);
    for (const [name, slice] of snapshot.slices) merged.slices.set(q(name), slice);
    for (const leaf of snapshot.skipped) merged.skipped.push({ ...leaf, name: q(leaf.name) });
    for (const value of snapshot.invalid) merged.invalid.push({ ...value, name: q(value.name) });
  }
  return merged;
}

/** The report's baseline line for several files: found when any file's is, with each source or reason. */
export function mergedBaseline(files: readonly MetricsFileInput[]): { found: true; source: string } | { found: false; reason: string; fault?: boolean } {
  const found = files.filter((f) => 'snapshot' in f.baseline);
  const describe = (f: MetricsFileInput) => `${f.path}: ${'source' in f.baseline ? f.baseline.source : f.baseline.reason}`;
  if (found.length > 0) return { found: true, source: files.map(describe).join('; ') };
  const fault = files.some((f) => 'fault' in f.baseline && f.baseline.fault);
  return { found: false, reason: files.map(describe).join('; '), ...(fault ? { fault: true } : {}) };
}
