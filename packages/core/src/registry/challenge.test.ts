import { describe, expect, it } from 'vitest';
import { configSchema } from '../review/config.ts';
import { challengeChampion } from './challenge.ts';
import type { RegistryVersion } from './records.ts';

const version = (number: number, metrics: Record<string, number>): RegistryVersion => ({
  name: 'churn', version: number, digest: `sha256:${String(number).repeat(64).slice(0, 64)}`, created_at: '2026-12-01T00:00:00Z', registered_by: null, source_run: null, commit: null, files: 1, bytes: 1, metrics, intervals: null,
});
const config = configSchema.parse({ gate: { rules: { roc_auc: { min: 0.8, max_regression: 0.01 }, latency_ms: { max_regression: '10%' } } } });

describe('champion/challenger', () => {
  it('passes a candidate that meets every rule against the champion', () => {
    const result = challengeChampion({ stage: 'production', candidate: { version: version(3, { roc_auc: 0.905, latency_ms: 21 }) }, champion: { version: version(2, { roc_auc: 0.91, latency_ms: 20 }) }, config, configSource: 'modelgate.yml' });
    expect(result.passed).toBe(true);
    expect(result.summary).toBe('v3 against the production champion v2: all 3 gate rules pass');
  });

  it('refuses a regression beyond max_regression, in the metric\'s own direction', () => {
    const result = challengeChampion({ stage: 'production', candidate: { version: version(3, { roc_auc: 0.92, latency_ms: 30 }) }, champion: { version: version(2, { roc_auc: 0.91, latency_ms: 20 }) }, config, configSource: 'modelgate.yml' });
    expect(result.passed).toBe(false);
    expect(result.summary).toBe('v3 against the production champion v2: 1 gate rule failed: latency_ms regressed by 50.0% (20 -> 30), more than the allowed 10% (rule max_regression)');
  });

  it('reads slices and intervals from the registered metrics file when there is one', () => {
    const document = { task: 'binary', rows: 10, metrics: { roc_auc: 0.95 }, slice_by: 'plan', slices: { pro: { rows: 5, metrics: { roc_auc: 0.7 } } } };
    const sliced = configSchema.parse({ gate: { rules: { 'roc_auc[plan=*]': { min: 0.75 } } } });
    const result = challengeChampion({ stage: 'staging', candidate: { version: version(2, { roc_auc: 0.95 }), metricsDocument: document }, champion: { version: version(1, { roc_auc: 0.9 }) }, config: sliced, configSource: null });
    expect(result.summary).toBe('v2 against the staging champion v1: 1 gate rule failed: roc_auc[plan=pro] = 0.7 is below the minimum 0.75 (rule min)');
  });

  it('passes without a champion, and needs gate rules to compare with', () => {
    expect(challengeChampion({ stage: 'production', candidate: { version: version(1, {}) }, config, configSource: null })).toEqual({ passed: true, summary: 'production holds no version of churn yet: v1 has no champion to beat' });
    expect(() => challengeChampion({ stage: 'production', candidate: { version: version(1, {}) }, config: configSchema.parse({}), configSource: 'ml/modelgate.yml' })).toThrow('require-better needs gate rules to compare with: add gate.rules to ml/modelgate.yml');
  });
});
