import { describe, expect, it } from 'vitest';
import { faults, pullRequestEvent, runAction, useFakeGitHub, testdir } from '@modelgate/test-utils';

const baseSha = 'b'.repeat(40);
const headSha = 'c'.repeat(40);
const config = 'gate:\n  rules:\n    accuracy: { min: 0.85, max_regression: "1%" }\n    rmse: { max: 3.2, required: true }\n';

const fake = useFakeGitHub();

const event = (overrides = {}) => pullRequestEvent({ number: 7, baseSha, headSha, ...overrides });
const workspace = (metrics: object) => testdir({ 'metrics.json': JSON.stringify(metrics), 'modelgate.yml': config });

describe('actions/gate', () => {
  it('fails the step when a metric is below its min, naming the metric, the value and the rule', async () => {
    const { github } = fake;
    const result = await runAction('gate', { github, event: event(), workspace: workspace({ accuracy: 0.81, rmse: 3 }), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe('false');
    expect(JSON.parse(result.outputs.failures!)).toEqual([
      { metric: 'accuracy', rule: 'min', value: 0.81, limit: 0.85, message: 'accuracy = 0.81 is below the minimum 0.85 (rule min)' },
    ]);
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toContain('accuracy = 0.81 is below the minimum 0.85 (rule min)');
    expect(github.state.checkRuns).toHaveLength(1);
    expect(github.state.checkRuns[0]).toMatchObject({ name: 'modelgate gate', headSha, status: 'completed', conclusion: 'failure' });
    expect(result.outputs['check-run-id']).toBe(String(github.state.checkRuns[0]!.id));
    expect(result.summary).toContain('**❌ Gate failed**: 1 of 4 rules failed.');
  });

  it('passes, with a successful check run, when every rule holds against the committed baseline', async () => {
    const { github } = fake;
    github.state.putFile('metrics.json', baseSha, JSON.stringify({ accuracy: 0.9, rmse: 3.1 }));
    const result = await runAction('gate', { github, event: event(), workspace: workspace({ accuracy: 0.895, rmse: 3 }), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.passed).toBe('true');
    expect(result.outputs.failures).toBe('[]');
    expect(github.state.checkRuns[0]).toMatchObject({ conclusion: 'success' });
  });

  it('fails a regression beyond max_regression against the baseline', async () => {
    const { github } = fake;
    github.state.putFile('metrics.json', baseSha, JSON.stringify({ accuracy: 0.95, rmse: 3.1 }));
    const result = await runAction('gate', { github, event: event(), workspace: workspace({ accuracy: 0.9, rmse: 3 }), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.outputs.failures!)[0]).toMatchObject({ metric: 'accuracy', rule: 'max_regression', limit: '1%' });
  });

  it('on a fork PR with a read-only token skips the check with a warning; the exit follows the rules', async () => {
    const github = await fake.restart({ readOnly: true });
    const passing = await runAction('gate', { github, event: event({ headRepository: 'fork/Hello-World' }), workspace: workspace({ accuracy: 0.9, rmse: 3 }), inputs: { metrics: 'metrics.json' } });
    expect(passing.exitCode).toBe(0);
    expect(passing.annotations.some((a) => a.level === 'warning' && a.message.includes('gate check not reported'))).toBe(true);
    const failing = await runAction('gate', { github, event: event({ headRepository: 'fork/Hello-World' }), workspace: workspace({ accuracy: 0.5, rmse: 3 }), inputs: { metrics: 'metrics.json' } });
    expect(failing.exitCode).toBe(1);
  });

  it('a persistent API fault on the check run is a warning, never the verdict', async () => {
    const { github } = fake;
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/check-runs', times: 10, respond: faults.serverError(503) });
    const result = await runAction('gate', { github, event: event(), workspace: workspace({ accuracy: 0.9, rmse: 3 }), inputs: { metrics: 'metrics.json' }, env: { MODELGATE_API_RETRY_BASE_MS: '10' } });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.some((a) => a.level === 'warning' && /gate check not reported: creating the gate check run: HTTP 503/.test(a.message))).toBe(true);
  }, 60_000);

  it('a metric that is NaN or missing while required fails with a clear message', async () => {
    const { github } = fake;
    const result = await runAction('gate', { github, event: event(), workspace: testdir({ 'metrics.json': '{"accuracy": NaN}', 'modelgate.yml': config }), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(1);
    const messages = JSON.parse(result.outputs.failures!).map((f: { message: string }) => f.message);
    expect(messages).toEqual([
      'accuracy is NaN in the head metrics, not a number a gate can check (rule min)',
      'accuracy is NaN in the head metrics, not a number a gate can check (rule max_regression)',
      'rmse is required but missing from the head metrics (rule required)',
    ]);
  });

  it('without gate rules stops with a one-line error', async () => {
    const { github } = fake;
    const result = await runAction('gate', { github, event: event(), workspace: testdir({ 'metrics.json': '{"a": 1}' }), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual(['no gate rules configured: add gate.rules to modelgate.yml']);
  });
});

describe('actions/gate when the baseline cannot be read', () => {
  const fake = useFakeGitHub();
  it('fails max_regression rules instead of treating an API fault as "no baseline"', async () => {
    const { github } = fake;
    github.state.putFile('metrics.json', baseSha, JSON.stringify({ accuracy: 0.95, rmse: 3 }));
    github.inject({ method: 'GET', path: '/repos/{owner}/{repo}/contents/{path}', times: 20, respond: faults.serverError(503) });
    const result = await runAction('gate', { github, event: event(), workspace: workspace({ accuracy: 0.5, rmse: 3 }), inputs: { metrics: 'metrics.json', 'baseline-artifact': '' }, env: { MODELGATE_API_RETRY_BASE_MS: '1' } });
    expect(result.exitCode).toBe(1);
    const failures = JSON.parse(result.outputs.failures!);
    expect(failures.map((f: { rule: string }) => f.rule)).toEqual(['min', 'max_regression']);
    expect(failures[1].message).toMatch(/^accuracy: the baseline could not be read \(reading metrics\.json at bbbbbbb: HTTP 503/);
  });
});
