// The token's `permissions:` block: each operation needs the scope GitHub checks for GITHUB_TOKEN
// (read for GET, write otherwise), else 403 "Resource not accessible by integration".
import { scopesFor, useFakeGitHub } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { octokitFor, repo } from './octokit.ts';
import { uploadTo } from './release-uploads.ts';

const fake = useFakeGitHub();
const denied = { status: 403, response: { data: { message: 'Resource not accessible by integration' } } };

describe('token permissions', () => {
  it('deployments: read lists deployments but cannot create one', async () => {
    const github = await fake.restart({ permissions: { deployments: 'read', contents: 'write' } });
    const octokit = octokitFor(github);
    expect((await octokit.rest.repos.listDeployments(repo)).status).toBe(200);
    await expect(octokit.rest.repos.createDeployment({ ...repo, ref: 'main', required_contexts: [] })).rejects.toMatchObject(denied);
    expect(github.state.deployments).toEqual([]);
    // Scopes a workflow leaves out are `none`: no statuses, no actions.
    await expect(octokit.rest.repos.createCommitStatus({ ...repo, sha: 'a'.repeat(40), state: 'success' })).rejects.toMatchObject(denied);
    await expect(octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'production' })).rejects.toMatchObject(denied);
  });

  it('contents: read lists releases but cannot create one or upload to one', async () => {
    const github = await fake.restart({ permissions: { contents: 'read' } });
    const octokit = octokitFor(github);
    const draft = github.state.addRelease({ tagName: 'v1', draft: true });
    const { data: release } = await octokit.rest.repos.getRelease({ ...repo, release_id: draft.id });
    await expect(octokit.rest.repos.createRelease({ ...repo, tag_name: 'v2' })).rejects.toMatchObject(denied);
    // The upload host checks the token like the API does.
    expect((await uploadTo(release.upload_url, { name: 'a.bin', body: new Uint8Array(4) })).status).toBe(403);
    expect(github.state.releases[0]!.assets).toEqual([]);
  });

  it('comments need issues or pull-requests; either one at write may comment', async () => {
    for (const [permissions, status] of [[{ 'pull-requests': 'write' }, 201], [{ issues: 'write' }, 201], [{ issues: 'read', 'pull-requests': 'read' }, 403]] as const) {
      const github = await fake.restart({ permissions });
      github.state.addPullRequest({ number: 1 });
      const response = await octokitFor(github).rest.issues.createComment({ ...repo, issue_number: 1, body: 'x' }).catch((error: { status: number }) => error);
      expect(response.status).toBe(status);
    }
  });

  it('actions: read reads environments and a run\'s approvals; readOnly still refuses every write', async () => {
    const github = await fake.restart({ permissions: { actions: 'read' }, readOnly: true });
    github.state.addEnvironment('production');
    const octokit = octokitFor(github);
    expect((await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'production' })).status).toBe(200);
    expect((await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 1658821493 })).status).toBe(200);
    const rw = await fake.restart({ readOnly: true });
    await expect(octokitFor(rw).rest.repos.createRelease({ ...repo, tag_name: 'v1' })).rejects.toMatchObject(denied);
  });

  it('issues: read lists and reads issues but cannot open or close one; write can', async () => {
    const github = await fake.restart({ permissions: { issues: 'read' } });
    const { number } = github.state.addIssue({ title: 'Drift: churn', labels: ['drift'] });
    const octokit = octokitFor(github);
    expect((await octokit.rest.issues.listForRepo({ ...repo, labels: 'drift' })).data).toHaveLength(1);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: number })).status).toBe(200);
    await expect(octokit.rest.issues.create({ ...repo, title: 'Drift: churn' })).rejects.toMatchObject(denied);
    await expect(octokit.rest.issues.update({ ...repo, issue_number: number, state: 'closed' })).rejects.toMatchObject(denied);
    expect(github.state.issues).toHaveLength(1);
    // pull-requests does not stand in for issues on the issues themselves.
    const pulls = await fake.restart({ permissions: { 'pull-requests': 'write' } });
    await expect(octokitFor(pulls).rest.issues.create({ ...repo, title: 'x' })).rejects.toMatchObject(denied);
    const writer = await fake.restart({ permissions: { issues: 'write' } });
    expect((await octokitFor(writer).rest.issues.create({ ...repo, title: 'Drift: churn' })).status).toBe(201);
  });

  it('the repository is readable with any token (metadata), whatever the permissions block leaves out', async () => {
    const github = await fake.restart({ permissions: {} });
    const { data } = await octokitFor(github).rest.repos.get(repo);
    expect(data).toMatchObject({ full_name: 'Codertocat/Hello-World', default_branch: 'main' });
  });

  it('names the scope of every registry operation', () => {
    expect(scopesFor('repos/upload-release-asset')).toEqual(['contents']);
    expect(scopesFor('repos/create-deployment-status')).toEqual(['deployments']);
    expect(scopesFor('repos/get-environment')).toEqual(['actions']);
    expect(scopesFor('actions/get-reviews-for-run')).toEqual(['actions']);
    expect(scopesFor('issues/create-comment')).toEqual(['issues', 'pull-requests']);
    expect(scopesFor('issues/create')).toEqual(['issues']);
    expect(scopesFor('issues/list-for-repo')).toEqual(['issues']);
    expect(scopesFor('actions/create-workflow-dispatch')).toEqual(['actions']);
    expect(scopesFor('repos/get')).toEqual([]);
  });
});
