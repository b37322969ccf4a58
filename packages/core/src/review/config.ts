import { z } from 'zod';
import { DRIFT_METHODS } from '../drift/methods.ts';

/** A limit that is either absolute (`0.01`) or relative to the base value (`"2%"`). */
export type Amount = { kind: 'absolute'; value: number } | { kind: 'relative'; value: number; text: string };

const amount = z.union([
  z.number().nonnegative().finite(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/, 'expected a number or a percentage such as "2%"'),
]).transform((value): Amount => {
  if (typeof value === 'number') return { kind: 'absolute', value };
  const percent = Number(value.trim().replace('%', '').trim());
  return { kind: 'relative', value: percent / 100, text: `${percent}%` };
});

const metricSettings = z.strictObject({
  direction: z.enum(['higher', 'lower']).optional(),
  /** Changes no larger than this are "unchanged". */
  tolerance: amount.optional(),
  /** Digits after the decimal point in reports. */
  precision: z.number().int().min(0).max(12).optional(),
});

/** A drift method, `auto`, or a list of methods (every one runs). */
const driftMethods = z.union([z.enum(['auto', ...DRIFT_METHODS]), z.array(z.enum(DRIFT_METHODS)).min(1)]);
const driftThreshold = z.number().finite().nonnegative();

/** `drift:` — how `modelgate drift` reads and tests columns; command-line options override it. */
const driftConfigSchema = z
  .strictObject({
    /** Columns compared as categories even when every value is a number (codes, zip codes). */
    categorical: z.array(z.string()).default([]),
    /** Columns never tested: ids, timestamps, free text (unless named by --columns). */
    exclude: z.array(z.string()).default([]),
    method: driftMethods.default('auto'),
    /** For every column: a p-value for ks/chisquare/ztest, a distance for the others. */
    threshold: driftThreshold.optional(),
    /** Dataset drift when at least this share of the tests drifted. */
    drift_share: z.number().gt(0).max(1).default(0.5),
    /** CSV tokens read as null, besides an empty unquoted field. */
    null_values: z.array(z.string()).default([]),
    /** Per column: its own method(s) and threshold. */
    columns: z
      .record(
        z.string(),
        z.strictObject({ method: driftMethods.optional(), threshold: driftThreshold.optional() }).refine((c) => c.method !== undefined || c.threshold !== undefined, { message: 'give a method or a threshold' }),
      )
      .default({}),
  })
  .prefault({});

const gateRule = z
  .strictObject({
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    max_regression: amount.optional(),
    required: z.boolean().optional(),
  })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, { message: 'min must not exceed max' })
  .refine((rule) => Object.values(rule).some((v) => v !== undefined), { message: 'a rule needs at least one of min, max, max_regression, required' });

/** A stage name is also the name of its GitHub Environment. */
const stageName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)');

/** `registry:` — the stages a model version is promoted through, in order. */
const registryConfigSchema = z
  .strictObject({
    /** Stages, each held by at most one version at a time (an alias in the MLflow sense). */
    stages: z.array(stageName).min(1).default(['staging', 'production']),
    /** Stages whose GitHub Environment must have required reviewers; default: `production` when it is a stage. */
    protected: z.array(stageName).optional(),
  })
  .refine((registry) => new Set(registry.stages).size === registry.stages.length, { message: 'stages must not repeat', path: ['stages'] })
  .refine((registry) => (registry.protected ?? []).every((stage) => registry.stages.includes(stage)), { message: 'every protected stage must be one of registry.stages', path: ['protected'] })
  .transform((registry) => ({ stages: registry.stages, protected: registry.protected ?? registry.stages.filter((stage) => stage === 'production') }))
  .prefault({});

export const configSchema = z.strictObject({
  /** Per-metric settings; keys are metric names, `*` matches any run of characters. */
  metrics: z.record(z.string(), metricSettings).default({}),
  gate: z
    .strictObject({
      on_missing_baseline: z.enum(['pass', 'fail']).default('pass'),
      rules: z.record(z.string(), gateRule).default({}),
    })
    .default({ on_missing_baseline: 'pass', rules: {} }),
  registry: registryConfigSchema,
  report: z
    .strictObject({
      /** Heading of the PR comment and job summary. */
      title: z.string().min(1).max(200).optional(),
      /** Default tolerance for metrics without their own. */
      tolerance: amount.optional(),
    })
    .default({}),
  drift: driftConfigSchema,
});

export type Config = z.output<typeof configSchema>;
export type MetricSettings = z.output<typeof metricSettings>;
export type GateRule = z.output<typeof gateRule>;
export type RegistryConfig = z.output<typeof registryConfigSchema>;

export const defaultConfig: Config = configSchema.parse({});
export type DriftConfig = z.output<typeof driftConfigSchema>;

/** Settings for one metric: exact name first, then the first matching `*` pattern. */
export function settingsFor(config: Config, name: string, fallback?: string): MetricSettings {
  const exact = config.metrics[name];
  if (exact) return exact;
  for (const [pattern, settings] of Object.entries(config.metrics)) {
    if (pattern.includes('*') && matchesPattern(pattern, name, fallback !== undefined)) return settings;
  }
  // A slice's metric (`recall[country=FR]`) has the settings of the metric it slices (`recall`).
  return fallback === undefined ? {} : settingsFor(config, fallback);
}

/**
 * Whether a metric name pattern, where `*` stands for any characters (`per_class.*.f1`,
 * `recall[country=*]`), matches a metric. A slice's metric (`recall[country=FR]`) is matched only
 * by patterns that name a slice (`[`): `*time*` must not catch the slice value `real_time`.
 */
export function matchesPattern(pattern: string, name: string, isSlice: boolean): boolean {
  if (isSlice && !pattern.includes('[')) return false;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  // `s`: a `*` also spans a newline, which a quoted CSV slice value may hold.
  return new RegExp(`^${escaped.join('.*')}$`, 's').test(name);
}
