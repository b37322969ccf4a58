import { type ReviewReport, reportStatus } from './report.ts';

/** The machine-readable report (`--format json`): plain JSON, no Maps, nulls rather than NaN. */
export function reportToJson(report: ReviewReport): object {
  return {
    id: report.id,
    status: reportStatus(report),
    baseline: report.baseline,
    head_source: report.headSource,
    changes: report.diff.changes.map((c) => ({
      name: c.name,
      direction: c.direction,
      base: c.base,
      head: c.head,
      absolute: c.absolute,
      relative: c.relative,
      status: c.status,
      within_noise: c.withinNoise,
      ...(c.noise ? { noise: c.noise } : {}),
      ...(c.invalid ? { invalid: c.invalid } : {}),
      ...(c.file !== undefined ? { file: c.file, metric: c.metric } : {}),
    })),
    counts: report.diff.counts,
    gate: report.gate ? { passed: report.gate.passed, results: report.gate.results, failures: report.gate.failures } : null,
    not_compared: {
      head: { skipped: report.head.skipped, invalid: report.head.invalid },
      ...(report.base ? { base: { skipped: report.base.skipped, invalid: report.base.invalid } } : {}),
    },
    context: report.context,
    ...(report.files ? { files: report.files } : {}),
    ...(report.textChanges ? { text_changes: report.textChanges } : {}),
    ...(report.whatChanged ? { what_changed: report.whatChanged } : {}),
    ...(report.dataQuality ? { data_quality: report.dataQuality } : {}),
    ...(report.dataDrift ? { data_drift: { source: report.dataDrift.source, drifted: report.dataDrift.report.drifted, drifted_share: report.dataDrift.report.drifted_share, drifted_columns: report.dataDrift.drifted } } : {}),
    ...(report.trend ? { trend: report.trend } : {}),
    ...(report.notes ? { notes: report.notes } : {}),
  };
}
