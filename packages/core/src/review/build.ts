import type { RunRecord } from '../lineage/run-record.ts';
import { diffRuns } from '../lineage/run-diff.ts';
import type { MetricsSnapshot } from '../metrics/snapshot.ts';
import type { Config } from './config.ts';
import type { DataDrift } from './data-drift.ts';
import type { DataQuality } from './data-quality.ts';
import { type PairedDelta, diffMetrics } from './diff.ts';
import { evaluateGate } from './gate.ts';
import { type HistoryEntry, trendSeries } from './history.ts';
import { type MetricsFileInput, diffMetricFiles, mergeSnapshots, mergedBaseline, qualifiedName } from './metric-files.ts';
import type { PictureSource } from './pictures.ts';
import type { ReviewReport } from './report.ts';
import { type TextChange, textChanges } from './text-changes.ts';

interface CommonInputs {
  config: Config;
  paired?: ReadonlyMap<string, PairedDelta>;
  id?: string;
  context: ReviewReport['context'];
  /** Head and base run.json of `modelgate train`, for "what changed". */
  runs?: { base: RunRecord; head: RunRecord };
  /** The default branch's history.jsonl, for the trend of the gated metrics. */
  history?: readonly HistoryEntry[];
  /** A validation report, summarised (dataQualityFrom). */
  dataQuality?: DataQuality;
  /** A drift report of `modelgate drift`, summarised (dataDriftFrom). */
  dataDrift?: DataDrift;
  /** Side sections left out and why, one line each (a malformed run.json, history, validation). */
  notes?: readonly string[];
}

/** One metrics file (the common case), or several (`files`, DVC style: each with its own baseline). */
export type ReviewInputs = CommonInputs &
  (
    | {
        head: MetricsSnapshot;
        headSource: string;
        /** The baseline snapshot and where it came from, or why there is none (`fault`: it could not be fetched). */
        baseline: MetricsFileInput['baseline'];
      }
    | { files: readonly MetricsFileInput[] }
  );

/** Diff, gate and report in one pure step: what both `diff`/`gate` commands and actions render. */
export function buildReviewReport(inputs: ReviewInputs): ReviewReport {
  const files: readonly MetricsFileInput[] = 'files' in inputs ? inputs.files : [{ path: inputs.headSource, head: inputs.head, baseline: inputs.baseline }];
  const several = files.length > 1;
  const bases = files.map((f) => ('snapshot' in f.baseline ? f.baseline.snapshot : undefined));
  const diff = several ? diffMetricFiles(files, inputs.config, inputs.paired) : diffMetrics(bases[0], files[0]!.head, inputs.config, inputs.paired);
  const head = several ? mergeSnapshots(files.map((f) => ({ path: f.path, snapshot: f.head }))) : files[0]!.head;
  const found = files.flatMap((f, i) => (bases[i] ? [{ path: f.path, snapshot: bases[i] }] : []));
  const base = several ? (found.length > 0 ? mergeSnapshots(found) : undefined) : bases[0];
  const baseline = several ? mergedBaseline(files) : toBaseline(files[0]!.baseline);
  const hasRules = Object.keys(inputs.config.gate.rules).length > 0;
  const fault = baseline.found ? undefined : baseline.fault ? baseline.reason : undefined;
  const gate = hasRules ? evaluateGate(diff, inputs.config, fault ? { baselineFault: fault } : {}) : undefined;

  const pictures: PictureSource[] = files
    .map((f, i) => ({ ...(several ? { file: f.path } : {}), ...(bases[i]?.details ? { base: bases[i].details } : {}), ...(f.head.details ? { head: f.head.details } : {}) }))
    .filter((p) => p.base || p.head);
  const texts: TextChange[] = files.flatMap((f, i) => textChanges(bases[i], f.head).map((t) => (several ? { ...t, name: qualifiedName(f.path, t.name), file: f.path, metric: t.name } : t)));
  const trend = inputs.history && gate ? trendSeries(inputs.history, diff, gate) : [];

  return {
    id: inputs.id ?? 'default',
    title: inputs.config.report.title ?? 'modelgate: model metrics',
    diff,
    ...(gate ? { gate } : {}),
    head,
    ...(base ? { base } : {}),
    baseline,
    headSource: files.map((f) => f.path).join(', '),
    context: inputs.context,
    ...(several ? { files: files.map((f) => f.path) } : {}),
    ...(pictures.length > 0 ? { pictures } : {}),
    ...(texts.length > 0 ? { textChanges: texts } : {}),
    ...(inputs.runs ? { whatChanged: diffRuns(inputs.runs.base, inputs.runs.head) } : {}),
    ...(trend.length > 0 ? { trend } : {}),
    ...(inputs.dataQuality ? { dataQuality: inputs.dataQuality } : {}),
    ...(inputs.dataDrift ? { dataDrift: inputs.dataDrift } : {}),
    ...(inputs.notes && inputs.notes.length > 0 ? { notes: [...inputs.notes] } : {}),
  };
}

function toBaseline(baseline: MetricsFileInput['baseline']): ReviewReport['baseline'] {
  return 'snapshot' in baseline ? { found: true, source: baseline.source } : { found: false, reason: baseline.reason, ...(baseline.fault ? { fault: true } : {}) };
}
