import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../lineage/manifest.ts';
import { renderModelCard } from './model-card.ts';
import type { RegistryVersion } from './records.ts';

const version: RegistryVersion = {
  name: 'churn', version: 4, digest: `sha256:${'d'.repeat(64)}`, created_at: '2026-12-02T08:30:00.000Z', registered_by: '@octocat',
  source_run: 'https://github.com/o/r/actions/runs/9', commit: 'e'.repeat(40), files: 2, bytes: 3 * 1024 * 1024,
  metrics: { roc_auc: 0.91234, 'recall[plan=pro]': 0.7 }, intervals: { roc_auc: [0.9, 0.925] },
};
const manifest = manifestSchema.parse({
  schema: 'modelgate.manifest/v1', name: 'churn', created_at: '2026-12-02T08:00:00.000Z', digest: version.digest, files: [],
  lineage: {
    command: 'python train.py | tee log', git: { commit: 'e'.repeat(40), branch: 'main', dirty: true }, ci: null, params_file: 'params.yaml',
    params: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`param_${i}`, 'x'.repeat(50)])),
    data: [{ path: 'data/<train>.csv', kind: 'file', sha256: 'f'.repeat(64), bytes: 100, files: 1 }],
    runtime: { node: '24.21.0', python: '3.12.1' }, os: { platform: 'linux', release: '6', arch: 'x64', runner_os: 'Linux' }, gpu: { present: false, devices: [], detected_by: null },
  },
  run: { started_at: '2026-12-02T07:00:00.000Z', duration_ms: 125_000, peak_memory_bytes: 2 * 1024 ** 3 },
  metrics: null,
});

describe('model card', () => {
  it('shows identity, metrics with intervals and lineage, escaping user text', () => {
    const card = renderModelCard(version, { manifest });
    expect(card).toContain('## churn v4');
    expect(card).toContain(`Digest \`${version.digest}\` · 2 files, 3.0 MiB · registered 2026-12-02 08:30:00 UTC by @\u2060octocat in [this workflow run](https://github.com/o/r/actions/runs/9)`);
    expect(card).toContain('| roc\\_auc | 0.9123 | [0.9000, 0.9250] |');
    expect(card).toContain('| recall\\[plan=pro\\] | 0.7 |  |');
    expect(card).toContain('| Training command | `python train.py \\| tee log` |');
    expect(card).toContain('| Training cost | 2 min 5 s, peak memory 2.0 GiB (sampled) |');
    expect(card).toContain('(with uncommitted changes)');
    expect(card).toContain('| data/&lt;train&gt;.csv | 1 | 100 |');
  });

  it('drops params rows first to fit the limit, saying how many are left out', () => {
    const card = renderModelCard(version, { manifest, maxLength: 8_000 });
    expect(card.length).toBeLessThanOrEqual(8_000);
    expect(card).toMatch(/\d+ more params are listed in manifest\.json\./);
    expect(card).toContain('data/&lt;train&gt;.csv');
  });

  it('without a manifest or metrics still says what the version is', () => {
    const card = renderModelCard({ ...version, metrics: null, intervals: null });
    expect(card).toContain('No metrics were registered with this version.');
    expect(card).not.toContain('### Lineage');
  });
});
