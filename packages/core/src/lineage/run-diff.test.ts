import { describe, expect, it } from 'vitest';
import { diffRuns } from './run-diff.ts';
import type { RunRecord } from './run-record.ts';

const digest = (c: string) => c.repeat(64);

function run(params: RunRecord['lineage']['params'], data: [string, string, number][], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    schema: 'modelgate.run/v1', name: 'm', status: 'succeeded', exit_code: 0, signal: null,
    started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:10.000Z', duration_ms: 10_000,
    peak_memory_bytes: 100 * 2 ** 20, peak_memory_method: 'sampled', error: null,
    lineage: {
      command: 'python train.py', git: { commit: 'a'.repeat(40), branch: 'main', dirty: false }, ci: null, params_file: 'params.yaml', params,
      data: data.map(([path, sha, bytes]) => ({ path, kind: 'file', sha256: digest(sha), bytes, files: 1 })),
      runtime: { node: '24', python: null }, os: { platform: 'linux', release: '6', arch: 'x64', runner_os: null }, gpu: { present: false, devices: [], detected_by: null },
    },
    model: { dir: 'model', manifest: 'model/manifest.json', digest: `sha256:${digest('c')}`, files: 2, bytes: 2048 },
    ...extra,
  };
}

describe('diffRuns', () => {
  it('lists params changed, added and removed as dvc params diff does, by exact value', () => {
    const diff = diffRuns(run({ lr: 0.1, depth: 3, seed: 1, old: 'x' }, []), run({ lr: 0.2, depth: '3', seed: 1, new: true }, []));
    expect(diff.params).toEqual([
      { name: 'lr', base: 0.1, head: 0.2, change: 'changed' },
      { name: 'depth', base: 3, head: '3', change: 'changed' }, // 3 and "3" differ, as in DVC
      { name: 'new', base: undefined, head: true, change: 'added' },
      { name: 'old', base: 'x', head: undefined, change: 'removed' },
    ]);
  });

  it('lists the data inputs whose digest changed, and the ones only one run declared', () => {
    const diff = diffRuns(run({}, [['train.csv', 'a', 10], ['test.csv', 'b', 5], ['gone.csv', 'd', 1]]), run({}, [['train.csv', 'e', 12], ['test.csv', 'b', 5], ['new.csv', 'f', 2]]));
    expect(diff.data).toEqual([
      { path: 'train.csv', base: { sha256: digest('a'), bytes: 10, files: 1 }, head: { sha256: digest('e'), bytes: 12, files: 1 } },
      { path: 'new.csv', head: { sha256: digest('f'), bytes: 2, files: 1 } },
      { path: 'gone.csv', base: { sha256: digest('d'), bytes: 1, files: 1 } },
    ]);
    expect(diff.unchangedData).toBe(1);
  });

  it('carries model, duration, memory, commits and status from both sides', () => {
    const diff = diffRuns(run({}, []), run({}, [], { duration_ms: 12_000, peak_memory_bytes: null, model: null, status: 'packaging_failed' }));
    expect(diff.durationMs).toEqual({ base: 10_000, head: 12_000 });
    expect(diff.peakMemoryBytes).toEqual({ base: 100 * 2 ** 20, head: null });
    expect(diff.model.head).toBeNull();
    expect(diff.status).toEqual({ base: 'succeeded', head: 'packaging_failed' });
    expect(diff.commit.base).toBe('a'.repeat(40));
  });
});
