// Rebuild the committed baseline: what "main" has before the change the demo reviews. The first
// churn model (baseline/params.yaml: the basic feature set, 60 steps) trained through `modelgate
// train` on an older snapshot of the data (the first 15,000 of the 20,000 training customers; the
// test split is the same), evaluated by modelgate. Writes baseline/metrics.json, predictions.csv,
// run.json and history.jsonl: five default-branch runs of that model as its training data grew
// from 11,000 to 15,000 rows, standing in for the history actions/report keeps in the baseline
// artifact (their `sha` names the data snapshot, as there are no real commits behind them).
//
//   pnpm exec node examples/churn/make-baseline.ts
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { appendHistory, historyEntry, historyText, type HistoryEntry } from '@modelgate/core';

const root = new URL('../..', import.meta.url).pathname;
const here = join(root, 'examples/churn');
const baseline = join(here, 'baseline');
const cli = join(root, 'packages/cli/bin/modelgate.js');
// Inside the repository (out/ is ignored by git), so the command run.json records has no machine's path in it.
const work = join(root, 'out/churn-baseline');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
/** Runs node with `argv` in the work directory, where the paths run.json records are relative. */
const run = (...argv: string[]) => {
  const result = spawnSync(process.execPath, argv, { cwd: work, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`failed (${result.status ?? result.signal}): ${argv.join(' ')}`);
};
const evaluation = ['--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--prediction-column', 'predicted', '--slice-by', 'contract'];
const trainCommand = ['node', relative(work, join(here, 'train.ts')), '--params', 'params.yaml', '--data', 'data', '--model-dir', 'model', '--predictions', 'predictions.csv'];

try {
  copyFileSync(join(baseline, 'params.yaml'), join(work, 'params.yaml'));
  // Earlier default-branch runs: the same model on growing snapshots of the training data.
  let history: HistoryEntry[] = [];
  for (const [index, rows] of [11_000, 12_000, 13_000, 14_000].entries()) {
    run(join(here, 'generate.ts'), '--out', 'data', '--train-rows', String(rows));
    run(...trainCommand.slice(1));
    run(cli, 'evaluate', '--predictions', 'predictions.csv', ...evaluation, '--output', 'metrics.json');
    const { metrics } = JSON.parse(readFileSync(join(work, 'metrics.json'), 'utf8')) as { metrics: Record<string, number | null> };
    const values = Object.entries(metrics).filter((entry): entry is [string, number] => entry[1] !== null);
    history = appendHistory(history, historyEntry(values, { sha: `train-${rows / 1000}k`, runId: String(index + 1), at: new Date(Date.UTC(2026, 10, 2 + 7 * index)).toISOString() }));
  }
  // The baseline itself: 15,000 training rows, trained with lineage, evaluated with intervals.
  run(join(here, 'generate.ts'), '--out', 'data', '--train-rows', '15000');
  run(cli, 'train', '--name', 'churn', '--params', 'params.yaml', '--data', 'data/train.csv', '--data', 'data/test.csv', '--model-dir', 'model', '--run-dir', 'run', '--', ...trainCommand);
  run(cli, 'evaluate', '--predictions', 'predictions.csv', ...evaluation, '--bootstrap', '1000', '--seed', '7', '--output', join(baseline, 'metrics.json'));
  const { metrics } = JSON.parse(readFileSync(join(baseline, 'metrics.json'), 'utf8')) as { metrics: Record<string, number | null> };
  const values = Object.entries(metrics).filter((entry): entry is [string, number] => entry[1] !== null);
  history = appendHistory(history, historyEntry(values, { sha: 'train-15k', runId: '5', at: new Date(Date.UTC(2026, 10, 30)).toISOString() }));
  mkdirSync(baseline, { recursive: true });
  writeFileSync(join(baseline, 'history.jsonl'), historyText(history));
  copyFileSync(join(work, 'predictions.csv'), join(baseline, 'predictions.csv'));
  copyFileSync(join(work, 'run/run.json'), join(baseline, 'run.json'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
