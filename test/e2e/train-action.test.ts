import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manifestSchema, runRecordSchema } from '@modelgate/core';
import { runAction, testdir } from '@modelgate/test-utils';
import { startFakeArtifactService } from './fake-artifact-service.ts';

const sha256 = (bytes: string) => createHash('sha256').update(bytes).digest('hex');
const node = JSON.stringify(process.execPath);

// A training step as a user writes it: reads its data, writes a model directory.
const trainScript = `
const fs = require('node:fs');
const rows = fs.readFileSync('data/train.csv', 'utf8').trim().split('\\n').length - 1;
fs.mkdirSync('model', { recursive: true });
fs.writeFileSync('model/weights.json', JSON.stringify({ rows }));
console.log('trained on ' + rows + ' rows');
`;

function workspace(): string {
  return testdir({ 'data/train.csv': 'id,label\n1,0\n2,1\n', 'params.yaml': 'epochs: 5\noptimizer:\n  lr: 0.1\n', 'train.js': trainScript });
}

describe('actions/train (bundled, run as the runner does)', () => {
  it('trains, packages the model and sets its outputs, with the output in a log group', async () => {
    const dir = workspace();
    const result = await runAction('train', {
      workspace: dir,
      inputs: { command: `${node} train.js`, name: 'churn', params: 'params.yaml', data: 'data\n# comments are ignored\n', 'model-dir': 'model', upload: false },
      runId: 99,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/::group::Training churn: .*train\.js\ntrained on 2 rows\n::endgroup::/);

    const weights = JSON.stringify({ rows: 2 });
    const digest = `sha256:${sha256(`${sha256(weights)}  weights.json\n`)}`;
    expect(result.outputs).toEqual({
      'run-path': join(dir, '.modelgate/run/run.json'),
      'manifest-path': join(dir, 'model/manifest.json'),
      'model-digest': digest,
      'artifact-id': '',
    });
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'model/manifest.json'), 'utf8')));
    expect(manifest.digest).toBe(digest);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(result.outputs['run-path']!, 'utf8')));
    expect(record.lineage.ci?.workflow_run_url).toBe('https://github.com/Codertocat/Hello-World/actions/runs/99/attempts/1');
    expect(record.lineage.params).toEqual({ epochs: 5, 'optimizer.lr': 0.1 });
    expect(record.lineage.data).toEqual([{ path: 'data', kind: 'directory', sha256: sha256(`${sha256('id,label\n1,0\n2,1\n')}  train.csv\n`), bytes: 17, files: 1 }]);
    expect(record.lineage.os.runner_os).toBe('Linux');
    expect(result.summary).toContain('### Training run: churn');
    expect(result.summary).toContain(`digest \`${digest}\``);
  });

  it('fails the step with the command\'s exit code and packages nothing', async () => {
    const dir = workspace();
    const result = await runAction('train', { workspace: dir, inputs: { command: `echo starting; exit 3`, 'model-dir': 'model' } });
    expect(result.exitCode).toBe(3);
    expect(result.annotations).toEqual([{ level: 'error', message: expect.stringMatching(/^training command "echo starting; exit 3" failed with exit code 3 after .*; no model was packaged/) }]);
    expect(existsSync(join(dir, 'model/manifest.json'))).toBe(false);
    expect(result.outputs['run-path']).toBe(join(dir, '.modelgate/run/run.json'));
    expect(result.outputs['artifact-id']).toBeUndefined();
    expect(result.summary).toContain('| Status | ❌ failed with exit code 3 after');
  });

  it('names the signal when the command is killed', async () => {
    const result = await runAction('train', { workspace: workspace(), inputs: { command: `${node} -e "process.kill(process.pid, 'SIGKILL')"` } });
    expect(result.exitCode).toBe(137);
    expect(result.annotations[0]?.message).toMatch(/was killed by SIGKILL/);
  });

  it('names a missing program', async () => {
    const result = await runAction('train', { workspace: workspace(), inputs: { command: 'pyhton train.py' } });
    expect(result.exitCode).toBe(127);
    expect(result.annotations[0]?.message).toMatch(/^training command "pyhton train.py" failed with exit code 127 \(command not found\)/);
  });

  it('says why an upload cannot happen outside the Actions runtime, after packaging the model', async () => {
    const dir = workspace();
    const result = await runAction('train', { workspace: dir, inputs: { command: `${node} train.js`, 'model-dir': 'model' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toMatch(/uploading artifact "model-model" needs the GitHub Actions runtime .*ACTIONS_RUNTIME_TOKEN/);
    expect(existsSync(join(dir, 'model/manifest.json'))).toBe(true);
  });

  it('rejects an input that is not a boolean instead of reading it as false', async () => {
    const result = await runAction('train', { workspace: workspace(), inputs: { command: 'true', upload: 'yes' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]?.message).toMatch(/upload/);
  });
});

describe('actions/train uploading to the artifact service', () => {
  it('uploads exactly the packaged model and its manifest through @actions/artifact', async () => {
    const service = await startFakeArtifactService();
    try {
      const dir = workspace();
      const result = await runAction('train', {
        workspace: dir,
        inputs: { command: `${node} train.js`, name: 'churn', 'model-dir': 'model', 'retention-days': 7 },
        env: { ACTIONS_RUNTIME_TOKEN: service.token, ACTIONS_RESULTS_URL: service.url },
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const stored = service.artifacts.get('churn-model');
      expect(stored).toBeDefined();
      expect(result.outputs['artifact-id']).toBe(String(stored!.id));
      expect(result.summary).toContain(`| Artifact | churn-model (id ${stored!.id}) |`);
      expect(stored!.hash).toBe(`sha256:${createHash('sha256').update(stored!.zip).digest('hex')}`);
      const files = unzipSync(new Uint8Array(stored!.zip));
      expect(Object.keys(files).sort()).toEqual(['manifest.json', 'weights.json']);
      const manifest = manifestSchema.parse(JSON.parse(strFromU8(files['manifest.json']!)));
      expect(manifest.digest).toBe(result.outputs['model-digest']);
      expect(strFromU8(files['weights.json']!)).toBe(JSON.stringify({ rows: 2 }));
    } finally {
      await service.close();
    }
  });

  it('explains a name clash with an artifact already in the run', async () => {
    const service = await startFakeArtifactService();
    try {
      const env = { ACTIONS_RUNTIME_TOKEN: service.token, ACTIONS_RESULTS_URL: service.url };
      const inputs = { command: `${node} train.js`, 'model-dir': 'model', 'artifact-name': 'model' };
      expect((await runAction('train', { workspace: workspace(), inputs, env })).exitCode).toBe(0);
      const second = await runAction('train', { workspace: workspace(), inputs, env });
      expect(second.exitCode).toBe(1);
      expect(second.annotations.at(-1)?.message).toMatch(/^artifact "model" already exists in this workflow run: names must be unique per run/);
    } finally {
      await service.close();
    }
  });
});
