// Wall time of one `actions/report` run, process start to exit, the way the runner starts it,
// against a local fake GitHub API (busy PR: 120 comments to page through, baseline via the
// contents API, one comment created then updated). Reference engine measured in the same run: a
// bare `node -e ""` start of the same Node binary, the floor any JavaScript action pays.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullRequestEvent, runAction, startFakeGitHub } from '@modelgate/test-utils';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const root = new URL('..', import.meta.url).pathname;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const github = await startFakeGitHub();
const baseSha = 'b'.repeat(40);
github.state.addComments(120, { prNumber: 7 });
github.state.putFile('metrics.json', baseSha, JSON.stringify({ accuracy: 0.9, f1: 0.8, loss: 0.3 }));
const workspace = mkdtempSync(join(tmpdir(), 'modelgate-bench-'));
writeFileSync(join(workspace, 'metrics.json'), JSON.stringify({ accuracy: 0.91, f1: 0.79, loss: 0.29 }));
writeFileSync(join(workspace, 'modelgate.yml'), 'gate:\n  rules:\n    accuracy: { min: 0.85 }\n');

const report: number[] = [];
const bare: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const result = await runAction('report', { github, workspace, event: pullRequestEvent({ number: 7, baseSha, action: i === 0 ? 'opened' : 'synchronize' }), inputs: { metrics: 'metrics.json' } });
    if (result.exitCode !== 0) throw new Error(`report failed: ${result.stdout}${result.stderr}`);
    report.push(result.durationMs);
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '']);
    bare.push(performance.now() - start);
  }
} finally {
  await github.close();
  rmSync(workspace, { recursive: true, force: true });
}
if (github.state.commentsOn(7).length !== 121) throw new Error('expected exactly one report comment');

const rows = [
  ['actions/report (fake API, 5 requests)', median(report)],
  ['node -e "" (reference)', median(bare)],
] as const;
console.log(`median of ${runs} runs, Node ${process.version}`);
console.log('| what | wall time (ms) | ratio to bare node |');
console.log('| --- | ---: | ---: |');
for (const [what, ms] of rows) console.log(`| ${what} | ${ms.toFixed(0)} | ${(ms / median(bare)).toFixed(2)} |`);
console.log('\n| bundle | size (KiB) |');
console.log('| --- | ---: |');
for (const name of ['report', 'gate', 'train', 'evaluate', 'validate-data']) {
  try {
    console.log(`| actions/${name}/dist/index.js | ${(statSync(join(root, 'actions', name, 'dist', 'index.js')).size / 1024).toFixed(0)} |`);
  } catch {
    // action not built yet
  }
}
