// runAction against a throwaway action (not a real one) bundled from source into a temp dir. It uses
// the real @actions/core, so this proves the runner environment runAction builds is the one the
// toolkit expects: inputs, outputs, summary, annotations, event payload, API URL.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeToken, pullRequestEvent, runAction, startFakeGitHub, testdir, type FakeGitHub } from '@modelgate/test-utils';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const actionSource = `
import * as core from '@actions/core';
import { readFileSync, writeFileSync } from 'node:fs';
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
core.setOutput('greeting', core.getInput('greeting', { required: true }));
core.setOutput('metrics-path', core.getInput('metrics path'));
core.setOutput('pr', core.getInput('pr'));
core.setOutput('multi-line', 'first\\nsecond');
core.setOutput('env', JSON.stringify({
  repository: process.env.GITHUB_REPOSITORY, sha: process.env.GITHUB_SHA, ref: process.env.GITHUB_REF,
  headRef: process.env.GITHUB_HEAD_REF, baseRef: process.env.GITHUB_BASE_REF, eventName: process.env.GITHUB_EVENT_NAME,
  workspace: process.env.GITHUB_WORKSPACE, cwd: process.cwd(), actions: process.env.GITHUB_ACTIONS, ci: process.env.CI,
  strayInput: process.env.INPUT_STRAY ?? null, eventNumber: event.pull_request?.number ?? null,
}));
const response = await fetch(process.env.GITHUB_API_URL + '/repos/' + process.env.GITHUB_REPOSITORY + '/issues/' + event.pull_request.number + '/comments', {
  method: 'POST', headers: { authorization: 'token ' + core.getInput('github-token'), 'content-type': 'application/json' },
  body: JSON.stringify({ body: 'hello from the action' }),
});
core.setOutput('comment-status', String(response.status));
writeFileSync(process.env.RUNNER_TEMP + '/report.md', 'kept');
core.saveState('started', 'yes');
core.exportVariable('MODEL_NAME', 'resnet');
await core.summary.addHeading('Model report').addRaw('accuracy 0.91').write();
core.error('accuracy, 0.80: below 85%', { file: 'eval/metrics.json', startLine: 3, title: 'gate: accuracy' });
core.warning('two\\nlines');
core.notice('plain');
if (core.getInput('fail') === 'true') core.setFailed('failed on purpose');
`;

const actionYml = `
name: Throwaway
description: Echoes inputs for runAction self-tests
inputs:
  greeting: { description: required, required: true }
  metrics path: { description: input name with a space, default: metrics.json }
  github-token: { description: token, default: '\${{ github.token }}' }
  pr: { description: from the event, default: '\${{ github.event.pull_request.number }}' }
  fail: { description: fail the step, default: 'false' }
  stray: { description: never given and no default }
runs:
  using: node24
  main: dist/index.js
`;

let actionDir: string;
let github: FakeGitHub;

beforeAll(async () => {
  actionDir = mkdtempSync(join(tmpdir(), 'modelgate-throwaway-action-'));
  writeFileSync(join(actionDir, 'action.yml'), actionYml);
  await build({
    stdin: { contents: actionSource, resolveDir: new URL('../../packages/github/', import.meta.url).pathname, loader: 'js' },
    outfile: join(actionDir, 'dist', 'index.js'),
    bundle: true, platform: 'node', format: 'esm', target: 'node24', logLevel: 'error',
    banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
  });
});
afterAll(() => rmSync(actionDir, { recursive: true, force: true }));
beforeEach(async () => {
  github = await startFakeGitHub({ token: fakeToken });
});
afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

describe('runAction', () => {
  it('passes inputs with action.yml defaults and event values, and collects outputs, summary and annotations', async () => {
    const workspace = testdir({ 'eval/metrics.json': '{}' });
    const event = pullRequestEvent({ number: 42, headRef: 'feature/x', baseRef: 'main' });
    const result = await runAction(actionDir, { inputs: { greeting: 'hi there' }, event, github, workspace });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      greeting: 'hi there', 'metrics-path': 'metrics.json', pr: '42', 'multi-line': 'first\nsecond', 'comment-status': '201',
    });
    expect(JSON.parse(result.outputs.env!)).toEqual({
      repository: 'Codertocat/Hello-World', sha: event.sha, ref: 'refs/pull/42/merge', headRef: 'feature/x', baseRef: 'main',
      eventName: 'pull_request', workspace, cwd: workspace, actions: 'true', ci: 'true', strayInput: null, eventNumber: 42,
    });
    expect(github.state.commentsOn(42).map((comment) => comment.body)).toEqual(['hello from the action']);
    expect(result.summary).toBe('<h1>Model report</h1>\naccuracy 0.91');
    expect(result.savedState).toEqual({ started: 'yes' });
    expect(result.exportedEnv).toEqual({ MODEL_NAME: 'resnet' });
    expect(result.annotations).toEqual([
      { level: 'error', message: 'accuracy, 0.80: below 85%', title: 'gate: accuracy', file: 'eval/metrics.json', line: 3 },
      { level: 'warning', message: 'two\nlines' },
      { level: 'notice', message: 'plain' },
    ]);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('keeps RUNNER_TEMP when the test provides it', async () => {
    const runnerTemp = testdir();
    await runAction(actionDir, { inputs: { greeting: 'x' }, github, runnerTemp });
    expect(readFileSync(join(runnerTemp, 'report.md'), 'utf8')).toBe('kept');
  });

  it('reports a failed step as exit code 1 with its error annotation', async () => {
    const result = await runAction(actionDir, { inputs: { greeting: 'x', fail: true }, github });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)).toEqual({ level: 'error', message: 'failed on purpose' });
  });

  it('does not leak the parent process workflow environment into the action', async () => {
    const saved = { repository: process.env.GITHUB_REPOSITORY, stray: process.env.INPUT_STRAY };
    process.env.GITHUB_REPOSITORY = 'leaked/from-parent';
    process.env.INPUT_STRAY = 'leaked';
    try {
      const result = await runAction(actionDir, { inputs: { greeting: 'x' }, github });
      expect(JSON.parse(result.outputs.env!)).toMatchObject({ repository: 'Codertocat/Hello-World', strayInput: null });
    } finally {
      for (const [key, value] of [['GITHUB_REPOSITORY', saved.repository], ['INPUT_STRAY', saved.stray]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('resolves ${{ github.token }} from the options, which the fake then checks', async () => {
    const result = await runAction(actionDir, { inputs: { greeting: 'x' }, github, token: 'ghs_other' });
    expect(result.outputs['comment-status']).toBe('401');
  });

  it('rejects an input the action does not declare, naming the valid ones', async () => {
    await expect(runAction(actionDir, { inputs: { greting: 'x' }, github })).rejects.toThrow(
      'runAction: Throwaway declares no input "greting" (valid: greeting, metrics path, github-token, pr, fail, stray)',
    );
  });

  it('fails with the output so far when the action outlives its timeout', async () => {
    github.inject({ respond: 'timeout' }); // the action's API call never returns
    await expect(runAction(actionDir, { inputs: { greeting: 'x' }, github, timeoutMs: 1500 })).rejects.toThrow(/did not finish within 1500 ms/);
  });
});
