import type { MetricsSnapshot } from '../metrics/snapshot.ts';
import type { MetricsDiff } from './diff.ts';
import type { GateResult } from './gate.ts';

/** Everything a rendering needs, as plain data. */
export interface ReviewReport {
  /** Identifies the sticky comment; several reports can live on one PR. */
  id: string;
  title: string;
  diff: MetricsDiff;
  /** Absent when the config has no gate rules. */
  gate?: GateResult;
  head: MetricsSnapshot;
  base?: MetricsSnapshot;
  /**
   * Where the baseline came from ("file baseline.json", "contents API at abc123") or why none was
   * found; `fault` when it could not be fetched (an API error), which is not the same as absent.
   */
  baseline: { found: true; source: string } | { found: false; reason: string; fault?: boolean };
  /** Where the head metrics came from (path). */
  headSource: string;
  context: {
    runUrl?: string;
    baseSha?: string;
    headSha?: string;
    version: string;
  };
}

/** One word for the whole report (the `status` output). Changes within noise never count as regressions. */
export type ReportStatus = 'regressed' | 'improved' | 'unchanged' | 'within-noise' | 'no-baseline' | 'invalid';

export function reportStatus(report: Pick<ReviewReport, 'diff'>): ReportStatus {
  const { diff } = report;
  // No baseline, or one that shares no metric with the head: nothing was compared.
  if (!diff.hasBaseline || !diff.changes.some((c) => c.base !== null && c.head !== null)) return 'no-baseline';
  const significant = (status: 'improved' | 'regressed') => diff.changes.some((c) => c.status === status && !c.withinNoise);
  if (significant('regressed')) return 'regressed';
  if (diff.counts.invalid > 0) return 'invalid';
  if (significant('improved')) return 'improved';
  if (diff.withinNoise > 0) return 'within-noise';
  return 'unchanged';
}
