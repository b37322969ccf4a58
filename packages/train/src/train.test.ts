import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, manifestSchema, runRecordSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { train, type TrainOptions } from './train.ts';

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const node = process.execPath;

/** Output sink that records everything in arrival order. */
function capture(onStdout?: (text: string) => void) {
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  return {
    output: {
      stdout: (chunk: Uint8Array) => {
        const text = Buffer.from(chunk).toString('utf8');
        stdout += text;
        lines.push(text);
        onStdout?.(text);
      },
      stderr: (chunk: Uint8Array) => {
        stderr += Buffer.from(chunk).toString('utf8');
      },
      info: (line: string) => lines.push(`${line}\n`),
    },
    all: () => lines.join(''),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

function options(dir: string, overrides: Partial<TrainOptions>): TrainOptions {
  return {
    name: 'churn',
    command: { argv: [node, '-e', 'process.exit(0)'] },
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    output: capture().output,
    ...overrides,
  };
}

/** A child that writes a two-file model into model/, as a real training script would. */
const writesModel = `
  const fs = require('node:fs');
  fs.mkdirSync('model/weights', { recursive: true });
  fs.writeFileSync('model/config.json', '{"depth":3}\\n');
  fs.writeFileSync('model/weights/w.bin', Buffer.from([0, 1, 2, 255]));
  console.log('epoch 1 loss 0.5');
  console.error('a warning on stderr');
`;

describe('train', () => {
  it('runs the command, packages the model with a manifest and writes a valid run.json', async () => {
    const dir = testdir({
      'params.yaml': 'lr: 0.01\nmodel:\n  depth: 3\n  features: [tenure, charges]\n',
      'data/train.csv': 'id,label\n1,0\n',
      'data/test.csv': 'id,label\n2,1\n',
      'holdout.csv': 'id\n3\n',
      'metrics.json': '{"metrics": {"accuracy": 0.91, "auc": null}}',
    });
    const sink = capture();
    const result = await train(
      options(dir, {
        command: { argv: [node, '-e', writesModel] },
        paramsFile: 'params.yaml',
        data: ['data', 'holdout.csv'],
        modelDir: 'model',
        metricsFile: 'metrics.json',
        output: sink.output,
      }),
    );

    expect(result.ok).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(sink.stdout()).toBe('epoch 1 loss 0.5\n');
    expect(sink.stderr()).toBe('a warning on stderr\n');

    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(dir, '.modelgate/run/run.json'), 'utf8')));
    expect(result.runPath).toBe(join(dir, '.modelgate/run/run.json'));
    expect(record).toMatchObject({ name: 'churn', status: 'succeeded', exit_code: 0, signal: null });
    expect(record.lineage.params).toEqual({ lr: 0.01, 'model.depth': 3, 'model.features.0': 'tenure', 'model.features.1': 'charges' });
    expect(record.lineage.params_file).toBe('params.yaml');
    const dataListing = `${sha256('id,label\n2,1\n')}  test.csv\n${sha256('id,label\n1,0\n')}  train.csv\n`;
    expect(record.lineage.data).toEqual([
      { path: 'data', kind: 'directory', sha256: sha256(dataListing), bytes: 26, files: 2 },
      { path: 'holdout.csv', kind: 'file', sha256: sha256('id\n3\n'), bytes: 5, files: 1 },
    ]);
    // Outside a repository and outside Actions: null lineage, not an error.
    expect(record.lineage.git).toEqual({ commit: null, branch: null, dirty: null });
    expect(record.lineage.ci).toBeNull();
    expect(record.lineage.runtime.node).toBe(process.versions.node);

    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'model/manifest.json'), 'utf8')));
    const configBytes = '{"depth":3}\n';
    const weightBytes = new Uint8Array([0, 1, 2, 255]);
    expect(manifest.files).toEqual([
      { path: 'config.json', sha256: sha256(configBytes), size: 12 },
      { path: 'weights/w.bin', sha256: sha256(weightBytes), size: 4 },
    ]);
    const expectedDigest = `sha256:${sha256(`${sha256(configBytes)}  config.json\n${sha256(weightBytes)}  weights/w.bin\n`)}`;
    expect(manifest.digest).toBe(expectedDigest);
    expect(manifest.metrics).toEqual({ accuracy: 0.91 });
    expect(manifest.lineage).toEqual(record.lineage);
    expect(record.model).toEqual({ dir: 'model', manifest: 'model/manifest.json', digest: expectedDigest, files: 2, bytes: 16 });
  });

  it('fails with the command exit code, writes no manifest and removes a stale one', async () => {
    const dir = testdir({ 'model/manifest.json': '{"from": "the previous, good run"}' });
    const result = await train(
      options(dir, {
        command: { argv: [node, '-e', `require('node:fs').writeFileSync('model/half.bin', 'partial'); process.exit(3)`] },
        modelDir: 'model',
      }),
    );
    expect(result).toMatchObject({ ok: false, exitCode: 3, manifestPath: null });
    expect(result.message).toMatch(/^training command ".*" failed with exit code 3 after .*; no model was packaged/);
    expect(existsSync(join(dir, 'model/manifest.json'))).toBe(false);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(result.runPath, 'utf8')));
    expect(record).toMatchObject({ status: 'failed', exit_code: 3, model: null });
  });

  it('names the signal when the command is killed', async () => {
    const dir = testdir();
    const result = await train(options(dir, { command: { argv: [node, '-e', `process.kill(process.pid, 'SIGKILL')`] }, modelDir: 'model' }));
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(128 + 9);
    expect(result.message).toMatch(/was killed by SIGKILL/);
    expect(runRecordSchema.parse(JSON.parse(readFileSync(result.runPath, 'utf8')))).toMatchObject({ status: 'killed', signal: 'SIGKILL', exit_code: null });
  });

  it('records a missing or non-executable program in run.json, with the exit codes a shell gives', async () => {
    const dir = testdir({ 'noexec.sh': '#!/bin/sh\necho hi\n' });
    const missing = await train(options(dir, { command: { argv: ['modelgate-no-such-trainer', 'x'] } }));
    expect(missing).toMatchObject({ ok: false, exitCode: 127 });
    expect(missing.message).toBe('training command not found: "modelgate-no-such-trainer" (is it installed and on PATH?); nothing ran (run record: .modelgate/run/run.json)');
    expect(runRecordSchema.parse(JSON.parse(readFileSync(missing.runPath, 'utf8')))).toMatchObject({
      status: 'failed',
      exit_code: null,
      error: 'training command not found: "modelgate-no-such-trainer" (is it installed and on PATH?)',
      model: null,
    });
    const noexec = await train(options(dir, { command: { argv: ['./noexec.sh'] } }));
    expect(noexec).toMatchObject({ ok: false, exitCode: 126 });
    expect(noexec.message).toMatch(/^training command "\.\/noexec\.sh" is not executable \(make it executable with chmod \+x/);
    expect(noexec.record).toMatchObject({ status: 'failed', exit_code: null, error: expect.stringMatching(/is not executable/) });
  });

  it('runs a shell command as the action does, and reports a missing or non-executable program through the shell', async () => {
    const dir = testdir({ 'noexec.sh': '#!/bin/sh\necho hi\n' });
    const ok = await train(options(dir, { command: { shell: `echo one | tr a-z A-Z && "${node}" -e "console.log(2)"` } }));
    expect(ok.exitCode).toBe(0);
    const missing = await train(options(dir, { command: { shell: 'modelgate-no-such-trainer --epochs 3' } }));
    expect(missing.exitCode).toBe(127);
    expect(missing.message).toMatch(/"modelgate-no-such-trainer --epochs 3" failed with exit code 127 \(command not found\)/);
    expect(missing.record).toMatchObject({ status: 'failed', exit_code: 127, error: 'command not found' });
    const noexec = await train(options(dir, { command: { shell: './noexec.sh' } }));
    expect(noexec.exitCode).toBe(126);
    expect(noexec.record.error).toBe('command not executable');
    expect(noexec.message).toMatch(/failed with exit code 126 \(command not executable\)/);
  });

  it('streams output while the command runs', async () => {
    // The child waits for a file that the test creates only after seeing the child's first line;
    // with buffered output the child would time out and exit 9.
    const dir = testdir();
    const go = join(dir, 'go');
    const child = `
      console.log('ready');
      const started = Date.now();
      const timer = setInterval(() => {
        if (require('node:fs').existsSync(${JSON.stringify(go)})) { clearInterval(timer); console.log('done'); }
        else if (Date.now() - started > 20000) process.exit(9);
      }, 20);
    `;
    const sink = capture((text) => {
      if (text.includes('ready')) writeFileSync(go, '');
    });
    const result = await train(options(dir, { command: { argv: [node, '-e', child] }, output: sink.output }));
    expect(result.exitCode).toBe(0);
    expect(sink.stdout()).toBe('ready\ndone\n');
  });

  it('groups the output in the Actions log and records the workflow run', async () => {
    const dir = testdir();
    const sink = capture();
    const env = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_REPOSITORY: 'acme/churn',
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_HEAD_REF: 'feature/more-features',
      GITHUB_SHA: 'abc123',
      RUNNER_OS: 'Linux',
    };
    const result = await train(options(dir, { command: { argv: [node, '-e', `process.stdout.write('no newline at the end')`] }, env, output: sink.output }));
    expect(sink.all()).toMatch(/^::group::Training churn: .*\nno newline at the end\n::endgroup::\n$/);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(result.runPath, 'utf8')));
    expect(record.lineage.ci).toMatchObject({ workflow_run_url: 'https://github.example.com/acme/churn/actions/runs/42/attempts/2', run_id: '42' });
    expect(record.lineage.git).toEqual({ commit: 'abc123', branch: 'feature/more-features', dirty: null });
    expect(record.lineage.os.runner_os).toBe('Linux');
  });

  it.runIf(process.platform === 'linux')('samples the peak memory of the whole process tree', async () => {
    const dir = testdir();
    // A shell that forks a node child holding 200 MiB of touched memory for a while.
    const hold = `const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 800);`;
    const result = await train(options(dir, { command: { shell: `"${node}" -e "${hold}"; true` }, sampleIntervalMs: 50 }));
    expect(result.record.peak_memory_bytes).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(result.record.peak_memory_bytes).toBeLessThan(2 * 1024 * 1024 * 1024);
    expect(result.record.peak_memory_method).toMatch(/^sampled/);
  });

  it('rejects bad options with one line each', async () => {
    const dir = testdir({ 'model': 'a file' });
    await expect(train(options(dir, { name: 'my model' }))).rejects.toThrow(/--name "my model": use letters/);
    await expect(train(options(dir, { modelDir: 'model' }))).rejects.toThrow(new InputError('--model-dir model: expected a directory, found a file'));
    await expect(train(options(dir, { paramsFile: 'missing.yaml' }))).rejects.toThrow(/missing\.yaml: params file not found/);
    await expect(train(options(dir, { command: { argv: [] } }))).rejects.toThrow(/no training command given/);
  });

  it('fails clearly when a successful command leaves no model directory, and records why', async () => {
    const dir = testdir();
    const result = await train(options(dir, { modelDir: 'out/model' }));
    expect(result).toMatchObject({ ok: false, exitCode: 2, manifestPath: null });
    expect(result.message).toBe('--model-dir out/model: the training command succeeded but did not create this directory (run record: .modelgate/run/run.json)');
    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(dir, '.modelgate/run/run.json'), 'utf8')));
    expect(record).toMatchObject({ status: 'packaging_failed', exit_code: 0, model: null, error: '--model-dir out/model: the training command succeeded but did not create this directory' });
  });

  it('records a missing metrics file as a packaging failure', async () => {
    const dir = testdir();
    const result = await train(options(dir, { command: { argv: [node, '-e', writesModel] }, modelDir: 'model', metricsFile: 'metrics.json' }));
    expect(result).toMatchObject({ ok: false, exitCode: 2 });
    expect(result.record.status).toBe('packaging_failed');
    expect(result.record.error).toMatch(/metrics\.json/);
    expect(existsSync(join(dir, 'model/manifest.json'))).toBe(false);
  });

  it('names --run-dir in one line when run.json cannot be written there', async () => {
    const dir = testdir({ runs: 'a file' });
    await expect(train(options(dir, { runDir: 'runs' }))).rejects.toThrow(new InputError('--run-dir runs: a part of this path is a file, not a directory'));
  });

  it('accepts absolute paths for --data, --model-dir and --run-dir', async () => {
    const dir = testdir({ 'data/train.csv': 'a,b\n1,2\n' });
    const result = await train(options(dir, {
      command: { argv: [node, '-e', writesModel] },
      data: [join(dir, 'data/train.csv')],
      modelDir: join(dir, 'model'),
      runDir: join(dir, 'runs'),
    }));
    expect(result.ok).toBe(true);
    expect(result.record.lineage.data).toEqual([{ path: join(dir, 'data/train.csv'), kind: 'file', sha256: sha256('a,b\n1,2\n'), bytes: 8, files: 1 }]);
    expect(existsSync(join(dir, 'runs/run.json'))).toBe(true);
  });
});
