import type { RunDiff } from '../lineage/run-diff.ts';
import type { MetricsSnapshot } from '../metrics/snapshot.ts';
import type { DataDrift } from './data-drift.ts';
import type { DataQuality } from './data-quality.ts';
import type { MetricsDiff } from './diff.ts';
import type { GateResult } from './gate.ts';
import type { TrendSeries } from './history.ts';
import type { PictureSource } from './pictures.ts';
import type { TextChange } from './text-changes.ts';

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
  /** Several metrics files, in order: each change names its file (`file`), as DVC's Path column. */
  files?: string[];
  /** Curves, confusion matrices and per-class values of the evaluate outputs, base and head. */
  pictures?: PictureSource[];
  /** String values that differ (shown, never compared). */
  textChanges?: TextChange[];
  /** Params, data, model and training cost, from the two run.json files. */
  whatChanged?: RunDiff;
  /** The gated metrics over the default branch's last runs. */
  trend?: TrendSeries[];
  /** The validation report's verdict and failed checks. */
  dataQuality?: DataQuality;
  /** The drift report's verdict and drifted columns. */
  dataDrift?: DataDrift;
  /** Side sections left out and why. */
  notes?: string[];
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
