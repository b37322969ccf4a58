import { useFakeGitHub, zipFiles, type FakeGitHub } from '@modelgate/test-utils';
import type { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { octokitFor, repo } from './octokit.ts';

const fake = useFakeGitHub();
let github: FakeGitHub;
let octokit: Octokit;
beforeEach(() => {
  github = fake.github;
  octokit = octokitFor(github);
});

describe('issue comments', () => {
  it('creates as github-actions[bot], then gets and updates in place', async () => {
    github.state.addPullRequest({ number: 5 });
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: '<!-- modelgate -->\nv1' });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('github-actions[bot]');
    expect(created.data.html_url).toBe(`${github.serverUrl}/Codertocat/Hello-World/pull/5#issuecomment-${created.data.id}`);
    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: '<!-- modelgate -->\nv2' });
    expect(updated.data.id).toBe(created.data.id);
    const fetched = await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id });
    expect(fetched.data.body).toBe('<!-- modelgate -->\nv2');
    expect(github.state.commentsOn(5)).toHaveLength(1);
  });

  it('answers 404 for a comment that does not exist', async () => {
    await expect(octokit.rest.issues.getComment({ ...repo, comment_id: 424242 })).rejects.toMatchObject({ status: 404 });
  });
});

describe('check runs and statuses', () => {
  it('completes a check run when a conclusion is given and keeps updates', async () => {
    const sha = 'd'.repeat(40);
    const created = await octokit.rest.checks.create({ ...repo, name: 'modelgate gate', head_sha: sha, status: 'in_progress' });
    expect(created.data).toMatchObject({ status: 'in_progress', conclusion: null, completed_at: null });
    const updated = await octokit.rest.checks.update({
      ...repo, check_run_id: created.data.id, conclusion: 'failure', output: { title: '1 rule failed', summary: 'accuracy 0.80 < min 0.85' },
    });
    expect(updated.data).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 rule failed' } });
    expect(github.state.checkRuns).toEqual([expect.objectContaining({ headSha: sha, conclusion: 'failure' })]);
  });

  it('records commit statuses per sha', async () => {
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: 'e'.repeat(40), state: 'failure', context: 'modelgate/gate', description: 'accuracy below min' });
    expect(github.state.statuses).toEqual([expect.objectContaining({ sha: 'e'.repeat(40), state: 'failure', context: 'modelgate/gate' })]);
  });
});

describe('repository contents', () => {
  it('returns a file at a ref as base64, and 404 at another ref', async () => {
    const metrics = JSON.stringify({ accuracy: 0.91, loss: 0.2 });
    github.state.putFile('eval/metrics.json', 'b'.repeat(40), metrics);
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'eval/metrics.json', ref: 'b'.repeat(40) });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(metrics);
    expect(data.size).toBe(metrics.length);
    await expect(octokit.rest.repos.getContent({ ...repo, path: 'eval/metrics.json', ref: 'c'.repeat(40) })).rejects.toMatchObject({ status: 404 });
  });

  it('gives the git blob sha git itself computes', async () => {
    github.state.putFile('hello.txt', 'main', 'hello\n');
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'hello.txt' });
    // `printf 'hello\n' | git hash-object --stdin`
    expect((data as { sha: string }).sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('lists a directory', async () => {
    github.state.putFile('eval/metrics.json', 'main', '{}');
    github.state.putFile('eval/plots/roc.json', 'main', '{}');
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: 'eval' });
    expect((data as { name: string; type: string }[]).map(({ name, type }) => ({ name, type }))).toEqual([
      { name: 'metrics.json', type: 'file' },
      { name: 'plots', type: 'dir' },
    ]);
  });
});

describe('workflow runs and artifacts', () => {
  it('filters runs by branch, status (or conclusion) and event, newest first', async () => {
    const old = github.state.addWorkflowRun({ headBranch: 'main', event: 'push', conclusion: 'success' });
    github.state.addWorkflowRun({ headBranch: 'main', event: 'push', conclusion: 'failure' });
    github.state.addWorkflowRun({ headBranch: 'feature', event: 'pull_request', conclusion: 'success' });
    const latest = github.state.addWorkflowRun({ headBranch: 'main', event: 'push', conclusion: 'success' });
    const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, branch: 'main', status: 'success', event: 'push', per_page: 5 });
    expect(data.total_count).toBe(2);
    expect(data.workflow_runs.map((run) => run.id)).toEqual([latest.id, old.id]);
  });

  it('lists a run artifacts and redirects the zip download to bytes on the same server', async () => {
    const run = github.state.addWorkflowRun();
    const zip = zipFiles({ 'metrics.json': '{"accuracy":0.9}' });
    const artifact = github.state.addArtifact(run.id, 'modelgate-metrics', zip);
    github.state.addArtifact(run.id, 'other', zipFiles({ 'x.txt': 'x' }));
    const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: run.id, name: 'modelgate-metrics' });
    expect(data.artifacts.map((a) => [a.id, a.name, a.size_in_bytes])).toEqual([[artifact.id, 'modelgate-metrics', zip.byteLength]]);

    const redirect = await fetch(`${github.url}/repos/Codertocat/Hello-World/actions/artifacts/${artifact.id}/zip`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(new URL(redirect.headers.get('location')!).origin).toBe(github.serverUrl);

    const download = await octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: artifact.id, archive_format: 'zip' });
    expect(new Uint8Array(download.data as ArrayBuffer)).toEqual(zip);
  });

  it('lets a fault hit the zip download behind the redirect', async () => {
    const run = github.state.addWorkflowRun();
    const artifact = github.state.addArtifact(run.id, 'metrics', zipFiles({ 'a.txt': 'a' }));
    github.inject({ path: /^\/_fake\/artifact-blobs\//, respond: { status: 503, body: { message: 'unavailable' } } });
    await expect(octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: artifact.id, archive_format: 'zip', request: { retries: 0 } })).rejects.toMatchObject({ status: 503 });
  });

  it('answers 410 for an expired artifact', async () => {
    const run = github.state.addWorkflowRun();
    const artifact = github.state.addArtifact(run.id, 'old', zipFiles({ 'a.txt': 'a' }), { expired: true });
    await expect(octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: artifact.id, archive_format: 'zip' })).rejects.toMatchObject({ status: 410 });
  });
});

describe('routing', () => {
  it('accepts unencoded slashes in a contents path, as curl-style clients send them', async () => {
    github.state.putFile('eval/metrics.json', 'main', '{"auc":0.8}');
    const response = await fetch(`${github.url}/repos/Codertocat/Hello-World/contents/eval/metrics.json?ref=main`);
    expect(response.status).toBe(200);
    expect(github.requests[0]!.operationId).toBe('repos/get-content');
  });

  it('prefers the more specific template: commits/{ref}/check-runs is not commits/{ref}', async () => {
    const sha = 'a'.repeat(40);
    await octokit.rest.checks.create({ ...repo, name: 'gate', head_sha: sha, conclusion: 'success' });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: 'gate' });
    expect(data.check_runs.map((run) => run.conclusion)).toEqual(['success']);
    expect(github.requests.at(-1)!.operationId).toBe('checks/list-for-ref');
  });
});

describe('pull requests', () => {
  it('gets a fork PR with its head repository', async () => {
    github.state.addPullRequest({ number: 12, headSha: 'f'.repeat(40), headRepoFullName: 'forker/Hello-World' });
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 12 });
    expect(data.head).toMatchObject({ sha: 'f'.repeat(40), repo: { full_name: 'forker/Hello-World', fork: true } });
    expect(data.base.repo.full_name).toBe('Codertocat/Hello-World');
  });
});

describe('repository', () => {
  it('describes the served repository with its default branch and open issue count', async () => {
    const custom = await fake.restart({ owner: 'acme', repo: 'models', defaultBranch: 'trunk', repositoryId: 42 });
    custom.state.addIssue({ title: 'open' });
    custom.state.addIssue({ title: 'closed', state: 'closed' });
    custom.state.addPullRequest({ number: 3 });
    const { data } = await octokitFor(custom).rest.repos.get({ owner: 'acme', repo: 'models' });
    expect(data).toMatchObject({
      id: 42, name: 'models', full_name: 'acme/models', default_branch: 'trunk', fork: false, private: false, open_issues_count: 2,
      owner: { login: 'acme' }, url: `${custom.url}/repos/acme/models`, html_url: `${custom.serverUrl}/acme/models`,
      issues_url: `${custom.url}/repos/acme/models/issues{/number}`,
    });
    expect(data).not.toHaveProperty('parent');
    expect(custom.violations).toEqual([]);
  });
});
