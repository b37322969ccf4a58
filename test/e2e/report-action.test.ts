import { describe, expect, it } from 'vitest';
import { pullRequestEvent, pushEvent, runAction, useFakeGitHub, testdir, workflowRunEvent, zipFiles } from '@modelgate/test-utils';

const baseSha = 'b'.repeat(40);
const headSha = 'c'.repeat(40);
const config = 'gate:\n  rules:\n    accuracy: { min: 0.85, max_regression: "1%" }\n';

const fake = useFakeGitHub();

const prEvent = (overrides = {}) => pullRequestEvent({ number: 7, baseSha, headSha, ...overrides });
const workspace = (accuracy: number) => testdir({ 'out/metrics.json': JSON.stringify({ accuracy, loss: 0.3 }), 'modelgate.yml': config });

describe('actions/report', () => {
  it('run twice on a busy PR leaves exactly one comment, updated in place', async () => {
    const { github } = fake;
    github.state.addComments(120, { prNumber: 7 });
    github.state.putFile('out/metrics.json', baseSha, JSON.stringify({ accuracy: 0.9, loss: 0.35 }));

    const first = await runAction('report', { github, event: prEvent(), workspace: workspace(0.91), inputs: { metrics: 'out/metrics.json' } });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    const marked = () => github.state.commentsOn(7).filter((c) => c.body.startsWith('<!-- modelgate:report:default -->'));
    expect(marked()).toHaveLength(1);
    expect(first.outputs['comment-id']).toBe(String(marked()[0]!.id));
    expect(first.outputs.status).toBe('improved');
    expect(marked()[0]!.body).toContain('| accuracy | 0.9 | 0.91 |');

    const second = await runAction('report', { github, event: prEvent({ action: 'synchronize' }), workspace: workspace(0.8), inputs: { metrics: 'out/metrics.json' } });
    expect(second.exitCode).toBe(0); // the report never fails for gate results
    expect(marked()).toHaveLength(1);
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
    expect(second.outputs.status).toBe('regressed');
    expect(second.outputs['gate-passed']).toBe('false');
    expect(marked()[0]!.body).toContain('| accuracy | 0.9 | 0.8 |');
    expect(marked()[0]!.body).toContain('accuracy = 0.8 is below the minimum 0.85 (rule min)');
    expect(second.summary).toContain('accuracy = 0.8 is below the minimum 0.85');
    expect(github.state.commentsOn(7)).toHaveLength(121);
  });

  it('finds the baseline in an artifact of the latest successful base-branch run when it is not committed', async () => {
    const { github } = fake;
    const run = github.state.addWorkflowRun({ headBranch: 'main', conclusion: 'success', status: 'completed' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'out/metrics.json': JSON.stringify({ accuracy: 0.88, loss: 0.3 }) }));
    const result = await runAction('report', { github, event: prEvent({ baseRef: 'main' }), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('| accuracy | 0.88 | 0.9 |');
    expect(result.summary).toMatch(/baseline: artifact "modelgate-metrics" of run \d+ on main/);
  });

  it('says when no baseline exists and shows head values alone', async () => {
    const { github } = fake;
    const result = await runAction('report', { github, event: prEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('no-baseline');
    expect(result.summary).toContain('No baseline: no out/metrics.json at base commit bbbbbbb; no artifact "modelgate-metrics"');
  });

  it('on a fork PR with a read-only token warns, writes the summary and exits 0', async () => {
    const github = await fake.restart({ readOnly: true });
    const result = await runAction('report', { github, event: prEvent({ headRepository: 'someone/Hello-World' }), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['comment-id']).toBe('');
    expect(result.summary).toContain('| accuracy |');
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message).join('\n')).toContain('cannot comment on PR #7: the token is read-only (a fork PR)');
  });

  it('after GitHub creates the comment but answers 502, one comment remains and comment-id names it', async () => {
    const { github } = fake;
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments', respond: 'create-then-502' });
    const result = await runAction('report', { github, event: prEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    const comments = github.state.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(result.outputs['comment-id']).toBe(String(comments[0]!.id));
  });

  it('after a create that times out (but happened), one comment remains and comment-id names it', async () => {
    const { github } = fake;
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments', respond: 'create-then-timeout' });
    const result = await runAction('report', { github, event: prEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' }, env: { MODELGATE_API_TIMEOUT_MS: '500' } });
    expect(result.exitCode).toBe(0);
    const comments = github.state.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(result.outputs['comment-id']).toBe(String(comments[0]!.id));
    expect(result.annotations.some((a) => a.level === 'warning' && a.message.includes('checking whether it exists'))).toBe(true);
  });

  it('waits out a secondary rate limit (retry-after) and still comments once', async () => {
    const { github } = fake;
    const fault = github.inject({ method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments', respond: { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } } });
    const result = await runAction('report', { github, event: prEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(fault.hits).toBe(1);
    expect(github.state.commentsOn(7)).toHaveLength(1);
  });

  it('comments from a workflow_run (fork PR pattern) with the metrics downloaded elsewhere', async () => {
    const { github } = fake;
    github.state.addPullRequest({ number: 12, baseSha, headSha, headRepoFullName: 'forker/Hello-World' });
    github.state.putFile('out/metrics.json', baseSha, JSON.stringify({ accuracy: 0.8 }));
    const event = workflowRunEvent({ pullRequests: [12], headSha, headRepository: 'forker/Hello-World' });
    const result = await runAction('report', {
      github,
      event,
      workspace: testdir({ 'pr-metrics/metrics.json': JSON.stringify({ accuracy: 0.9 }) }),
      inputs: { metrics: 'pr-metrics/metrics.json', 'base-metrics-path': 'out/metrics.json' },
    });
    expect(result.exitCode).toBe(0);
    const [comment] = github.state.commentsOn(12);
    expect(comment!.body).toContain('| accuracy | 0.8 | 0.9 |');
    expect(result.outputs['comment-id']).toBe(String(comment!.id));
  });

  it('from a workflow_run, looks for the baseline artifact among the triggering workflow\'s runs', async () => {
    const { github } = fake;
    github.state.addPullRequest({ number: 12, baseSha, headSha, headRepoFullName: 'forker/Hello-World' });
    const run = github.state.addWorkflowRun({ headBranch: 'main', conclusion: 'success', status: 'completed', path: '.github/workflows/model-pr-check.yml' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics.json': JSON.stringify({ accuracy: 0.85 }) }));
    const event = workflowRunEvent({ pullRequests: [12], headSha, headRepository: 'forker/Hello-World' });
    event.payload.workflow_run.path = '.github/workflows/model-pr-check.yml';
    const result = await runAction('report', {
      github,
      event,
      workspace: testdir({ 'pr-metrics/metrics.json': JSON.stringify({ accuracy: 0.9 }) }),
      inputs: { metrics: 'pr-metrics/metrics.json', 'base-metrics-path': 'metrics.json' },
      env: { GITHUB_WORKFLOW_REF: 'Codertocat/Hello-World/.github/workflows/model-pr-comment.yml@refs/heads/main' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('| accuracy | 0.85 | 0.9 |');
    expect(github.requests.some((r) => r.path.endsWith('/actions/workflows/model-pr-check.yml/runs'))).toBe(true);
  });

  it('on a push (no PR) writes the summary only', async () => {
    const { github } = fake;
    const result = await runAction('report', { github, event: pushEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('not a pull request');
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('bad input fails the step with one line and no stack trace', async () => {
    const { github } = fake;
    const cases: [Record<string, string>, Record<string, string>, RegExp][] = [
      [{ metrics: 'missing.json' }, {}, /missing\.json: metrics file not found/],
      [{ metrics: 'm.json' }, { 'm.json': '{"accuracy": 0.9,' }, /m\.json: malformed JSON/],
      [{ metrics: 'm.json', config: 'bad.yml' }, { 'm.json': '{"a": 1}', 'bad.yml': 'gate:\n  rulez: {}\n' }, /bad\.yml: gate\.rulez: unknown key "rulez" \(did you mean "rules"\?\)/],
      [{ metrics: 'm.json', comment: 'yes please' }, { 'm.json': '{"a": 1}' }, /input "comment": expected true or false/],
    ];
    for (const [inputs, files, message] of cases) {
      const result = await runAction('report', { github, event: prEvent(), workspace: testdir(files), inputs });
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      expect(errors[0]!.message).not.toContain('\n');
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('on GitHub Enterprise Server reads the baseline through the contents API alone', async () => {
    const github = await fake.restart({ description: 'ghes-3.17' });
    github.state.putFile('out/metrics.json', baseSha, JSON.stringify({ accuracy: 0.5 }));
    const result = await runAction('report', { github, event: prEvent(), workspace: workspace(0.9), inputs: { metrics: 'out/metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('| accuracy | 0.5 | 0.9 |');
    expect(github.requests.some((r) => r.path.includes('/actions/'))).toBe(false);
  });
});
