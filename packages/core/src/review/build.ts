import type { MetricsSnapshot } from '../metrics/snapshot.ts';
import type { Config } from './config.ts';
import { type PairedDelta, diffMetrics } from './diff.ts';
import { evaluateGate } from './gate.ts';
import type { ReviewReport } from './report.ts';

export interface ReviewInputs {
  head: MetricsSnapshot;
  headSource: string;
  /** The baseline snapshot and where it came from, or why there is none (`fault`: it could not be fetched). */
  baseline: { snapshot: MetricsSnapshot; source: string } | { reason: string; fault?: boolean };
  config: Config;
  paired?: ReadonlyMap<string, PairedDelta>;
  id?: string;
  context: ReviewReport['context'];
}

/** Diff, gate and report in one pure step: what both `diff`/`gate` commands and actions render. */
export function buildReviewReport(inputs: ReviewInputs): ReviewReport {
  const base = 'snapshot' in inputs.baseline ? inputs.baseline.snapshot : undefined;
  const diff = diffMetrics(base, inputs.head, inputs.config, inputs.paired);
  const hasRules = Object.keys(inputs.config.gate.rules).length > 0;
  return {
    id: inputs.id ?? 'default',
    title: inputs.config.report.title ?? 'modelgate: model metrics',
    diff,
    ...(hasRules ? { gate: evaluateGate(diff, inputs.config, baselineFault(inputs.baseline)) } : {}),
    head: inputs.head,
    ...(base ? { base } : {}),
    baseline: 'snapshot' in inputs.baseline
      ? { found: true, source: inputs.baseline.source }
      : { found: false, reason: inputs.baseline.reason, ...(inputs.baseline.fault ? { fault: true } : {}) },
    headSource: inputs.headSource,
    context: inputs.context,
  };
}

function baselineFault(baseline: ReviewInputs['baseline']): { baselineFault?: string } {
  return 'reason' in baseline && baseline.fault ? { baselineFault: baseline.reason } : {};
}
