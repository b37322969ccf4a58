// Workflow dispatch against the fake, through octokit as an action starting a retraining workflow
// uses it: recorded with its ref and inputs, a queued run, and GitHub's refusals.
import { type FakeGitHub, useFakeGitHub } from '@modelgate/test-utils';
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

const dispatch = (workflow_id: string | number, ref: string, inputs?: Record<string, string>) =>
  octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id, ref, ...(inputs ? { inputs } : {}) });
const refusal = (message: string) => ({ status: 422, response: { data: { message, documentation_url: 'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event' } } });

describe('create-workflow-dispatch', () => {
  it('records the dispatch and queues a workflow_dispatch run of the workflow on the ref', async () => {
    github.state.addWorkflow('retrain.yml', { name: 'Retrain', inputs: ['model', 'reason'] });
    const response = await dispatch('retrain.yml', 'main', { model: 'churn', reason: 'drift in 3 columns' });
    expect(response.status).toBe(204);
    expect(github.state.workflowDispatches).toEqual([
      { workflow: 'retrain.yml', workflowId: expect.any(Number), ref: 'main', inputs: { model: 'churn', reason: 'drift in 3 columns' }, at: expect.any(String), runId: expect.any(Number) },
    ]);
    const { data } = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'retrain.yml', event: 'workflow_dispatch' });
    expect(data.workflow_runs).toEqual([
      expect.objectContaining({ id: github.state.workflowDispatches[0]!.runId, name: 'Retrain', path: '.github/workflows/retrain.yml', status: 'queued', conclusion: null, head_branch: 'main', head_sha: github.state.branches.get('main') }),
    ]);
  });

  it('takes the workflow by id, a tag or a full ref, inputs left out, and answers run details when asked', async () => {
    const workflow = github.state.addWorkflow('.github/workflows/retrain.yml', { inputs: ['model'] });
    github.state.tags.set('v1.2.0', 'c'.repeat(40));
    expect((await dispatch(workflow.id, 'v1.2.0')).status).toBe(204);
    expect((await dispatch('retrain.yml', 'refs/heads/main')).status).toBe(204);
    const details = await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      ...repo, workflow_id: 'retrain.yml', ref: 'main', return_run_details: true,
    });
    expect(details.status).toBe(200);
    const run = github.state.workflowRuns.at(-1)!;
    expect(details.data).toEqual({ workflow_run_id: run.id, run_url: `${github.url}/repos/Codertocat/Hello-World/actions/runs/${run.id}`, html_url: `${github.serverUrl}/Codertocat/Hello-World/actions/runs/${run.id}` });
    expect(github.state.workflowDispatches.map(({ ref, inputs }) => ({ ref, inputs }))).toEqual([
      { ref: 'v1.2.0', inputs: {} }, { ref: 'refs/heads/main', inputs: {} }, { ref: 'main', inputs: {} },
    ]);
    expect(github.state.workflowRuns.map((candidate) => candidate.headSha)[0]).toBe('c'.repeat(40));
  });

  it('answers 404 for a workflow the repository does not have', async () => {
    github.state.addWorkflow('retrain.yml');
    await expect(dispatch('train.yml', 'main')).rejects.toMatchObject({ status: 404 });
    await expect(dispatch(424242, 'main')).rejects.toMatchObject({ status: 404 });
    expect(github.state.workflowDispatches).toEqual([]);
  });

  it('refuses, with GitHub\'s messages, a ref that is no branch or tag, a workflow without the trigger, undeclared and missing inputs', async () => {
    github.state.addWorkflow('retrain.yml', { inputs: ['model'], required: ['model'] });
    github.state.addWorkflow('ci.yml', { dispatch: false });
    await expect(dispatch('retrain.yml', 'nope', { model: 'churn' })).rejects.toMatchObject(refusal('No ref found for: nope'));
    // A commit SHA is no ref here, though other endpoints take one.
    const sha = github.state.branches.get('main')!;
    await expect(dispatch('retrain.yml', sha, { model: 'churn' })).rejects.toMatchObject(refusal(`No ref found for: ${sha}`));
    await expect(dispatch('ci.yml', 'main')).rejects.toMatchObject(refusal("Workflow does not have 'workflow_dispatch' trigger"));
    await expect(dispatch('retrain.yml', 'main', { model: 'churn', reason: 'drift', extra: '1' })).rejects.toMatchObject(refusal('Unexpected inputs provided: ["reason", "extra"]'));
    await expect(dispatch('retrain.yml', 'main')).rejects.toMatchObject(refusal("Required input 'model' not provided"));
    expect(github.state.workflowDispatches).toEqual([]);
    expect(github.state.workflowRuns).toEqual([]);
  });

  it('needs actions: write', async () => {
    for (const [access, status] of [['read', 403], ['write', 204]] as const) {
      const limited = await fake.restart({ permissions: { actions: access } });
      limited.state.addWorkflow('retrain.yml');
      const client = octokitFor(limited);
      const response = await client.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'retrain.yml', ref: 'main' }).catch((error: { status: number }) => error);
      expect(response.status).toBe(status);
    }
  });
});
