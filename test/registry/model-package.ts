// Test helpers: a packaged model directory as `modelgate train --model-dir` leaves it (files plus a
// manifest.json whose digest is computed by the same code train uses), a CLI runner and its
// environment against the fake GitHub API.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestSchema, type Manifest } from '@modelgate/core';
import { digestFiles, treeDigest } from '@modelgate/data';
import { fakeToken, testdir, type FakeGitHub } from '@modelgate/test-utils';
import { runCli } from '../harness/cli.ts';

export async function packagedModel(files: Record<string, string | Uint8Array>, options: { metrics?: Record<string, number>; commit?: string } = {}): Promise<{ dir: string; manifest: Manifest }> {
  const dir = testdir(files);
  const digested = await digestFiles(dir);
  const manifest = manifestSchema.parse({
    schema: 'modelgate.manifest/v1',
    name: 'churn',
    created_at: '2026-12-01T10:00:00.000Z',
    digest: `sha256:${treeDigest(digested)}`,
    files: digested,
    lineage: {
      command: 'python train.py --epochs 3',
      git: { commit: options.commit ?? 'a'.repeat(40), branch: 'main', dirty: false },
      ci: null,
      params_file: 'params.yaml',
      params: { 'model.depth': 6, 'model.lr': 0.1 },
      data: [{ path: 'data/train.csv', kind: 'file', sha256: 'b'.repeat(64), bytes: 1234, files: 1 }],
      runtime: { node: '24.21.0', python: '3.12.1' },
      os: { platform: 'linux', release: '6.1', arch: 'x64', runner_os: 'Linux' },
      gpu: { present: false, devices: [], detected_by: null },
    },
    run: { started_at: '2026-12-01T09:59:00.000Z', duration_ms: 60_000, peak_memory_bytes: 512 * 1024 * 1024 },
    metrics: options.metrics ?? null,
  });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
  json<T = any>(): T;
}

export async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await runCli(args, cwd, { USER: 'alice', ...env });
  return { ...result, json: () => JSON.parse(result.out) };
}

/** The environment of a CLI run against the fake GitHub API (retries 1 ms apart). */
export function githubEnv(github: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_API_URL: github.url, GITHUB_SERVER_URL: github.serverUrl, GITHUB_TOKEN: fakeToken, GITHUB_REPOSITORY: github.state.fullName, MODELGATE_API_RETRY_BASE_MS: '1', ...extra };
}
