import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '@modelgate/core';
import { loadConfig } from '@modelgate/data';
import { bufferIo, testdir } from '@modelgate/test-utils';
import { main } from '../main.ts';
import { majorOf } from './init-render.ts';
import { starterTemplates } from './init-templates.ts';

// git without the machine's global or system settings (init.defaultBranch, hooks, signing).
const gitEnv = { PATH: process.env.PATH, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
}

/** A new repository on `branch` (no commits, as after `git init`). */
function repository(branch = 'main', files: Record<string, string> = {}): string {
  const dir = testdir(files);
  git(dir, 'init', '--quiet', '--initial-branch', branch);
  return dir;
}

async function init(cwd: string, ...args: string[]) {
  const io = bufferIo(cwd, gitEnv);
  const code = await main(['init', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** Every file under dir except .git, as path -> content. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (path === '.git') continue;
    if (entry.isDirectory()) Object.assign(files, snapshot(dir, path));
    else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

const major = majorOf(version);

describe('modelgate init', () => {
  it('writes modelgate.yml and model-pr-check.yml for the checked-out branch, pinned to this major version, and prints the checklist', async () => {
    const dir = repository('trunk');
    const { code, stdout, stderr } = await init(dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['.github/workflows/model-pr-check.yml', 'modelgate.yml']);
    const workflow = readFileSync(join(dir, '.github/workflows/model-pr-check.yml'), 'utf8');
    expect(workflow).not.toContain('$default-branch');
    expect(workflow.match(/branches: \[trunk\]/g)).toHaveLength(2);
    expect(workflow.match(/modelgate\/modelgate\/actions\/\w+@v\d+/g)).toEqual([`modelgate/modelgate/actions/report@v${major}`, `modelgate/modelgate/actions/gate@v${major}`]);
    expect(stdout).toContain('default branch trunk (from the checked-out branch)');
    expect(stdout).toMatch(/wrote modelgate\.yml\nwrote \.github\/workflows\/model-pr-check\.yml\n/);
    expect(stdout).toContain('Require the "modelgate gate" check on trunk');
    expect(stdout).toContain('Write gate rules for your metrics in modelgate.yml');
    const { config } = await loadConfig(join(dir, 'modelgate.yml'));
    expect(config.registry).toEqual({ stages: ['staging', 'production'], protected: ['production'] });
  });

  it('takes the default branch from origin/HEAD before the checked-out branch, and --branch over both', async () => {
    const dir = repository('feature');
    git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
    expect((await init(dir, '--dry-run')).stdout).toContain('default branch develop (from origin/HEAD)');
    const { code, stdout } = await init(dir, '--branch', 'release/2.x');
    expect(code).toBe(0);
    expect(stdout).toContain('default branch release/2.x (from --branch)');
    expect(readFileSync(join(dir, '.github/workflows/model-pr-check.yml'), 'utf8')).toContain('branches: [release/2.x]');
  });

  it('writes the workflows named by --workflows (comma-separated or repeated) and names the environments and the workflow_run dependencies to set up', async () => {
    const dir = repository();
    const { code, stdout } = await init(dir, '--workflows', 'promote-model, data-validation', '--workflows', 'train-evaluate');
    expect(code).toBe(0);
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['.github/workflows/data-validation.yml', '.github/workflows/promote-model.yml', '.github/workflows/train-evaluate.yml', 'modelgate.yml']);
    expect(readFileSync(join(dir, '.github/workflows/promote-model.yml'), 'utf8')).toContain(`npx --yes modelgate@${major} registry pull`);
    expect(stdout).toContain('Create the Environments staging, production (Settings > Environments) and add required reviewers to production');
    // promote-model waits for "Train and evaluate", written in the same run: no warning.
    expect(stdout).not.toContain('runs after the workflow');
  });

  it('says when a workflow_run workflow waits for a workflow the repository does not have', async () => {
    const dir = repository();
    const { stdout } = await init(dir, '--workflows', 'model-pr-comment');
    expect(stdout).toContain('.github/workflows/model-pr-comment.yml runs after the workflow "Model PR check", which is not in .github/workflows');
    const other = repository('main', { '.github/workflows/check.yml': 'name: Model PR check\non: push\n' });
    expect((await init(other, '--workflows', 'model-pr-comment')).stdout).not.toContain('runs after the workflow');
  });

  it('writes at the repository root when run in a subdirectory', async () => {
    const dir = repository();
    mkdirSync(join(dir, 'src/models'), { recursive: true });
    const { code, stdout } = await init(join(dir, 'src/models'));
    expect(code).toBe(0);
    expect(stdout).toContain('wrote ../../modelgate.yml');
    expect(existsSync(join(dir, '.github/workflows/model-pr-check.yml'))).toBe(true);
  });

  it('--dry-run prints every file and the checklist and writes nothing', async () => {
    const dir = repository();
    const { code, stdout } = await init(dir, '--dry-run', '--workflows', 'data-validation');
    expect(code).toBe(0);
    expect(snapshot(dir)).toEqual({});
    expect(stdout).toContain('would write modelgate.yml\nwould write .github/workflows/data-validation.yml\n');
    expect(stdout).toContain('\n==> .github/workflows/data-validation.yml <==\n# Written by `modelgate init`');
    expect(stdout).toContain('\nThen:\n  1. ');
  });

  it('leaves a file that already holds what it would write, so a second run succeeds', async () => {
    const dir = repository();
    await init(dir);
    const before = snapshot(dir);
    const { code, stdout } = await init(dir);
    expect(code).toBe(0);
    expect(stdout).toContain('kept (unchanged) modelgate.yml');
    expect(snapshot(dir)).toEqual(before);
  });

  it('keeps an existing modelgate.yaml as the config file to refuse or replace', async () => {
    const dir = repository('main', { 'modelgate.yaml': 'report: { title: Mine }\n' });
    const refused = await init(dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('modelgate: init: modelgate.yaml already exists with other content; nothing was written (--force overwrites; --skip-config keeps your config)\n');
    const kept = await init(dir, '--skip-config');
    expect(kept.code).toBe(0);
    expect(snapshot(dir)['modelgate.yaml']).toBe('report: { title: Mine }\n');
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['.github/workflows/model-pr-check.yml', 'modelgate.yaml']);
  });
});

describe('modelgate init: bad input is one line, exit 2, nothing written', () => {
  it('outside a git repository', async () => {
    const dir = testdir();
    const { code, stdout, stderr } = await init(dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`modelgate: init: ${dir} is not inside a git repository (run \`git init\` first, or run modelgate init in your repository)\n`);
    expect(snapshot(dir)).toEqual({});
  });

  it('an unknown workflow name, with the known ones', async () => {
    const dir = repository();
    const { code, stderr } = await init(dir, '--workflows', 'model-pr-check,model-pr-chek');
    const known = starterTemplates().map((t) => t.name).join(', ');
    expect(code).toBe(2);
    expect(stderr).toBe(`modelgate: init: unknown workflow "model-pr-chek" (did you mean "model-pr-check"?); known: ${known}\n`);
    expect(snapshot(dir)).toEqual({});
  });

  it('a file that exists with other content: named, and nothing else is written; --force overwrites it', async () => {
    const dir = repository('main', { '.github/workflows/model-pr-check.yml': 'name: mine\n' });
    const { code, stdout, stderr } = await init(dir);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe('modelgate: init: .github/workflows/model-pr-check.yml already exists with other content; nothing was written (--force overwrites)\n');
    expect(snapshot(dir)).toEqual({ '.github/workflows/model-pr-check.yml': 'name: mine\n' });
    const forced = await init(dir, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('overwrote .github/workflows/model-pr-check.yml');
    expect(readFileSync(join(dir, '.github/workflows/model-pr-check.yml'), 'utf8')).toContain('# Written by `modelgate init`');
  });

  it('an invalid --branch', async () => {
    const dir = repository();
    const { code, stderr } = await init(dir, '--branch', 'two words');
    expect(code).toBe(2);
    expect(stderr).toBe('modelgate: init: --branch: "two words" is not a valid branch name\n');
    expect(snapshot(dir)).toEqual({});
  });

  it('a detached HEAD without origin/HEAD asks for --branch', async () => {
    const dir = repository('main', { 'a.txt': 'a' });
    git(dir, 'add', 'a.txt');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'a');
    git(dir, 'checkout', '--quiet', '--detach');
    const { code, stderr } = await init(dir);
    expect(code).toBe(2);
    expect(stderr).toBe('modelgate: init: cannot tell the default branch (no origin/HEAD and HEAD is detached); pass --branch NAME\n');
    expect((await init(dir, '--branch', 'main')).code).toBe(0);
  });

  it('a config file that differs is refused like a workflow', async () => {
    const dir = repository('main', { 'modelgate.yml': 'gate: {}\n' });
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const { code, stderr } = await init(dir);
    expect(code).toBe(2);
    expect(stderr).toContain('init: modelgate.yml already exists with other content; nothing was written');
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['modelgate.yml', 'notes.txt']);
  });
});
