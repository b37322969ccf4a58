import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { environmentLineage } from './environment.ts';
import { gitLineage } from './git.ts';

const gitEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

describe('gitLineage', () => {
  it('reads commit, branch and whether tracked files changed, as git itself reports them', async () => {
    const dir = testdir({ 'train.py': 'print(1)\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'feature/more-features');
    git('add', 'train.py');
    git('commit', '-q', '-m', 'first');
    const head = git('rev-parse', 'HEAD');
    expect(await gitLineage(dir, gitEnv)).toEqual({ commit: head, branch: 'feature/more-features', dirty: false });
    writeFileSync(join(dir, 'untracked.csv'), 'x'); // untracked files do not make the tree dirty
    expect((await gitLineage(dir, gitEnv)).dirty).toBe(false);
    writeFileSync(join(dir, 'train.py'), 'print(2)\n');
    expect((await gitLineage(dir, gitEnv)).dirty).toBe(true);
  });

  it('names the branch Actions checked out on a detached HEAD', async () => {
    const dir = testdir({ 'a.txt': 'a' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'a');
    git('checkout', '-q', '--detach');
    const lineage = await gitLineage(dir, { ...gitEnv, GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' });
    expect(lineage).toEqual({ commit: git('rev-parse', 'HEAD'), branch: 'main', dirty: false });
  });

  it('is all null without git on PATH, not an error', async () => {
    expect(await gitLineage(testdir(), { PATH: testdir() })).toEqual({ commit: null, branch: null, dirty: null });
  });
});

describe('environmentLineage', () => {
  /** A directory on PATH holding executable shell scripts that stand in for the real tools. */
  function fakeTools(tools: Record<string, string>): string {
    const dir = testdir();
    for (const [name, script] of Object.entries(tools)) {
      writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }

  it.runIf(process.platform !== 'win32')('lists GPUs from nvidia-smi -L and the python version', async () => {
    const bin = fakeTools({
      'nvidia-smi': '[ "$1" = "-L" ] && printf "GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-1)\\nGPU 1: NVIDIA A100-SXM4-40GB (UUID: GPU-2)\\n"',
      python3: 'echo "Python 3.12.4"',
    });
    const environment = await environmentLineage(testdir(), { PATH: `${bin}${delimiter}/usr/bin:/bin`, RUNNER_OS: 'Linux' });
    expect(environment.gpu).toEqual({
      present: true,
      devices: ['GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-1)', 'GPU 1: NVIDIA A100-SXM4-40GB (UUID: GPU-2)'],
      detected_by: 'nvidia-smi -L',
    });
    expect(environment.runtime).toEqual({ node: process.versions.node, python: '3.12.4' });
    expect(environment.os.runner_os).toBe('Linux');
  });

  it.runIf(process.platform !== 'win32')('says no GPU when nvidia-smi is present but finds none, and records no python when there is none', async () => {
    const bin = fakeTools({ 'nvidia-smi': 'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver." >&2; exit 9' });
    const environment = await environmentLineage(testdir(), { PATH: bin });
    expect(environment.gpu).toEqual({ present: false, devices: [], detected_by: 'nvidia-smi -L' });
    expect(environment.runtime.python).toBeNull();
  });
});
