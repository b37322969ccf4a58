// history.jsonl: one line per default-branch run (sha, run id, time, top-level metrics), kept in the
// baseline artifact, so a PR's value can be read against the default branch's own run-to-run spread.
import { z } from 'zod';
import type { MetricsDiff } from './diff.ts';
import type { GateResult } from './gate.ts';

export const HISTORY_SCHEMA = 'modelgate.history/v1';
/** Lines kept: the newest runs. */
export const HISTORY_KEEP = 100;
/** Default-branch values drawn per trend chart, and charts drawn at most. */
export const TREND_POINTS = 20;
export const TREND_CHARTS = 4;

const historyLineSchema = z.strictObject({
  schema: z.literal(HISTORY_SCHEMA),
  sha: z.string().min(1),
  run_id: z.string(),
  at: z.iso.datetime(),
  metrics: z.record(z.string(), z.number()),
});
export type HistoryEntry = z.infer<typeof historyLineSchema>;

/** The entries of a history file, or one line naming the first bad line (then none is used). */
export function parseHistory(text: string, source: string): { entries: HistoryEntry[] } | { problem: string } {
  const entries: HistoryEntry[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { problem: `${source}: line ${index + 1} is not JSON` };
    }
    const parsed = historyLineSchema.safeParse(value);
    if (!parsed.success) {
      const version = value !== null && typeof value === 'object' && 'schema' in value ? (value as { schema: unknown }).schema : undefined;
      if (version !== HISTORY_SCHEMA) return { problem: `${source}: line ${index + 1} has schema ${JSON.stringify(version ?? null)}, expected "${HISTORY_SCHEMA}"` };
      const issue = parsed.error.issues[0]!;
      return { problem: `${source}: line ${index + 1}: ${issue.path.join('.') || 'line'}: ${issue.message}` };
    }
    entries.push(parsed.data);
  }
  return { entries };
}

/** One run's line: `metrics` are the top-level metrics (no slices), finite numbers only. */
export function historyEntry(metrics: Iterable<[string, number]>, run: { sha: string; runId: string; at: string }): HistoryEntry {
  const values: Record<string, number> = Object.create(null);
  for (const [name, value] of metrics) if (Number.isFinite(value)) values[name] = value;
  return { schema: HISTORY_SCHEMA, sha: run.sha, run_id: run.runId, at: run.at, metrics: { ...values } };
}

/**
 * The history with `entry` appended, the newest `keep` kept. A re-run of the same workflow run
 * (same run id) replaces its earlier line instead of adding a second one.
 */
export function appendHistory(entries: readonly HistoryEntry[], entry: HistoryEntry, keep = HISTORY_KEEP): HistoryEntry[] {
  return [...entries.filter((e) => e.run_id !== entry.run_id), entry].slice(-keep);
}

export function historyText(entries: readonly HistoryEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/** One gated metric over the default branch's last runs, and this change's value. */
export interface TrendSeries {
  metric: string;
  /** Oldest first. */
  points: { sha: string; value: number }[];
  head: number;
}

/**
 * Trends of the gated metrics (rule order, `TREND_CHARTS` at most) that the history holds and the
 * head has: the last `TREND_POINTS` default-branch values of each.
 */
export function trendSeries(history: readonly HistoryEntry[], diff: MetricsDiff, gate: GateResult): TrendSeries[] {
  const heads = new Map(diff.changes.map((c) => [c.name, c.head]));
  const series: TrendSeries[] = [];
  for (const metric of new Set(gate.results.map((r) => r.metric))) {
    if (series.length === TREND_CHARTS) break;
    const head = heads.get(metric);
    if (head === null || head === undefined) continue;
    const points = history.filter((e) => Object.hasOwn(e.metrics, metric)).slice(-TREND_POINTS).map((e) => ({ sha: e.sha, value: e.metrics[metric]! }));
    if (points.length > 0) series.push({ metric, points, head });
  }
  return series;
}
