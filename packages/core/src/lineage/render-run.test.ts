import { describe, expect, it } from 'vitest';
import { renderRunSummary } from './render-run.ts';
import { runRecordSchema, type RunRecord } from './run-record.ts';

const digest = `sha256:${'ab'.repeat(32)}`;

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return runRecordSchema.parse({
    schema: 'modelgate.run/v1',
    name: 'churn',
    status: 'succeeded',
    exit_code: 0,
    signal: null,
    started_at: '2026-11-30T10:00:00.000Z',
    finished_at: '2026-11-30T10:00:03.200Z',
    duration_ms: 3200,
    peak_memory_bytes: 440 * 1024 * 1024,
    peak_memory_method: 'sampled',
    error: null,
    lineage: {
      command: 'python train.py | tee log',
      git: { commit: 'c0ffee', branch: '@org/team', dirty: true },
      ci: null,
      params_file: 'params.yaml',
      params: { '| x |': '<img src=x>', lr: 0.1 },
      data: [{ path: 'data/<b>.csv', kind: 'file', sha256: 'cd'.repeat(32), bytes: 10, files: 1 }],
      runtime: { node: '24.9.0', python: '3.12.4' },
      os: { platform: 'linux', release: '6.1', arch: 'x64', runner_os: 'Linux' },
      gpu: { present: false, devices: [], detected_by: null },
    },
    model: { dir: 'model', manifest: 'model/manifest.json', digest, files: 2, bytes: 100 },
    ...overrides,
  });
}

describe('renderRunSummary', () => {
  it('shows status, memory, commit, model digest and artifact, escaping every user string', () => {
    const markdown = renderRunSummary(record(), { name: 'churn-model', id: 42 });
    expect(markdown).toContain('| Status | ✅ succeeded in 3.2 s |');
    expect(markdown).toContain('| Peak memory | 440 MiB (sampled) |');
    expect(markdown).toContain('| Command | `python train.py \\| tee log` |');
    expect(markdown).toContain(`| Model | model: 2 files, digest \`${digest}\` |`);
    expect(markdown).toContain('| Artifact | churn-model (id 42) |');
    expect(markdown).toContain('(with uncommitted changes)');
    // HTML shown as text, no @mention, no broken table cells.
    expect(markdown).not.toMatch(/<img|<b>|@org/);
    expect(markdown).toContain('data/&lt;b&gt;.csv');
    expect(markdown).toContain('\\| x \\|');
  });

  it('says how a failed or killed run ended', () => {
    expect(renderRunSummary(record({ status: 'failed', exit_code: 3, model: null }))).toContain('| Status | ❌ failed with exit code 3 after 3.2 s |');
    expect(renderRunSummary(record({ status: 'killed', exit_code: null, signal: 'SIGKILL', model: null }))).toContain('| Status | ❌ killed by SIGKILL after 3.2 s |');
    expect(renderRunSummary(record({ status: 'failed', exit_code: null, error: 'training command not found: "trainer"', model: null }))).toContain('| Status | ❌ failed: training command not found: "trainer" |');
    expect(renderRunSummary(record({ status: 'packaging_failed', error: '--model-dir model: the training command succeeded but left the directory empty', model: null }))).toContain(
      '| Status | ❌ the command succeeded in 3.2 s but the model could not be packaged: --model-dir model: the training command succeeded but left the directory empty |',
    );
  });
});
