// The GitHub backend when runs overlap or GitHub fails halfway: lost answers to creates and to the
// publish, a status that cannot be set, a release edited or deleted by hand, two registrations of
// the same bytes at once. Found by review; each test failed before its fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeToken, testdir, useFakeGitHub, type FakeGitHub } from '@modelgate/test-utils';
import { cli, githubEnv, packagedModel } from './model-package.ts';

const fake = useFakeGitHub();
const asUser = (github: FakeGitHub, method: string, path: string, body?: unknown) =>
  fetch(`${github.url}/repos/${github.state.fullName}${path}`, { method, headers: { authorization: `token ${fakeToken}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

describe('registry on GitHub, when things go wrong', () => {
  it('a deployment whose status cannot be set is still the record: the promotion succeeds with a warning, and says so consistently', async () => {
    const { github } = fake;
    const cwd = testdir();
    const env = githubEnv(github);
    for (const weights of ['a', 'b']) await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir, '--github'], cwd, env);
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--github'], cwd, env)).code).toBe(0);
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', times: 10, respond: { status: 503, body: { message: 'Service Unavailable' } } });
    const promoted = await cli(['registry', 'promote', 'churn', '--version', '2', '--to', 'staging', '--github', '--json'], cwd, env);
    expect(promoted.code).toBe(0);
    expect(promoted.err).toMatch(/churn v2 is recorded on staging as deployment \d+, but its status could not be set/);
    expect((await cli(['registry', 'show', 'churn', '--github', '--json'], cwd, env)).json().stages.staging).toBe(2);
    expect((await cli(['registry', 'history', 'churn', '--github', '--json'], cwd, env)).json()).toHaveLength(2);
  });

  it('a draft created although GitHub answered 500 is found, not created again: v1, no stray draft', async () => {
    const { github } = fake;
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/releases', respond: 'create-then-500' });
    const result = await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w' })).dir, '--github', '--json'], testdir(), githubEnv(github));
    expect(result.json()).toMatchObject({ version: 1, created: true });
    expect(github.state.releases.map((release) => [release.tagName, release.draft])).toEqual([['model/churn/v1', false]]);
  });

  it('a deployment created although GitHub answered 500 is one stage change', async () => {
    const { github } = fake;
    const cwd = testdir();
    const env = githubEnv(github);
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w' })).dir, '--github'], cwd, env);
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/deployments', respond: 'create-then-500' });
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--github'], cwd, env)).code).toBe(0);
    expect((await cli(['registry', 'history', 'churn', '--github', '--json'], cwd, env)).json()).toHaveLength(1);
  });

  it('a publish whose answer is lost is read back, never deleted (with immutable releases its tag could never be used again)', async () => {
    const github = await fake.restart({ immutableReleases: true });
    const cwd = testdir();
    const env = githubEnv(github);
    github.inject({ method: 'PATCH', path: '/repos/{owner}/{repo}/releases/{release_id}', times: 4, respond: 'create-then-500' });
    const first = await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w1' })).dir, '--github', '--json'], cwd, env);
    expect(first.json()).toMatchObject({ version: 1, created: true });
    const second = await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w2' })).dir, '--github', '--json'], cwd, env);
    expect(second.json()).toMatchObject({ version: 2, created: true });
    expect(github.state.releases.map((release) => [release.tagName, release.draft])).toEqual([['model/churn/v1', false], ['model/churn/v2', false]]);
  });

  it('a release whose notes were edited by hand keeps its number and is named, not silently reused', async () => {
    const { github } = fake;
    const cwd = testdir();
    const env = githubEnv(github);
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w1' })).dir, '--github'], cwd, env);
    expect((await asUser(github, 'PATCH', `/releases/${github.state.releases[0]!.id}`, { body: 'Model card rewritten by a person.' })).status).toBe(200);
    const next = await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'w2' })).dir, '--github', '--json'], cwd, env);
    expect(next.json()).toMatchObject({ version: 2, created: true });
    const show = await cli(['registry', 'show', 'churn', '--github', '--json'], cwd, env);
    expect(show.json().versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(show.err).toContain('release model/churn/v1 carries no readable registry record (its notes were edited by hand)');
  });

  it('a deleted release\'s number is never given to other bytes, and a stage pull never delivers bytes its promotion did not record', async () => {
    const { github } = fake;
    github.state.addEnvironment('production', { reviewers: [{ login: 'lead', id: 7, type: 'User' as const }] });
    const cwd = testdir();
    const env = githubEnv(github);
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'approved weights' })).dir, '--github'], cwd, env);
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--allow-unprotected', '--github'], cwd, env)).code).toBe(0);
    expect((await asUser(github, 'DELETE', `/releases/${github.state.releases[0]!.id}`)).status).toBe(204);
    const other = await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'never approved' })).dir, '--github', '--json'], cwd, env);
    expect(other.json()).toMatchObject({ version: 2, created: true });
    const pulled = await cli(['registry', 'pull', 'churn', '--stage', 'production', '--output', 'deploy', '--github'], cwd, env);
    expect(pulled.code).toBe(2);
    expect(pulled.err).toContain('churn has no version v1');
    expect(() => readFileSync(`${cwd}/deploy/model.bin`)).toThrow();
  });

  it('two registrations of the same bytes at once give one version, created once, whatever their timing', async () => {
    for (const stagger of [0, 40]) {
      const github = await fake.restart({});
      const { dir } = await packagedModel({ 'model.bin': Buffer.alloc(3_000_000, stagger), 'b.bin': Buffer.alloc(2_000_000, 9) });
      const env = githubEnv(github, { MODELGATE_ASSET_PART_BYTES: '1000000' });
      const results = await Promise.all([0, stagger].map(async (delay) => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        return cli(['registry', 'register', 'churn', '--package', dir, '--github', '--json'], testdir(), env);
      }));
      expect(results.map((result) => result.code)).toEqual([0, 0]);
      expect(results.map((result) => result.json().created).sort()).toEqual([false, true]);
      expect(results.map((result) => result.json().version)).toEqual([1, 1]);
      expect(github.state.releases.map((release) => [release.tagName, release.draft])).toEqual([['model/churn/v1', false]]);
    }
  });
});
