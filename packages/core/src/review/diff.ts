import { type Direction, inferDirection } from '../metrics/direction.ts';
import type { MetricsSnapshot } from '../metrics/snapshot.ts';
import { type Amount, type Config, settingsFor } from './config.ts';
import { roundOffSlack } from './format.ts';

export type ChangeStatus = 'improved' | 'regressed' | 'unchanged' | 'added' | 'removed' | 'invalid';

/** Paired-bootstrap result for one metric, as written by `modelgate compare`. */
export interface PairedDelta {
  delta: number;
  interval: readonly [number, number] | null;
  head_better_share?: number | null;
  within_noise?: boolean | null;
}

/** Why a change is or is not distinguishable from noise. */
export type NoiseEvidence =
  | { source: 'paired'; interval: readonly [number, number]; headBetterShare: number | null }
  | { source: 'interval'; baseInterval?: readonly [number, number]; headInterval?: readonly [number, number] };

export interface MetricChange {
  name: string;
  direction: Direction;
  base: number | null;
  head: number | null;
  /** head - base. */
  absolute: number | null;
  /** (head - base) / |base|; null when base is 0 or absent. */
  relative: number | null;
  status: ChangeStatus;
  /** True when an interval says the change may be noise (only for improved/regressed). */
  withinNoise: boolean;
  noise?: NoiseEvidence;
  /** For status "invalid": which side held a non-finite value, as written. */
  invalid?: { side: 'base' | 'head'; raw: string };
  precision?: number;
  /** For a slice's metric (`recall[plan=pro]`): the metric it slices (`recall`). */
  sliced?: string;
  /** With several metrics files: the file, and the metric's name inside it (`name` is `file:metric`). */
  file?: string;
  metric?: string;
}

export interface MetricsDiff {
  changes: MetricChange[];
  counts: Record<ChangeStatus, number>;
  /** Improved or regressed changes that an interval marks as within noise. */
  withinNoise: number;
  hasBaseline: boolean;
}


/**
 * Compare head metrics with base metrics. Pure: same inputs, same result. Without a base every
 * head metric is "added" and `hasBaseline` is false.
 */
export function diffMetrics(base: MetricsSnapshot | undefined, head: MetricsSnapshot, config: Config, paired?: ReadonlyMap<string, PairedDelta>): MetricsDiff {
  const names = orderedNames(base, head);
  const changes = names.map((name) => compareOne(name, base, head, config, paired?.get(name)));
  const counts: Record<ChangeStatus, number> = { improved: 0, regressed: 0, unchanged: 0, added: 0, removed: 0, invalid: 0 };
  for (const change of changes) counts[change.status]++;
  return { changes, counts, withinNoise: changes.filter((c) => c.withinNoise).length, hasBaseline: base !== undefined };
}

// Head file order first (authors order metrics meaningfully), then metrics only the base has.
function orderedNames(base: MetricsSnapshot | undefined, head: MetricsSnapshot): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  for (const name of head.values.keys()) add(name);
  for (const { name } of head.invalid) add(name);
  if (base) {
    for (const name of base.values.keys()) add(name);
    for (const { name } of base.invalid) add(name);
  }
  return names;
}

function compareOne(name: string, baseSnapshot: MetricsSnapshot | undefined, head: MetricsSnapshot, config: Config, paired: PairedDelta | undefined): MetricChange {
  const sliced = (head.slices.get(name) ?? baseSnapshot?.slices.get(name))?.metric;
  const settings = settingsFor(config, name, sliced);
  // Inferred from the sliced metric's name: a slice value ("time_sensitive") says nothing about it.
  const direction = settings.direction ?? inferDirection(sliced ?? name);
  const headValue = head.values.get(name) ?? null;
  const baseValue = baseSnapshot?.values.get(name) ?? null;
  const change: MetricChange = { name, direction, base: baseValue, head: headValue, absolute: null, relative: null, status: 'unchanged', withinNoise: false };
  if (sliced !== undefined) change.sliced = sliced;
  if (settings.precision !== undefined) change.precision = settings.precision;

  const headInvalid = head.invalid.find((v) => v.name === name);
  const baseInvalid = baseSnapshot?.invalid.find((v) => v.name === name);
  if (headInvalid) return { ...change, status: 'invalid', invalid: { side: 'head', raw: headInvalid.raw } };
  if (baseInvalid && headValue !== null) return { ...change, status: 'invalid', invalid: { side: 'base', raw: baseInvalid.raw } };
  if (headValue === null) return { ...change, status: 'removed' };
  if (baseValue === null) return { ...change, status: 'added' };

  const absolute = headValue - baseValue;
  change.absolute = absolute;
  change.relative = baseValue === 0 ? null : absolute / Math.abs(baseValue);
  const tolerance = settings.tolerance ?? config.report.tolerance;
  if (withinTolerance(absolute, baseValue, headValue, tolerance)) return { ...change, status: 'unchanged' };

  const better = direction === 'higher' ? absolute > 0 : absolute < 0;
  change.status = better ? 'improved' : 'regressed';
  const noise = noiseEvidence(name, baseValue, headValue, baseSnapshot, head, paired);
  if (noise) {
    change.noise = noise.evidence;
    change.withinNoise = noise.withinNoise;
  }
  return change;
}

function withinTolerance(absolute: number, base: number, head: number, tolerance: Amount | undefined): boolean {
  // Float round-off is "unchanged" even at tolerance 0 (0.1 + 0.2 vs 0.3).
  const slack = roundOffSlack(base, head);
  if (Math.abs(absolute) <= slack) return true;
  if (!tolerance) return false;
  const limit = tolerance.kind === 'absolute' ? tolerance.value : tolerance.value * Math.abs(base);
  return Math.abs(absolute) <= limit + slack;
}

/**
 * A paired-bootstrap interval of the delta (from `compare`) is the strongest evidence: the change
 * is noise when it contains 0. Otherwise per-model intervals (from `evaluate --bootstrap`): the
 * change is noise when either model's interval contains the other model's value.
 */
function noiseEvidence(
  name: string,
  base: number,
  head: number,
  baseSnapshot: MetricsSnapshot | undefined,
  headSnapshot: MetricsSnapshot,
  paired: PairedDelta | undefined,
): { evidence: NoiseEvidence; withinNoise: boolean } | undefined {
  if (paired?.interval) {
    const [lo, hi] = paired.interval;
    return {
      evidence: { source: 'paired', interval: paired.interval, headBetterShare: paired.head_better_share ?? null },
      withinNoise: lo <= 0 && 0 <= hi,
    };
  }
  const headInterval = headSnapshot.intervals.get(name);
  const baseInterval = baseSnapshot?.intervals.get(name);
  if (!headInterval && !baseInterval) return undefined;
  const contains = (interval: readonly [number, number] | undefined, value: number) => interval !== undefined && interval[0] <= value && value <= interval[1];
  const evidence: NoiseEvidence = { source: 'interval', ...(baseInterval ? { baseInterval } : {}), ...(headInterval ? { headInterval } : {}) };
  return { evidence, withinNoise: contains(headInterval, base) || contains(baseInterval, head) };
}
