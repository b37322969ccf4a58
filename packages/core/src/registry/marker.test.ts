import { describe, expect, it } from 'vitest';
import { type ReleaseRecord, readReleaseMarker, releaseMarker, releaseNotes, releaseNotesLimit } from './marker.ts';
import { parseVersionNumber, parseVersionTag, versionTag } from './names.ts';

const record: ReleaseRecord = {
  schema: 'modelgate.registry-release/v1',
  version: {
    name: 'churn', version: 3, digest: `sha256:${'a'.repeat(64)}`, created_at: '2026-12-01T10:00:00.000Z', registered_by: 'octocat',
    source_run: 'https://github.com/o/r/actions/runs/1', commit: 'c'.repeat(40), files: 2, bytes: 10,
    metrics: { 'recall[plan=<b>pro</b> -->]': 0.5 }, intervals: null,
  },
  archive: { format: 'tar', bytes: 3072, parts: [{ name: 'churn-v3.tar', bytes: 3072 }] },
};

describe('release marker', () => {
  it('round-trips a record through release notes, and no value can close the comment', () => {
    const marker = releaseMarker(record);
    expect(marker).not.toContain('-->]');
    expect(marker.match(/-->/g)).toHaveLength(1);
    expect(readReleaseMarker(`## churn v3\n\nnotes\n${marker}\n`)).toEqual(record);
  });

  it('is absent from notes modelgate did not write or that were edited into another shape', () => {
    expect(readReleaseMarker('plain release notes')).toBeNull();
    expect(readReleaseMarker(null)).toBeNull();
    expect(readReleaseMarker(releaseMarker(record).replace('"files":2', '"files":"two"'))).toBeNull();
    expect(readReleaseMarker('<!-- modelgate:registry-version {not json} -->')).toBeNull();
  });

  it('names tags and parses versions', () => {
    expect(versionTag('churn', 12)).toBe('model/churn/v12');
    expect(parseVersionTag('model/churn/v12')).toEqual({ name: 'churn', version: 12 });
    expect(parseVersionTag('v1.2.0')).toBeNull();
    expect(parseVersionTag('model/churn/v0')).toBeNull();
    expect(parseVersionNumber('v7')).toBe(7);
    expect(() => parseVersionNumber('7.1')).toThrow('--version "7.1": expected a version number such as 3 or v3');
  });

  it('keeps release notes under GitHub\'s limit: slice metrics leave the record when there are hundreds', () => {
    const metrics = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`recall[customer=${'c'.repeat(20)}${i}]`, 0.5]));
    const big: ReleaseRecord = { ...record, version: { ...record.version, metrics: { roc_auc: 0.9, ...metrics } } };
    let room = 0;
    const notes = releaseNotes(big, (maxLength) => {
      room = maxLength;
      return 'x'.repeat(maxLength);
    });
    expect(notes.length).toBeLessThanOrEqual(releaseNotesLimit);
    expect(readReleaseMarker(notes)!.version.metrics).toEqual({ roc_auc: 0.9 });
    expect(room).toBeGreaterThan(100_000);
    // A small record is kept whole.
    expect(readReleaseMarker(releaseNotes(record, () => 'card'))).toEqual(record);
  });
});
