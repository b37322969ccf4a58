// The trend end to end: actions/report on pushes to the default branch builds history.jsonl from the
// baseline artifact of the previous run (the workflow uploads it inside the next one), and on a PR
// draws the gated metrics from that history, with no API call beyond the artifact download.
import { readFileSync } from 'node:fs';
import { pullRequestEvent, pushEvent, runAction, testdir, useFakeGitHub, zipFiles } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { xyCharts } from '../review/parse-xychart.ts';

const fake = useFakeGitHub();
const config = 'gate:\n  rules:\n    auc: { min: 0.5 }\n    accuracy: { min: 0.5 }\n';
const workspace = (auc: number) => testdir({ 'metrics.json': JSON.stringify({ auc, accuracy: 0.7, latency_ms: 12 }), 'modelgate.yml': config });
const sha = (i: number) => `${i.toString(16).padStart(4, '0')}${'f'.repeat(36)}`;
const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const historyLine = (i: number) => `${JSON.stringify({ schema: 'modelgate.history/v1', sha: sha(i), run_id: String(i), at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(), metrics: { auc: 0.8 + (i % 4) / 1000, accuracy: 0.7 } })}\n`;

describe('actions/report history', () => {
  it('grows history.jsonl by one line per default-branch push, from the previous run\'s artifact', async () => {
    const { github } = fake;
    const first = await runAction('report', { github, event: pushEvent({ sha: sha(1) }), workspace: workspace(0.8), inputs: { metrics: 'metrics.json' }, runId: 501 });
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toBe('');
    const firstPath = first.outputs['history-path']!;
    expect(firstPath.endsWith('history.jsonl')).toBe(true);
    expect(lines(firstPath)).toEqual([{ schema: 'modelgate.history/v1', sha: sha(1), run_id: '501', at: expect.any(String), metrics: { auc: 0.8, accuracy: 0.7, latency_ms: 12 } }]);

    // What the starter workflow uploads as the baseline artifact: metrics.json and history.jsonl.
    const run = github.state.addWorkflowRun({ headBranch: 'main', headSha: sha(1) });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics.json': '{"auc": 0.8}', 'history.jsonl': readFileSync(firstPath) }));

    const second = await runAction('report', { github, event: pushEvent({ sha: sha(2) }), workspace: workspace(0.81), inputs: { metrics: 'metrics.json' }, runId: 502 });
    expect(second.exitCode).toBe(0);
    expect(lines(second.outputs['history-path']!).map((l) => [l.sha, l.run_id, l.metrics.auc])).toEqual([[sha(1), '501', 0.8], [sha(2), '502', 0.81]]);
    expect(second.stdout).toMatch(/history: 2 runs written to .*history\.jsonl \(earlier runs from artifact "modelgate-metrics" of run \d+ on main/);
  });

  it('keeps the newest 100 runs, gate rules or not', async () => {
    const { github } = fake;
    const run = github.state.addWorkflowRun({ headBranch: 'main' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'history.jsonl': Array.from({ length: 100 }, (_, i) => historyLine(i + 1)).join('') }));
    const noRules = testdir({ 'metrics.json': JSON.stringify({ auc: 0.9 }) });
    const result = await runAction('report', { github, event: pushEvent({ sha: sha(101) }), workspace: noRules, inputs: { metrics: 'metrics.json' }, runId: 101 });
    const history = lines(result.outputs['history-path']!);
    expect(history).toHaveLength(100);
    expect(history[0].sha).toBe(sha(2));
    expect(history.at(-1).sha).toBe(sha(101));
  });

  it('writes no history on a push to another branch, nor on a PR', async () => {
    const { github } = fake;
    const branch = await runAction('report', { github, event: pushEvent({ ref: 'refs/heads/feature' }), workspace: workspace(0.8), inputs: { metrics: 'metrics.json' } });
    expect(branch.outputs['history-path']).toBe('');
    const pr = await runAction('report', { github, event: pullRequestEvent({ number: 3 }), workspace: workspace(0.8), inputs: { metrics: 'metrics.json' } });
    expect(pr.outputs['history-path']).toBe('');
  });

  it('draws the trend of each gated metric on the PR from the artifact\'s history, downloading it once', async () => {
    const { github } = fake;
    const baseSha = 'b'.repeat(40);
    github.state.putFile('metrics.json', baseSha, JSON.stringify({ auc: 0.803, accuracy: 0.7 })); // metrics committed to git
    const run = github.state.addWorkflowRun({ headBranch: 'main' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics.json': '{}', 'history.jsonl': Array.from({ length: 25 }, (_, i) => historyLine(i + 1)).join('') }));
    const result = await runAction('report', { github, event: pullRequestEvent({ number: 7, baseSha, baseRef: 'main' }), workspace: workspace(0.79), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(0);
    const [comment] = github.state.commentsOn(7);
    const charts = xyCharts(comment!.body);
    expect(charts.map((c) => c.title)).toEqual(['auc: default branch, then this change', 'accuracy: default branch, then this change']);
    const last20 = Array.from({ length: 20 }, (_, i) => i + 6);
    expect(charts[0]!.xAxis.categories).toEqual([...last20.map((i) => sha(i).slice(0, 7)), 'this PR']);
    expect(charts[0]!.lines[0]).toEqual([...last20.map((i) => 0.8 + (i % 4) / 1000), 0.79]);
    expect(comment!.body).toContain('**auc**: this change has 0.79, below every one of them (the last 20 default-branch runs: 0.8 to 0.803).');
    // The baseline metrics came from git; the artifact was still needed for the history, and fetched once.
    expect(result.summary).toContain('baseline: metrics.json at base commit bbbbbbb');
    expect(github.requests.filter((r) => /\/actions\/artifacts\/\d+\/zip$/.test(r.path))).toHaveLength(1);
  });

  it('leaves the trend out with one warning naming a malformed history, and still comments', async () => {
    const { github } = fake;
    const run = github.state.addWorkflowRun({ headBranch: 'main' });
    github.state.addArtifact(run.id, 'modelgate-metrics', zipFiles({ 'metrics.json': '{"auc": 0.8, "accuracy": 0.7}', 'history.jsonl': `${historyLine(1)}{"schema": "modelgate.history/v9"}\n` }));
    const result = await runAction('report', { github, event: pullRequestEvent({ number: 8, baseRef: 'main' }), workspace: workspace(0.79), inputs: { metrics: 'metrics.json' } });
    expect(result.exitCode).toBe(0);
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([expect.stringMatching(/^trend left out: history\.jsonl \(artifact "modelgate-metrics" of run \d+ on main \(\w+\)\): line 2 has schema "modelgate\.history\/v9", expected "modelgate\.history\/v1"$/)]);
    const [comment] = github.state.commentsOn(8);
    expect(xyCharts(comment!.body)).toEqual([]);
    expect(comment!.body).toContain('| auc | 0.8 | 0.79 |');
  });
});
