import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecordSchema } from '@modelgate/core';
import { bufferIo as bufferIoWith, testdir } from '@modelgate/test-utils';
import { main } from '../main.ts';

/** A run's io with only PATH from this process's environment. */
const bufferIo = (cwd: string) => bufferIoWith(cwd, { PATH: process.env.PATH });

const node = process.execPath;

describe('modelgate train', () => {
  it('runs the command after --, streams its output and packages the model', async () => {
    const dir = testdir({ 'params.json': '{"epochs": 3}' });
    const io = bufferIo(dir);
    const script = `require('node:fs').mkdirSync('out/model', { recursive: true }); require('node:fs').writeFileSync('out/model/w.txt', 'w'); console.log('épоch 1')`;
    const code = await main(['train', '--params', 'params.json', '--model-dir', 'out/model', '--run-dir', 'runs', '--', node, '-e', script], io);
    expect(code).toBe(0);
    expect(io.stdout()).toContain('épоch 1\n');
    expect(io.stdout()).toMatch(/modelgate: trained model in .*model out\/model: 1 file, 1 B, sha256:[0-9a-f]{64} \(run record: runs\/run\.json\)\n$/);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(dir, 'runs/run.json'), 'utf8')));
    expect(record.name).toBe('model');
    expect(record.lineage.params).toEqual({ epochs: 3 });
    expect(existsSync(join(dir, 'out/model/manifest.json'))).toBe(true);
  });

  it('exits with the failing command\'s own code and says so in one line', async () => {
    const dir = testdir();
    const io = bufferIo(dir);
    expect(await main(['train', '--name', 'churn', '--', node, '-e', 'process.exit(5)'], io)).toBe(5);
    expect(io.stderr()).toMatch(/^modelgate: training command ".*" failed with exit code 5 after .*; no model was packaged \(run record: \.modelgate\/run\/run\.json\)\n$/);
  });

  it('exits 127 with one line and a run record for a command that does not exist, 2 for a missing command', async () => {
    const dir = testdir();
    const io = bufferIo(dir);
    expect(await main(['train', '--', 'modelgate-no-such-trainer'], io)).toBe(127);
    expect(io.stderr()).toBe('modelgate: training command not found: "modelgate-no-such-trainer" (is it installed and on PATH?); nothing ran (run record: .modelgate/run/run.json)\n');
    expect(JSON.parse(readFileSync(join(dir, '.modelgate/run/run.json'), 'utf8'))).toMatchObject({ status: 'failed', error: expect.stringMatching(/not found/) });
    const bare = bufferIo(dir);
    expect(await main(['train', '--name', 'x'], bare)).toBe(2);
    expect(bare.stderr()).toMatch(/^modelgate: no training command given: put it after `--`/);
  });

  it('passes SIGTERM on to the command (a cancelled CI job) and still records the run, as killed', async () => {
    const dir = testdir();
    const bin = new URL('../../bin/modelgate.js', import.meta.url).pathname;
    // The command prints "ready" built from two halves, so the heading that echoes the command does not match.
    const child = spawn(node, [bin, 'train', '--', node, '-e', "console.log('rea' + 'dy'); setInterval(() => {}, 1000)"], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await new Promise<void>((resolve) => {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('\nready\n')) resolve();
      });
    });
    child.kill('SIGTERM'); // only the CLI process: the runner does not signal the process group
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(code).toBe(128 + 15);
    expect(stderr).toMatch(/^modelgate: training command ".*" was killed by SIGTERM after /);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(dir, '.modelgate/run/run.json'), 'utf8')));
    expect(record).toMatchObject({ status: 'killed', signal: 'SIGTERM' });
  });
});
