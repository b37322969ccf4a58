// `pnpm demo`: the whole modelgate loop on the churn example, from a fresh clone, in seconds.
// generate data -> modelgate train (lineage + packaged model) -> modelgate evaluate (bootstrap
// intervals, curves) -> modelgate compare (paired, against the baseline model's predictions) ->
// modelgate validate (the data contract) -> modelgate drift (production against training) ->
// modelgate diff (terminal + markdown report with what changed since the baseline's run.json,
// curves, trend, data quality and drift) -> modelgate gate ->
// modelgate registry (register the model, promote it to staging). Everything goes to out/demo/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
// --out DIR: where everything goes (default out/demo; the tests use a temp directory).
const out = relative(root, resolve(parseArgs({ options: { out: { type: 'string', default: join(root, 'out/demo') } } }).values.out));
const example = 'examples/churn';
const baseline = `${example}/baseline`;
const cli = join(root, 'packages/cli/bin/modelgate.js');
// Children run on this same Node 24 (`node` on PATH may be an older one).
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

interface Step {
  title: string;
  argv: string[];
  /** Exit codes that are not a failure of the demo (the gate may fail by design). */
  ok?: number[];
  /** Print only the lines of stdout that match (the report was already shown by the diff step). */
  show?: RegExp;
  /** Say what the step wrote instead of printing its stdout. */
  wrote?: string;
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** The gate: its exit code is the demo's verdict. */
  verdict?: boolean;
}

const modelgate = (...args: string[]) => [process.execPath, cli, ...args];
const evaluation = ['--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--prediction-column', 'predicted', '--slice-by', 'contract', '--bootstrap', '1000', '--seed', '7'];
// The diff's inputs: metrics, paired comparison and config, plus the side files of the full report.
const review = [
  '--base', `${baseline}/metrics.json`, '--head', `${out}/metrics.json`, '--comparison', `${out}/comparison.json`, '--config', `${example}/modelgate.yml`,
  '--base-run', `${baseline}/run.json`, '--head-run', `${out}/run/run.json`, '--history', `${baseline}/history.jsonl`, '--validation', `${out}/validation.json`,
  '--drift', `${out}/drift.json`,
];
const steps: Step[] = [
  { title: 'Generate the churn data (seeded; with a shifted production sample)', argv: [process.execPath, `${example}/generate.ts`, '--out', `${out}/data`, '--shift'] },
  {
    // Run inside the output folder, so run.json records data/train.csv and params.yaml as a CI
    // checkout would, and the diff with the baseline's run.json matches its inputs by path.
    title: 'Train with lineage: modelgate train -- node examples/churn/train.ts',
    cwd: out,
    argv: modelgate(
      'train', '--name', 'churn', '--params', 'params.yaml', '--data', 'data/train.csv', '--data', 'data/test.csv',
      '--model-dir', 'model', '--run-dir', 'run',
      '--', 'node', relative(resolve(root, out), join(root, example, 'train.ts')), '--params', 'params.yaml', '--data', 'data', '--model-dir', 'model', '--predictions', 'predictions.csv',
    ),
  },
  { title: 'Evaluate the predictions: scikit-learn metrics with 95% bootstrap intervals', argv: modelgate('evaluate', '--predictions', `${out}/predictions.csv`, ...evaluation, '--output', `${out}/metrics.json`) },
  {
    title: 'Compare with the baseline model on the same rows (paired bootstrap)',
    argv: modelgate('compare', '--base-predictions', `${baseline}/predictions.csv`, '--head-predictions', `${out}/predictions.csv`, '--id-column', 'id', ...evaluation, '--output', `${out}/comparison.json`),
  },
  {
    title: 'Validate the data: the contract of examples/churn/schema.yml on the training, test and production files',
    argv: modelgate('validate', `${out}/data/train.csv`, `${out}/data/test.csv`, `${out}/data/production.csv`, '--schema', `${example}/schema.yml`, '--output', `${out}/validation.json`),
    ok: [0, 1],
  },
  {
    title: 'Drift: the production sample against the training data, column by column',
    argv: modelgate('drift', '--reference', `${out}/data/train.csv`, '--current', `${out}/data/production.csv`, '--config', `${example}/modelgate.yml`, '--output', `${out}/drift.json`),
  },
  {
    title: 'Report: diff against the committed baseline',
    argv: modelgate('diff', ...review),
  },
  {
    title: 'Write the markdown report (what the PR comment shows: metrics, what changed, data quality, curves, trend)',
    argv: modelgate('diff', ...review, '--format', 'markdown', '--output', `${out}/report.md`),
    wrote: `${out}/report.md`,
  },
  {
    title: 'Gate: the rules of examples/churn/modelgate.yml',
    argv: modelgate('gate', '--base', `${baseline}/metrics.json`, '--head', `${out}/metrics.json`, '--comparison', `${out}/comparison.json`, '--config', `${example}/modelgate.yml`),
    ok: [0, 1],
    verdict: true,
    show: /^(FAIL|gate )/,
  },
  {
    title: 'Register the trained model in the embedded registry (an immutable version, idempotent per digest)',
    argv: modelgate('registry', 'register', 'churn', '--package', `${out}/model`, '--metrics', `${out}/metrics.json`, '--registry', `${out}/registry`),
  },
  {
    title: 'Promote it to staging (recorded in the stage history)',
    argv: modelgate('registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--reason', 'demo: the gate passed', '--registry', `${out}/registry`),
  },
  { title: 'The registry now: versions and which one each stage holds', argv: modelgate('registry', 'show', 'churn', '--registry', `${out}/registry`) },
];

// Start clean, but only ever delete a folder this demo made (it leaves a marker file in it).
const outDir = resolve(root, out);
const marker = join(outDir, '.modelgate-demo');
if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(marker)) {
  console.error(`demo: ${outDir} exists and was not made by the demo; choose another --out`);
  process.exit(2);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
writeFileSync(marker, 'written by scripts/demo.ts; the next demo run deletes this folder\n');
copyFileSync(join(root, example, 'params.yaml'), join(outDir, 'params.yaml'));
let gateExit = 0;
for (const [index, step] of steps.entries()) {
  console.log(`\n${bold(`[${index + 1}/${steps.length}] ${step.title}`)}`);
  const captured = step.show !== undefined || step.wrote !== undefined;
  const result = spawnSync(step.argv[0]!, step.argv.slice(1), { cwd: step.cwd ? resolve(root, step.cwd) : root, env, stdio: ['ignore', captured ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  const code = result.status ?? 1;
  if (result.error || !(step.ok ?? [0]).includes(code)) {
    const shown = step.argv.map((arg) => (arg === process.execPath ? 'node' : arg === cli ? relative(root, cli) : arg)).join(' ');
    console.error(`\ndemo: step ${index + 1} failed (${result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : `exit code ${code}`}): ${shown}`);
    process.exit(code === 0 ? 1 : code);
  }
  if (step.wrote) console.log(`wrote ${step.wrote}`);
  if (step.show) for (const line of (result.stdout ?? '').split('\n')) if (step.show.test(line)) console.log(line);
  if (step.verdict) gateExit = code;
}

const wrote = ['data/', 'model/ (with manifest.json)', 'run/run.json', 'predictions.csv', 'metrics.json', 'comparison.json', 'validation.json', 'drift.json', 'report.md', 'registry/'].filter((entry) => existsSync(resolve(root, out, entry.split(' ')[0]!)));
console.log(`\n${bold(`Done. Everything is in ${resolve(root, out)}/`)}: ${wrote.join(', ')}`);
console.log(gateExit === 0 ? 'The gate passed.' : 'The gate failed (see above): in CI this check would block the merge.');
