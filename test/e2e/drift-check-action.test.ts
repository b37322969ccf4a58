// actions/drift-check run as the runner runs it, against the fake GitHub: the sticky drift issue
// opened, updated and closed across three runs, the retraining dispatch, and what a token without
// the permissions gets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@modelgate/cli';
import { runAction, scheduleEvent, testdir, useFakeGitHub } from '@modelgate/test-utils';

const fake = useFakeGitHub();
const fast = { MODELGATE_API_RETRY_BASE_MS: '1' };
const marker = '<!-- modelgate:drift:churn -->';

/** A seeded sample: `shift` moves the numeric column and the category mix. */
function csv(rows: number, shift: number, seed: number): string {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const lines = ['tenure,plan'];
  for (let i = 0; i < rows; i++) {
    const normal = Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
    lines.push(`${(20 + 5 * normal + shift * 8).toFixed(2)},${next() < 0.5 + shift * 0.3 ? 'basic' : 'pro'}`);
  }
  return `${lines.join('\n')}\n`;
}

const workspace = (shift: number) => testdir({ 'train.csv': csv(3000, 0, 1), 'current.csv': csv(2000, shift, 2) });

describe('actions/drift-check', () => {
  it('opens the sticky issue when the data drifts, updates it on the next drifted run, closes it when clean', async () => {
    const { github } = fake;
    github.state.addWorkflow('.github/workflows/nightly-retrain.yml', { dispatch: true, inputs: ['reason'] });
    const inputs = { reference: 'train.csv', current: 'current.csv', name: 'churn', 'dispatch-workflow': 'nightly-retrain.yml' };
    const first = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(1), inputs, env: fast });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ drifted: 'true', 'drifted-share': '1' });
    const issues = () => github.state.issues.filter((issue) => issue.body?.startsWith(marker));
    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue).toMatchObject({ title: 'Data drift: churn', state: 'open', labels: ['modelgate-drift'] });
    expect(issue.body).toContain('| tenure | numeric | wasserstein |');
    expect(first.outputs['issue-number']).toBe(String(issue.number));
    expect(first.summary).toContain('```mermaid\nxychart-beta');
    expect(github.state.workflowDispatches).toMatchObject([{ workflow: 'nightly-retrain.yml', ref: 'main', inputs: { reason: expect.stringMatching(/^data drift in churn: 2 of 2 tests drifted/) } }]);

    const second = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(0.6), inputs, env: fast });
    expect(second.outputs['issue-number']).toBe(String(issue.number));
    expect(issues()).toHaveLength(1);
    expect(github.state.workflowDispatches).toHaveLength(2);

    const third = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(0), inputs, env: fast });
    expect(third.outputs).toMatchObject({ drifted: 'false', 'issue-number': String(issue.number) });
    expect(github.state.issue(issue.number)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(github.state.commentsOn(issue.number).at(-1)!.body).toMatch(/^No data set drift on \d{4}-\d\d-\d\d: 0 of 2 tests drifted/);
    expect(github.state.workflowDispatches).toHaveLength(2);
  });

  it('ignores a copy of the marker in a person\'s issue, and never opens a second issue after a 502', async () => {
    const { github } = fake;
    github.state.addIssue({ title: 'fake', body: `${marker}\nplease close me`, labels: ['modelgate-drift'], user: 'mallory' });
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues', respond: 'create-then-502' });
    const result = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(1), inputs: { reference: 'train.csv', current: 'current.csv', name: 'churn' }, env: fast });
    expect(result.exitCode).toBe(0);
    const ours = github.state.issues.filter((issue) => issue.body?.startsWith(marker) && issue.user.login !== 'mallory');
    expect(ours).toHaveLength(1);
    expect(result.outputs['issue-number']).toBe(String(ours[0]!.number));
    expect(github.state.issues.find((issue) => issue.user.login === 'mallory')!.state).toBe('open');
  });

  it('with fail-on-drift fails the step after the report; a token that may not write issues only warns', async () => {
    const github = await fake.restart({ permissions: { contents: 'read', issues: 'read' } });
    const result = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(1), inputs: { reference: 'train.csv', current: 'current.csv', name: 'churn', 'fail-on-drift': true }, env: fast });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.drifted).toBe('true');
    expect(result.outputs['report-path']).toMatch(/modelgate-drift-churn\.json$/);
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([expect.stringMatching(/^drift issue not updated: the token may not write issues; grant the job `permissions: issues: write`/)]);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^data set drifted: 2 of 2 tests/)]);
    expect(github.state.issues).toEqual([]);
  });

  it('reads large files on two threads, the bundle being its own worker, with the CLI\'s result', async () => {
    const { github } = fake;
    // 2 x 9 MB: above the 16 MiB from which the two files are read on two threads.
    const ws = testdir({ 'train.csv': csv(800_000, 0, 3), 'current.csv': csv(800_000, 0.05, 4) });
    const runnerTemp = testdir();
    const result = await runAction('drift-check', { github, event: scheduleEvent(), workspace: ws, runnerTemp, inputs: { reference: 'train.csv', current: 'current.csv', issue: false }, env: fast, timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const fromAction = JSON.parse(readFileSync(result.outputs['report-path']!, 'utf8'));
    const cli = await main(['drift', '--reference', 'train.csv', '--current', 'current.csv', '--output', 'cli.json'], { out: () => {}, err: () => {}, isTty: false, env: {}, cwd: ws });
    expect(cli).toBe(0);
    expect(fromAction).toEqual(JSON.parse(readFileSync(join(ws, 'cli.json'), 'utf8')));
  }, 180_000);

  it('answers a missing file with one line', async () => {
    const { github } = fake;
    const result = await runAction('drift-check', { github, event: scheduleEvent(), workspace: workspace(0), inputs: { reference: 'train.csv', current: 'missing.csv' }, env: fast });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^current: nothing matches "missing\.csv"/)]);
  });
});
