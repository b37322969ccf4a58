// Rebuild the committed baseline: the first churn model (feature set "basic": tenure, monthly
// charges, contract), trained on the same seeded data as the demo and evaluated by modelgate.
// It stands for what is on the main branch, so the demo's report shows a real diff.
//
//   pnpm exec node examples/churn/make-baseline.ts
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const here = join(root, 'examples/churn');
const work = mkdtempSync(join(tmpdir(), 'churn-baseline-'));
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
const run = (...argv: string[]) => {
  const result = spawnSync(process.execPath, argv, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`failed (${result.status ?? result.signal}): ${argv.join(' ')}`);
};

try {
  run(join(here, 'generate.ts'), '--out', join(work, 'data'));
  run(join(here, 'train.ts'), '--features', 'basic', '--data', join(work, 'data'), '--model-dir', join(work, 'model'), '--predictions', join(work, 'predictions.csv'));
  run(
    join(root, 'packages/cli/bin/modelgate.js'), 'evaluate', '--predictions', join(work, 'predictions.csv'), '--task', 'binary', '--label-column', 'label',
    '--score-column', 'score', '--prediction-column', 'predicted', '--slice-by', 'contract', '--bootstrap', '1000', '--seed', '7', '--output', join(here, 'baseline/metrics.json'),
  );
  copyFileSync(join(work, 'predictions.csv'), join(here, 'baseline/predictions.csv'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
