import { describe, expect, it } from 'vitest';
import type { ModelState, StageEvent } from './records.ts';
import { checkStage, nextVersionNumber, orderPreviousVersions, rollbackTarget, stageHolders, stageStack, versionWithDigest } from './stages.ts';

const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const event = (stage: string, version: number, action: 'promote' | 'rollback' = 'promote'): Omit<StageEvent, 'previous_version'> => ({
  stage, version, digest: digest(version), action, at: '2026-12-01T00:00:00Z', by: null, reason: null, approved_by: [], source_run: null,
});
const state = (events: Omit<StageEvent, 'previous_version'>[], versions = 5): ModelState => ({
  name: 'churn',
  versions: Array.from({ length: versions }, (_, i) => ({ name: 'churn', version: i + 1, digest: digest(i + 1), created_at: '2026-12-01T00:00:00Z', registered_by: null, source_run: null, commit: null, files: 1, bytes: 1, metrics: null, intervals: null })),
  events: orderPreviousVersions(events),
});

describe('stages', () => {
  it('derive each change\'s previous version from the order, per stage', () => {
    const events = orderPreviousVersions([event('staging', 1), event('production', 1), event('staging', 2), event('staging', 1, 'rollback')]);
    expect(events.map((e) => [e.stage, e.previous_version, e.version])).toEqual([['staging', null, 1], ['production', null, 1], ['staging', 1, 2], ['staging', 2, 1]]);
    expect(stageHolders(events, ['staging', 'production', 'shadow'])).toEqual({ staging: 1, production: 1, shadow: null });
  });

  it('roll back along the promotions, not back and forth', () => {
    const events = [event('staging', 1), event('staging', 2), event('staging', 3)];
    expect(rollbackTarget(state(events), 'staging')).toEqual({ from: 3, to: 2 });
    const once = [...events, event('staging', 2, 'rollback')];
    expect(stageStack(orderPreviousVersions(once), 'staging')).toEqual([1, 2]);
    expect(rollbackTarget(state(once), 'staging')).toEqual({ from: 2, to: 1 });
    // Promoting an older version again is a new step that a rollback undoes.
    expect(rollbackTarget(state([...events, event('staging', 1)]), 'staging')).toEqual({ from: 1, to: 3 });
    expect(() => rollbackTarget(state([event('staging', 4)]), 'staging')).toThrow('churn: stage "staging" has had only v4; there is no earlier version to roll back to');
    expect(() => rollbackTarget(state([]), 'production')).toThrow('churn: stage "production" holds no version, so there is nothing to roll back');
  });

  it('number versions in registration order and find them by digest', () => {
    expect(nextVersionNumber(null)).toBe(1);
    expect(nextVersionNumber(state([], 3))).toBe(4);
    expect(versionWithDigest(state([], 3), digest(2))?.version).toBe(2);
    expect(versionWithDigest(state([], 3), digest(9))).toBeUndefined();
    expect(() => checkStage('prod', ['staging', 'production'])).toThrow('unknown stage "prod": the registry\'s stages are staging, production');
  });
});
