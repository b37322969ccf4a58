// actions/promote run as the runner runs it, against the fake GitHub: registering a package the
// train action packaged, promoting through staging to an approved production, champion/challenger,
// and the refusals a protected stage and a bad input get.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pushEvent, runAction, testdir, useFakeGitHub, workflowRunEvent } from '@modelgate/test-utils';
import { packagedModel } from '../registry/model-package.ts';

const fake = useFakeGitHub();
const runId = 4242;
// Writes are spaced one second apart as GitHub asks; the tests scale that wait down.
const fast = { MODELGATE_API_RETRY_BASE_MS: '1' };
const reviewer = { login: 'lead', id: 7, type: 'User' as const };
const config = 'registry:\n  stages: [staging, production]\ngate:\n  rules:\n    roc_auc: { max_regression: 0.01 }\n';

async function workspace(weights: string, auc: number): Promise<string> {
  const { dir } = await packagedModel({ 'model.bin': weights });
  const root = testdir({ 'modelgate.yml': config, 'metrics.json': JSON.stringify({ task: 'binary', rows: 100, metrics: { roc_auc: auc } }) });
  cpSync(dir, join(root, 'model'), { recursive: true });
  return root;
}

describe('actions/promote', () => {
  it('registers once, promotes to staging, then to production after the environment\'s approval', async () => {
    const { github } = fake;
    github.state.addEnvironment('production', { reviewers: [reviewer] });
    const ws = await workspace('w1', 0.9);
    const event = pushEvent();
    const staging = await runAction('promote', { env: fast, github, event, workspace: ws, runId, inputs: { model: 'churn', package: 'model', metrics: 'metrics.json', to: 'staging', reason: 'nightly build' } });
    expect(staging.stderr).toBe('');
    expect(staging.exitCode).toBe(0);
    expect(staging.outputs).toMatchObject({ version: '1', 'previous-version': '', changed: 'true' });
    expect(staging.outputs['release-url']).toMatch(/\/releases\/tag\/model\/churn\/v1$/);
    expect(staging.outputs['deployment-id']).toBe(String(github.state.deployments[0]!.id));
    expect(staging.summary).toContain('### churn: staging promoted v1');

    // A re-run of the same job registers nothing new and changes nothing.
    const rerun = await runAction('promote', { env: fast, github, event, workspace: ws, runId, inputs: { model: 'churn', package: 'model', to: 'staging' } });
    expect(rerun.outputs).toMatchObject({ version: '1', 'previous-version': '1', changed: 'false', 'deployment-id': '' });
    expect(github.state.releases).toHaveLength(1);

    // Without the environment's approval of this run, production is refused.
    const unapproved = await runAction('promote', { env: fast, github, event, workspace: ws, runId, inputs: { model: 'churn', 'from-stage': 'staging', to: 'production' } });
    expect(unapproved.exitCode).toBe(1);
    expect(unapproved.annotations.find((a) => a.level === 'error')?.message).toMatch(/this workflow run was not approved for environment "production": run this step in a job with `environment: production`/);

    github.state.addRunApproval(runId, { environments: ['production'], state: 'approved', user: reviewer, comment: 'ship it' });
    const approved = await runAction('promote', { env: fast, github, event, workspace: ws, runId, inputs: { model: 'churn', 'from-stage': 'staging', to: 'production', 'require-better': true } });
    expect(approved.exitCode).toBe(0);
    expect(approved.outputs).toMatchObject({ version: '1', changed: 'true' });
    expect(approved.summary).toContain('Approved by lead');
    const deployment = github.state.deployments.find((candidate) => candidate.environment === 'production')!;
    expect(deployment.payload).toMatchObject({ model: 'churn', version: 1, approved_by: ['lead'], by: 'octocat', source_run: expect.stringContaining(`/actions/runs/${runId}`) });
  });

  it('champion/challenger refuses a worse model and leaves the stage alone', async () => {
    const { github } = fake;
    const first = await runAction('promote', { env: fast, github, event: pushEvent(), workspace: await workspace('good', 0.9), inputs: { model: 'churn', package: 'model', metrics: 'metrics.json', to: 'staging' } });
    expect(first.exitCode).toBe(0);
    const worse = await runAction('promote', { env: fast, github, event: pushEvent(), workspace: await workspace('worse', 0.8), inputs: { model: 'churn', package: 'model', metrics: 'metrics.json', to: 'staging', 'require-better': true } });
    expect(worse.exitCode).toBe(1);
    expect(worse.annotations.find((a) => a.level === 'error')?.message).toBe('promotion refused: v2 against the staging champion v1: 1 gate rule failed: roc_auc regressed by 0.1 (0.9 -> 0.8), more than the allowed 0.01 (rule max_regression)');
    expect(worse.outputs).toMatchObject({ version: '1', changed: 'false' });
    expect(github.state.deployments).toHaveLength(1);
  });

  it('rolls a stage back, and answers bad inputs with one line', async () => {
    const { github } = fake;
    for (const weights of ['a', 'b']) await runAction('promote', { env: fast, github, event: pushEvent(), workspace: await workspace(weights, 0.9), inputs: { model: 'churn', package: 'model', to: 'staging' } });
    const back = await runAction('promote', { env: fast, github, event: pushEvent(), workspace: testdir(), inputs: { model: 'churn', to: 'staging', rollback: true, reason: 'broke' } });
    expect(back.exitCode).toBe(0);
    expect(back.outputs).toMatchObject({ version: '1', 'previous-version': '2', changed: 'true' });
    expect(back.summary).toContain('### churn: staging rolled back v2 -> v1');

    const both = await runAction('promote', { env: fast, github, event: pushEvent(), workspace: testdir(), inputs: { model: 'churn', version: '1', 'from-stage': 'staging', to: 'production' } });
    expect(both.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(['give only one of the inputs package, version or from-stage, not version and from-stage']);
    const unknown = await runAction('promote', { env: fast, github, event: pushEvent(), workspace: testdir(), inputs: { model: 'fraud', version: '1', to: 'staging' } });
    expect(unknown.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([`unknown model "fraud" in ${new URL(github.serverUrl).host}/${github.state.fullName} (registered: churn)`]);
  });

  it('tags the version at the commit the model was trained at, not at the workflow_run\'s newer GITHUB_SHA', async () => {
    const { github } = fake;
    const trainedAt = 'a'.repeat(40); // packagedModel's lineage commit, a clean tree
    const ws = await workspace('w', 0.9);
    const event = workflowRunEvent({ triggeringEvent: 'push', headBranch: 'main', headSha: trainedAt } as never);
    const result = await runAction('promote', { env: fast, github, event, workspace: ws, inputs: { model: 'churn', package: 'model' } });
    expect(result.exitCode).toBe(0);
    expect(event.sha).not.toBe(trainedAt);
    expect(github.state.tags.get('model/churn/v1')).toBe(trainedAt);
  });
});
