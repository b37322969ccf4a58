import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GHESNotSupportedError, type UploadArtifactOptions } from '@actions/artifact';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { uploadModelPackage, type ArtifactUploader } from './upload.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A model directory with a manifest as `modelgate train` writes it after a successful run. */
function packagedModel(): string {
  const files = { 'model.json': '{"w":[1,2]}', 'vocab/words.txt': 'a\nb\n' };
  const list = Object.entries(files).map(([path, text]) => ({ path, sha256: sha256(text), size: Buffer.byteLength(text) }));
  const manifest = {
    schema: 'modelgate.manifest/v1',
    name: 'churn',
    created_at: '2026-11-30T10:00:00.000Z',
    digest: `sha256:${sha256(list.map((file) => `${file.sha256}  ${file.path}\n`).join(''))}`,
    files: list,
    lineage: {
      command: 'python train.py',
      git: { commit: null, branch: null, dirty: null },
      ci: null,
      params_file: null,
      params: {},
      data: [],
      runtime: { node: '24.9.0', python: null },
      os: { platform: 'linux', release: '6.1', arch: 'x64', runner_os: null },
      gpu: { present: false, devices: [], detected_by: null },
    },
    run: { started_at: '2026-11-30T09:59:00.000Z', duration_ms: 1000, peak_memory_bytes: null },
    metrics: null,
  };
  return testdir({ ...files, 'manifest.json': JSON.stringify(manifest), 'not-in-manifest.tmp': 'written after packaging' });
}

function recordingClient(response = { id: 7, size: 321, digest: 'abc' }) {
  const calls: { name: string; files: string[]; root: string; options?: UploadArtifactOptions }[] = [];
  const client: ArtifactUploader = {
    uploadArtifact: async (name, files, root, options) => {
      calls.push({ name, files, root, ...(options ? { options } : {}) });
      return response;
    },
  };
  return { client, calls };
}

describe('uploadModelPackage', () => {
  it('uploads exactly the files the manifest vouches for, plus the manifest', async () => {
    const dir = packagedModel();
    const { client, calls } = recordingClient();
    const uploaded = await uploadModelPackage({ modelDir: dir, artifactName: 'model-churn', retentionDays: 14, client });
    expect(calls).toEqual([
      { name: 'model-churn', files: [join(dir, 'model.json'), join(dir, 'vocab/words.txt'), join(dir, 'manifest.json')], root: dir, options: { retentionDays: 14 } },
    ]);
    const listing = `${sha256('{"w":[1,2]}')}  model.json\n${sha256('a\nb\n')}  vocab/words.txt\n`;
    expect(uploaded).toEqual({ artifactId: 7, artifactDigest: 'abc', size: 321, modelDigest: `sha256:${sha256(listing)}`, files: 2 });
  });

  it('refuses a directory without a manifest (a failed or unpackaged run) before calling the service', async () => {
    const dir = testdir({ 'model.json': 'half' });
    const { client, calls } = recordingClient();
    await expect(uploadModelPackage({ modelDir: dir, artifactName: 'm', client })).rejects.toThrow(/manifest\.json: no manifest, so the model was not packaged by a successful training run/);
    expect(calls).toEqual([]);
  });

  it('refuses a model whose files changed after packaging', async () => {
    const dir = packagedModel();
    writeFileSync(join(dir, 'model.json'), '{"w":[1,2,3]}');
    const { client, calls } = recordingClient();
    await expect(uploadModelPackage({ modelDir: dir, artifactName: 'm', client })).rejects.toThrow(
      new InputError(`${dir}: model.json is 13 bytes but the manifest says 11; refusing to upload a changed model`),
    );
    expect(calls).toEqual([]);
  });

  it('rejects artifact names the service would refuse', async () => {
    const { client } = recordingClient();
    await expect(uploadModelPackage({ modelDir: packagedModel(), artifactName: 'model/churn', client })).rejects.toThrow(/artifact-name "model\/churn": .*\(found "\/"\)/);
  });

  it('explains the service errors a user can act on', async () => {
    const dir = packagedModel();
    const failing = (error: unknown): ArtifactUploader => ({ uploadArtifact: async () => Promise.reject(error) });
    await expect(uploadModelPackage({ modelDir: dir, artifactName: 'm', client: failing(new GHESNotSupportedError()) })).rejects.toThrow(/not available on GitHub Enterprise Server.*set upload: false/);
    await expect(uploadModelPackage({ modelDir: dir, artifactName: 'm', client: failing(new Error('Conflict: an artifact with this name already exists on the workflow run')) })).rejects.toThrow(
      /artifact "m" already exists in this workflow run: names must be unique per run/,
    );
  });

  it('with the real client outside a workflow, says the Actions runtime is needed', async () => {
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', '');
    vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com');
    try {
      await expect(uploadModelPackage({ modelDir: packagedModel(), artifactName: 'm' })).rejects.toThrow(/needs the GitHub Actions runtime \(Unable to get the ACTIONS_RUNTIME_TOKEN env variable\)/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
