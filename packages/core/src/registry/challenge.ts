import { InputError } from '../errors.ts';
import { type MetricsSnapshot, snapshotFromDocument } from '../metrics/snapshot.ts';
import { buildReviewReport } from '../review/build.ts';
import type { Config } from '../review/config.ts';
import type { ReviewReport } from '../review/report.ts';
import type { RegistryVersion } from './records.ts';

/**
 * A version's metrics as the review loop compares them: the metrics file it was registered with
 * when there is one (slices, intervals and all), else the numbers recorded in the registry.
 */
export function versionSnapshot(version: RegistryVersion, metricsDocument?: unknown): MetricsSnapshot {
  if (metricsDocument !== undefined && metricsDocument !== null) return snapshotFromDocument(metricsDocument);
  return {
    values: new Map(Object.entries(version.metrics ?? {})),
    intervals: new Map(Object.entries(version.intervals ?? {})),
    skipped: [],
    invalid: [],
    slices: new Map(),
  };
}

export interface ChallengeInput {
  stage: string;
  candidate: { version: RegistryVersion; metricsDocument?: unknown };
  /** The version holding the stage now; absent when the stage is empty. */
  champion?: { version: RegistryVersion; metricsDocument?: unknown };
  config: Config;
  configSource: string | null;
}

export interface ChallengeResult {
  passed: boolean;
  /** One line: what was compared and the outcome. */
  summary: string;
  /** The gate applied to candidate (head) against champion (base); absent without a champion. */
  report?: ReviewReport;
}

/**
 * Champion/challenger: the candidate must pass the gate rules of modelgate.yml with the champion's
 * metrics as the baseline (so `max_regression` compares against what the stage runs now). Pure.
 */
export function challengeChampion(input: ChallengeInput): ChallengeResult {
  const { candidate, champion, config, stage } = input;
  if (Object.keys(config.gate.rules).length === 0) {
    throw new InputError(`require-better needs gate rules to compare with: add gate.rules to ${input.configSource ?? 'modelgate.yml'}`);
  }
  const name = candidate.version.name;
  if (!champion) return { passed: true, summary: `${stage} holds no version of ${name} yet: v${candidate.version.version} has no champion to beat` };
  if (champion.version.version === candidate.version.version) {
    return { passed: true, summary: `v${candidate.version.version} already holds ${stage}` };
  }
  const report = buildReviewReport({
    head: versionSnapshot(candidate.version, candidate.metricsDocument),
    headSource: `${name} v${candidate.version.version}`,
    baseline: { snapshot: versionSnapshot(champion.version, champion.metricsDocument), source: `${name} v${champion.version.version} (${stage})` },
    config,
    id: `promote-${name}-${stage}`,
    context: { version: '' },
  });
  const gate = report.gate!;
  const versus = `v${candidate.version.version} against the ${stage} champion v${champion.version.version}`;
  const summary = gate.passed
    ? `${versus}: all ${gate.results.filter((r) => r.outcome !== 'skip').length} gate rules pass`
    : `${versus}: ${gate.failures.length} gate rule${gate.failures.length === 1 ? '' : 's'} failed: ${gate.failures.map((f) => f.message).join('; ')}`;
  return { passed: gate.passed, summary, report };
}
