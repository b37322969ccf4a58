// The registry's GitHub backend through the CLI (--github) against the fake GitHub API, which checks
// every request and answer against GitHub's REST description: releases with streamed tar assets,
// deployments to environments, approvals, permissions, parts, tampering and concurrency.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsBot, testdir, useFakeGitHub } from '@modelgate/test-utils';
import { cli, githubEnv, packagedModel } from './model-package.ts';

const fake = useFakeGitHub();
const reviewer = { login: 'lead', id: 7, type: 'User' as const };


const evaluateOutput = (auc: number) => JSON.stringify({ task: 'binary', rows: 1000, metrics: { roc_auc: auc }, intervals: { roc_auc: [auc - 0.01, auc + 0.01] } });

describe('modelgate registry --github', () => {
  it('round-trips register -> staging -> production -> rollback -> pull', async () => {
    const { github } = fake;
    github.state.addEnvironment('production', { reviewers: [reviewer] });
    // A workflow run whose production job its reviewer approved, as actions/promote runs it.
    github.state.runnerRunIds.add(77);
    github.state.addRunApproval(77, { environments: ['production'], state: 'approved', user: reviewer });
    const cwd = testdir({ 'metrics.json': evaluateOutput(0.9) });
    const env = githubEnv(github, { GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '77' });
    const one = await packagedModel({ 'model.bin': 'weights one', 'tokenizer/vocab.txt': 'a b c' });
    const two = await packagedModel({ 'model.bin': 'weights two', 'tokenizer/vocab.txt': 'a b c d' });

    const registered = await cli(['registry', 'register', 'churn', '--package', one.dir, '--metrics', 'metrics.json', '--github', '--json'], cwd, env);
    expect(registered.err).toBe('');
    expect(registered.json()).toEqual({ name: 'churn', version: 1, digest: one.manifest.digest, created: true });
    expect((await cli(['registry', 'register', 'churn', '--package', two.dir, '--github', '--json'], cwd, env)).json()).toMatchObject({ version: 2, created: true });

    // Each version is a published release of its tag, never "Latest", with the model card as notes.
    const release = github.state.releases.find((candidate) => candidate.tagName === 'model/churn/v1')!;
    expect(release).toMatchObject({ draft: false });
    expect(release.body).toContain('## churn v1');
    expect(release.body).toContain('| roc\\_auc | 0.9 | [0.8900, 0.9100] |');
    expect(release.assets.map((asset) => asset.name).sort()).toEqual(['churn-v1.tar', 'manifest.json', 'metrics.json']);

    for (const [args, expected] of [
      [['--version', '1', '--to', 'staging'], { stage: 'staging', version: 1, previous_version: null }],
      [['--from-stage', 'staging', '--to', 'production', '--reason', 'reviewed'], { stage: 'production', version: 1, previous_version: null }],
      [['--version', '2', '--to', 'production'], { stage: 'production', version: 2, previous_version: 1 }],
    ] as const) {
      const promoted = await cli(['registry', 'promote', 'churn', ...args, '--github', '--json'], cwd, env);
      expect(promoted.err).toBe('');
      expect(promoted.json()).toMatchObject({ ...expected, changed: true });
    }
    const rolled = await cli(['registry', 'rollback', 'churn', '--stage', 'production', '--reason', 'latency up', '--github', '--json'], cwd, env);
    expect(rolled.json()).toMatchObject({ stage: 'production', version: 1, previous_version: 2, changed: true });

    // What runs where, on the Environments page: only the newest deployment of each stage is active.
    const production = github.state.deployments.filter((deployment) => deployment.environment === 'production').sort((a, b) => a.id - b.id);
    expect(production.map((deployment) => [deployment.task, deployment.ref, deployment.statuses.at(-1)?.state])).toEqual([
      ['modelgate:churn', 'model/churn/v1', 'inactive'],
      ['modelgate:churn', 'model/churn/v2', 'inactive'],
      ['modelgate:churn', 'model/churn/v1', 'success'],
    ]);
    const history = (await cli(['registry', 'history', 'churn', '--github', '--json'], cwd, env)).json();
    expect(history.map((e: any) => [e.stage, e.previous_version, e.version, e.action, e.reason])).toEqual([
      ['staging', null, 1, 'promote', null],
      ['production', null, 1, 'promote', 'reviewed'],
      ['production', 1, 2, 'promote', null],
      ['production', 2, 1, 'rollback', 'latency up'],
    ]);
    expect((await cli(['registry', 'show', 'churn', '--github', '--json'], cwd, env)).json()).toMatchObject({ stages: { staging: 1, production: 1 } });

    const pulled = await cli(['registry', 'pull', 'churn', '--stage', 'production', '--output', 'deploy', '--github', '--json'], cwd, env);
    expect(pulled.json()).toEqual({ name: 'churn', version: 1, digest: one.manifest.digest, output: 'deploy', files: 2 });
    expect(readFileSync(join(cwd, 'deploy/tokenizer/vocab.txt'), 'utf8')).toBe('a b c');
    expect(JSON.parse(readFileSync(join(cwd, 'deploy/manifest.json'), 'utf8'))).toEqual(one.manifest);
  });

  it('registers the same bytes once, however often the workflow re-runs', async () => {
    const { github } = fake;
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    for (let run = 0; run < 3; run++) {
      const result = await cli(['registry', 'register', 'churn', '--package', dir, '--github', '--json'], cwd, githubEnv(github));
      expect(result.json()).toMatchObject({ version: 1, created: run === 0 });
    }
    expect(github.state.releases).toHaveLength(1);
  });

  it('splits a package larger than an asset may be into numbered parts and joins them on pull', async () => {
    const { github } = fake;
    const cwd = testdir();
    const big = Buffer.alloc(300_000, 7);
    big.write('end', big.length - 3);
    const { dir, manifest } = await packagedModel({ 'model.bin': big, 'config.json': '{}' });
    const env = githubEnv(github, { MODELGATE_ASSET_PART_BYTES: '100000' });
    expect((await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, env)).code).toBe(0);
    const names = github.state.releases[0]!.assets.map((asset) => asset.name).filter((name) => name.includes('.tar')).sort();
    expect(names).toEqual(['churn-v1.tar.001', 'churn-v1.tar.002', 'churn-v1.tar.003', 'churn-v1.tar.004']);
    const pulled = await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'out', '--github', '--json'], cwd, githubEnv(github));
    expect(pulled.json()).toMatchObject({ digest: manifest.digest, files: 2 });
    expect(readFileSync(join(cwd, 'out/model.bin')).equals(big)).toBe(true);
  });

  it('a tampered asset fails the pull naming the file, and nothing is left behind', async () => {
    const { github } = fake;
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'the approved weights' });
    await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(github));
    const archive = github.state.releases[0]!.assets.find((asset) => asset.name === 'churn-v1.tar')!;
    const path = github.state.assetPath(archive.id);
    const bytes = readFileSync(path);
    const at = bytes.indexOf('approved');
    bytes.write('APPROVED', at);
    writeFileSync(path, bytes);
    const result = await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'deploy', '--github'], cwd, githubEnv(github));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/churn-v1\.tar: "model\.bin" has sha256 [0-9a-f]{64}, the manifest records [0-9a-f]{64}; the archive was modified\n$/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a protected stage whose environment has no required reviewers, unless told to allow it', async () => {
    const { github } = fake;
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(github));
    const refused = await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--github'], cwd, githubEnv(github));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('stage "production" is protected, but its GitHub Environment "production" has no required reviewers');
    expect(refused.err).toContain('allow-unprotected');
    expect(github.state.deployments).toEqual([]);
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--allow-unprotected', '--github'], cwd, githubEnv(github))).code).toBe(0);
  });

  it('outside a workflow run, a protected stage changes only on the caller\'s stated authority', async () => {
    const { github } = fake;
    github.state.addEnvironment('production', { reviewers: [reviewer] });
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(github));
    const refused = await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--github'], cwd, githubEnv(github));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('stage "production" is protected and this is not a workflow run');
    expect(github.state.deployments).toEqual([]);
    const allowed = await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--allow-unprotected', '--github', '--json'], cwd, githubEnv(github));
    expect(allowed.json()).toMatchObject({ stage: 'production', version: 1, changed: true });
  });

  it('names the permission a token lacks, as a workflow writes it, and changes nothing', async () => {
    const github = await fake.restart({ permissions: { contents: 'write', deployments: 'read', actions: 'read' } });
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    expect((await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(github))).code).toBe(0);
    const result = await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--github'], cwd, githubEnv(github));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^modelgate: creating a deployment to staging: the token is not allowed to \(HTTP 403 Resource not accessible by integration\); grant it `permissions: deployments: write`/);
    expect(github.state.deployments).toEqual([]);
    const readOnly = await fake.restart({ permissions: { contents: 'read', deployments: 'read', actions: 'read' } });
    const denied = await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(readOnly));
    expect(denied.err).toMatch(/grant it `permissions: contents: write`/);
    expect(readOnly.state.releases).toEqual([]);
  });

  it('orders two promotions fired at once: both in the history, each after the other, one active', async () => {
    const { github } = fake;
    const cwd = testdir();
    const env = githubEnv(github);
    for (const weights of ['a', 'b', 'c']) await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir, '--github'], cwd, env);
    await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--github'], cwd, env);
    const results = await Promise.all([2, 3].map((version) => cli(['registry', 'promote', 'churn', '--version', String(version), '--to', 'staging', '--github', '--json'], cwd, env)));
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    const history = (await cli(['registry', 'history', 'churn', '--github', '--json'], cwd, env)).json();
    expect(history).toHaveLength(3);
    expect(history[1].previous_version).toBe(1);
    expect(history[2].previous_version).toBe(history[1].version);
    // Each promotion reports the previous version GitHub's order gives it.
    expect(results.map((result) => result.json().previous_version).sort()).toEqual([1, history[1].version].sort());
    const active = github.state.deployments.filter((deployment) => deployment.statuses.at(-1)?.state === 'success');
    expect(active.map((deployment) => deployment.ref)).toEqual([`model/churn/v${history[2].version}`]);
  });

  it('works in a repository with immutable releases: draft, assets, then publish', async () => {
    const github = await fake.restart({ immutableReleases: true });
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    expect((await cli(['registry', 'register', 'churn', '--package', dir, '--github'], cwd, githubEnv(github))).code).toBe(0);
    expect(github.state.releases[0]).toMatchObject({ draft: false, immutable: true });
    expect(github.state.releases[0]!.author?.login ?? actionsBot.login).toBe(actionsBot.login);
    expect((await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'out', '--github'], cwd, githubEnv(github))).code).toBe(0);
    expect(existsSync(join(cwd, 'out/model.bin'))).toBe(true);
  });
});
