// Deployments, deployment statuses, environments and run approvals against the fake, through
// octokit as a registry client promoting model versions uses them.
import { actionsBot, type FakeGitHub, useFakeGitHub } from '@modelgate/test-utils';
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

async function publish(tag: string, target = 'main'): Promise<void> {
  await octokit.rest.repos.createRelease({ ...repo, tag_name: tag, target_commitish: target });
}

async function deploy(ref: string, environment: string, extra: Partial<Parameters<Octokit['rest']['repos']['createDeployment']>[0]> = {}) {
  const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref, environment, required_contexts: [], auto_merge: false, ...extra });
  return data as { id: number; sha: string };
}

const success = (deploymentId: number, extra: Record<string, unknown> = {}) =>
  octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: deploymentId, state: 'success', ...extra });

const latestStates = () => github.state.deployments.map((deployment) => [deployment.ref, deployment.environment, deployment.statuses.at(-1)?.state]);

describe('creating deployments', () => {
  it('deploys a published release tag: its commit, the token user, the environment created on the fly', async () => {
    await publish('model/churn/v1');
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo, ref: 'model/churn/v1', task: 'modelgate:churn', environment: 'staging', payload: { version: 1 }, description: 'churn v1', required_contexts: [],
    });
    expect(data).toMatchObject({
      ref: 'model/churn/v1', sha: github.state.tags.get('model/churn/v1'), task: 'modelgate:churn', environment: 'staging', original_environment: 'staging',
      payload: { version: 1 }, description: 'churn v1', transient_environment: false, production_environment: false, creator: { login: actionsBot.login },
    });
    expect(github.state.environments.get('staging')).toMatchObject({ name: 'staging', reviewers: [], waitTimer: 0 });
    const environment = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'staging' });
    expect(environment.data).toMatchObject({ name: 'staging', protection_rules: [], deployment_branch_policy: null });
  });

  it('defaults to production (a production environment), task deploy, and keeps a string payload a string', async () => {
    const { data } = await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', payload: '{"version":2}', required_contexts: [] });
    expect(data).toMatchObject({ environment: 'production', production_environment: true, task: 'deploy', payload: '{"version":2}', sha: github.state.branches.get('main') });
  });

  it('answers 422 for a ref GitHub does not know: a draft has no tag yet', async () => {
    await octokit.rest.repos.createRelease({ ...repo, tag_name: 'model/churn/v2', draft: true });
    const refused = octokit.rest.repos.createDeployment({ ...repo, ref: 'model/churn/v2', required_contexts: [] });
    await expect(refused).rejects.toMatchObject({ status: 422, response: { data: { message: 'No ref found for: model/churn/v2' } } });
    expect((await deploy('a'.repeat(40), 'qa')).sha).toBe('a'.repeat(40)); // any full SHA is accepted
  });

  it('answers 409 while required commit status contexts are not success, unless required_contexts is empty', async () => {
    const sha = 'b'.repeat(40);
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: 'failure', context: 'modelgate/gate' });
    await expect(octokit.rest.repos.createDeployment({ ...repo, ref: sha, auto_merge: false })).rejects.toMatchObject({ status: 409 });
    expect((await octokit.rest.repos.createDeployment({ ...repo, ref: sha, required_contexts: [] })).status).toBe(201);
  });
});

describe('listing', () => {
  it('filters by task, environment, ref and sha, newest first, page by page', async () => {
    await publish('model/a/v1');
    await publish('model/b/v1', 'c'.repeat(40));
    for (const stage of ['staging', 'production', 'staging']) await deploy('model/a/v1', stage, { task: 'modelgate:a' });
    await deploy('model/b/v1', 'staging', { task: 'modelgate:b' });
    const staged = await octokit.rest.repos.listDeployments({ ...repo, task: 'modelgate:a', environment: 'staging' });
    expect(staged.data.map((deployment) => deployment.id)).toEqual(github.state.deployments.filter((d) => d.task === 'modelgate:a' && d.environment === 'staging').map((d) => d.id).reverse());
    expect((await octokit.rest.repos.listDeployments({ ...repo, ref: 'model/b/v1' })).data.map((d) => d.task)).toEqual(['modelgate:b']);
    expect((await octokit.rest.repos.listDeployments({ ...repo, sha: github.state.tags.get('model/b/v1')! })).data).toHaveLength(1);

    const first = await octokit.rest.repos.listDeployments({ ...repo, per_page: 3 });
    expect(first.headers.link).toMatch(/rel="next"/);
    const all = await octokit.paginate(octokit.rest.repos.listDeployments, { ...repo, per_page: 3 });
    expect(all.map((deployment) => deployment.id)).toEqual(github.state.deployments.map((deployment) => deployment.id).reverse());
  });

  it('lists statuses newest first and gets one; 404 for an unknown deployment', async () => {
    const { id } = await deploy('main', 'qa');
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'in_progress', log_url: 'https://ci.example/1' });
    const done = await success(id, { environment_url: 'https://qa.example', description: 'up' });
    expect(done.data).toMatchObject({ state: 'success', environment: 'qa', environment_url: 'https://qa.example', creator: { login: actionsBot.login } });
    const listed = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id });
    expect(listed.data.map((status) => [status.state, status.log_url, status.target_url])).toEqual([['success', '', ''], ['in_progress', 'https://ci.example/1', 'https://ci.example/1']]);
    expect((await octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id: id, status_id: done.data.id })).data.description).toBe('up');
    await expect(octokit.rest.repos.getDeployment({ ...repo, deployment_id: 999 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: 999 })).rejects.toMatchObject({ status: 404 });
  });

  it('answers 422 for a status description over 140 characters', async () => {
    const { id } = await deploy('main', 'qa');
    await expect(success(id, { description: 'x'.repeat(141) })).rejects.toMatchObject({ status: 422 });
    expect(github.state.deployment(id)!.statuses).toEqual([]);
  });
});

describe('auto_inactive', () => {
  it('inactivates earlier successful deployments of the same environment only', async () => {
    const [first, other, second] = [await deploy('main', 'staging'), await deploy('main', 'qa'), await deploy('main', 'staging')];
    await success(first.id);
    await success(other.id);
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: second.id, state: 'in_progress' });
    expect(latestStates().map(([, , state]) => state)).toEqual(['success', 'success', 'in_progress']); // only success triggers it
    await success(second.id);
    expect(latestStates()).toEqual([['main', 'staging', 'inactive'], ['main', 'qa', 'success'], ['main', 'staging', 'success']]);
  });

  it('skips production and transient deployments, and does nothing with auto_inactive: false', async () => {
    const production = await deploy('main', 'production');
    const transient = await deploy('main', 'preview', { transient_environment: true });
    const kept = await deploy('main', 'qa');
    for (const { id } of [production, transient, kept]) await success(id);
    await success((await deploy('main', 'production')).id);
    await success((await deploy('main', 'preview')).id);
    await success((await deploy('main', 'qa')).id, { auto_inactive: false });
    expect(latestStates().map(([, , state]) => state)).toEqual(['success', 'success', 'success', 'success', 'success', 'success']);
  });

  it('a status may move the deployment to another environment', async () => {
    const { id } = await deploy('main', 'staging');
    await success(id, { environment: 'canary' });
    expect(github.state.deployment(id)).toMatchObject({ environment: 'canary', originalEnvironment: 'staging' });
    expect(github.state.environments.has('canary')).toBe(true);
  });
});

describe('deleting deployments', () => {
  it('refuses an active one while others exist; inactive ones and the only one can go', async () => {
    const [first, second] = [await deploy('main', 'qa'), await deploy('main', 'qa')];
    await success(first.id);
    await expect(octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first.id })).rejects.toMatchObject({
      status: 422, response: { data: { message: expect.stringMatching(/cannot delete an active deployment/) } },
    });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: first.id, state: 'inactive' });
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: first.id })).status).toBe(204);
    await success(second.id);
    expect((await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: second.id })).status).toBe(204);
    expect(github.state.deployments).toEqual([]);
  });
});

describe('environments', () => {
  it('renders required reviewers (users and teams), self-review, wait timer and branch policy as GitHub does', async () => {
    const lead = { login: 'lead', id: 7, type: 'User' as const };
    github.state.addEnvironment('production', {
      reviewers: [lead, { team: 'ml-platform' }], preventSelfReview: true, waitTimer: 30,
      deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
    });
    const { data } = await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'production' });
    expect(data.protection_rules!.map((rule) => rule.type)).toEqual(['wait_timer', 'required_reviewers', 'branch_policy']);
    expect(data.protection_rules![0]).toMatchObject({ wait_timer: 30 });
    const reviewers = data.protection_rules![1] as { prevent_self_review: boolean; reviewers: { type: string; reviewer: { login?: string; slug?: string } }[] };
    expect(reviewers.prevent_self_review).toBe(true);
    expect(reviewers.reviewers.map(({ type, reviewer }) => [type, reviewer.login ?? reviewer.slug])).toEqual([['User', 'lead'], ['Team', 'ml-platform']]);
    expect(data.deployment_branch_policy).toEqual({ protected_branches: true, custom_branch_policies: false });
    // Rule ids are stable across reads.
    expect((await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'production' })).data.protection_rules).toEqual(data.protection_rules);
  });

  it('answers 404 for an environment that does not exist, and lists those that do', async () => {
    await expect(octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'nowhere' })).rejects.toMatchObject({ status: 404 });
    github.state.addEnvironment('staging');
    github.state.addEnvironment('production', { waitTimer: 5 });
    const { data } = await octokit.rest.repos.getAllEnvironments(repo);
    expect(data).toMatchObject({ total_count: 2, environments: [{ name: 'production' }, { name: 'staging' }] });
  });
});

describe('run approvals', () => {
  it("lists a run's reviews with their environments; the action's own run has none; an unknown run is 404", async () => {
    const lead = { login: 'lead', id: 7, type: 'User' as const };
    github.state.addRunApproval(42, { environments: ['production'], state: 'approved', user: lead, comment: 'ship it' });
    const { data } = await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 42 });
    expect(data).toEqual([expect.objectContaining({ state: 'approved', comment: 'ship it', user: expect.objectContaining({ login: 'lead' }), environments: [expect.objectContaining({ name: 'production' })] })]);
    expect((await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 1658821493 })).data).toEqual([]);
    await expect(octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 7 })).rejects.toMatchObject({ status: 404 });
  });
});
