// The churn example: its generator is reproducible and its shift is real, its model learns, and
// `pnpm demo` runs the whole loop (train -> evaluate -> compare -> diff -> gate).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestSchema, runRecordSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';

const root = new URL('../..', import.meta.url).pathname;
const example = join(root, 'examples/churn');

function node(...args: string[]): string {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function generate(out: string, ...extra: string[]): void {
  node(join(example, 'generate.ts'), '--out', out, '--train', '4000', '--test', '2000', ...extra);
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i]!, value])));
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** ROC AUC as the Mann-Whitney statistic: the share of (positive, negative) pairs ranked correctly, ties half. */
function rocAuc(labels: number[], scores: number[]): number {
  const order = scores.map((score, i) => ({ score, label: labels[i]! })).sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.score === order[i]!.score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]!.label === 1) rankSum += averageRank;
    i = j;
  }
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe('examples/churn generate.ts', () => {
  it('gives the same bytes for the same seed, and different data for another seed', () => {
    const [a, b, c] = [testdir(), testdir(), testdir()];
    generate(a);
    generate(b);
    generate(c, '--seed', '43');
    expect(readFileSync(join(a, 'train.csv'), 'utf8')).toBe(readFileSync(join(b, 'train.csv'), 'utf8'));
    expect(readFileSync(join(a, 'test.csv'), 'utf8')).toBe(readFileSync(join(b, 'test.csv'), 'utf8'));
    expect(readFileSync(join(a, 'train.csv'), 'utf8')).not.toBe(readFileSync(join(c, 'train.csv'), 'utf8'));
  });

  it('with --shift adds a production sample from the shifted population and leaves the splits alone', () => {
    const [plain, shifted] = [testdir(), testdir()];
    generate(plain);
    generate(shifted, '--shift');
    expect(readFileSync(join(shifted, 'train.csv'), 'utf8')).toBe(readFileSync(join(plain, 'train.csv'), 'utf8'));
    const reference = readCsv(join(shifted, 'train.csv'));
    const production = readCsv(join(shifted, 'production.csv'));
    expect(production).toHaveLength(5000);
    const share = (rows: Record<string, string>[], contract: string) => rows.filter((row) => row.contract === contract).length / rows.length;
    const average = (rows: Record<string, string>[], column: string) => mean(rows.map((row) => Number(row[column])));
    // The shifted population: 65% month-to-month (reference 50%), +8 price rise, 1.6x support calls, more churn.
    expect(share(reference, 'month-to-month')).toBeCloseTo(0.5, 1);
    expect(share(production, 'month-to-month')).toBeCloseTo(0.65, 1);
    expect(average(production, 'monthly_charges') - average(reference, 'monthly_charges')).toBeGreaterThan(8);
    expect(average(production, 'support_calls') / average(reference, 'support_calls')).toBeGreaterThan(1.4);
    expect(average(production, 'churned')).toBeGreaterThan(average(reference, 'churned'));
  });
});

describe('examples/churn train.ts', () => {
  it('learns: the full model ranks churners well and beats the basic one on the same rows', () => {
    const dir = testdir();
    generate(join(dir, 'data'));
    const run = (features: string) => {
      node(join(example, 'train.ts'), '--features', features, '--data', join(dir, 'data'), '--model-dir', join(dir, features), '--predictions', join(dir, `${features}.csv`));
      return readCsv(join(dir, `${features}.csv`));
    };
    const full = run('full');
    const basic = run('basic');
    const test = readCsv(join(dir, 'data/test.csv'));
    expect(full.map((row) => row.id)).toEqual(test.map((row) => row.id));
    expect(full.map((row) => row.label)).toEqual(test.map((row) => row.churned));
    for (const row of full) {
      expect(Number(row.score)).toBeGreaterThan(0);
      expect(Number(row.score)).toBeLessThan(1);
      expect(row.predicted).toBe(Number(row.score) >= 0.5 ? '1' : '0');
    }
    const auc = (rows: Record<string, string>[]) => rocAuc(rows.map((row) => Number(row.label)), rows.map((row) => Number(row.score)));
    expect(auc(full)).toBeGreaterThan(0.8);
    expect(auc(full)).toBeGreaterThan(auc(basic) + 0.01);
    const model = JSON.parse(readFileSync(join(dir, 'full/model.json'), 'utf8'));
    // The ground truth raises churn with support calls and lowers it with tenure; the weights agree.
    expect(model.weights.support_calls).toBeGreaterThan(0);
    expect(model.weights.tenure_months).toBeLessThan(0);
  });
});

describe('pnpm demo', () => {
  it('runs train, evaluate, compare, diff, gate and the registry end to end and names its output folder', () => {
    const out = join(testdir(), 'demo');
    const stdout = node(join(root, 'scripts/demo.ts'), '--out', out);
    expect(stdout).toContain(`Done. Everything is in ${out}/`);
    expect(stdout).toMatch(/\[9\/12\] Gate/);
    const record = runRecordSchema.parse(JSON.parse(readFileSync(join(out, 'run/run.json'), 'utf8')));
    expect(record).toMatchObject({ name: 'churn', status: 'succeeded', lineage: { params: { 'model.features': 'full' } } });
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(out, 'model/manifest.json'), 'utf8')));
    expect(manifest.files.map((file) => file.path)).toEqual(['model.json', 'training.json']);
    expect(record.model?.digest).toBe(manifest.digest);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    // ROC AUC of the baseline and of this model's test predictions, as scikit-learn's roc_auc_score gives them.
    expect(report).toMatch(/roc\S*auc.*0\.8075.*0\.8344/);
    expect(report).toContain('Gate passed');
    // Every section: what changed since the baseline's run.json (a params and a data change), data
    // quality from the validation of the shifted production sample, curves, confusion matrix, trend.
    expect(report).toMatch(/\*\*What changed\*\* \(run\.json\): params: 2 changed · data: 1 input changed/);
    expect(report).toContain('| model.features | `"basic"` | `"full"` | changed |');
    expect(report).toMatch(/\| data\/train\.csv \| .* \| .* \|/);
    expect(report).toMatch(/\*\*Data quality\*\* .*❌ Data validation failed: 2 checks failed, 2 warnings/);
    expect(report).toMatch(/production\.csv \| monthly\\_charges \| mean \| 1 \| 100% \| ❌ error \|/);
    expect(report).toMatch(/\*\*Data drift\*\* .*: ❌ Dataset drift: 6 of 11 tests drifted/);
    // The production sample was drawn with other contract and internet mixes, prices, support calls and
    // tenures: exactly those columns drift (total_charges is tenure x price); id and the label are excluded.
    const drift = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as { columns: { name: string; drifted: boolean }[] };
    expect(drift.columns.filter((c) => c.drifted).map((c) => c.name).sort()).toEqual(['contract', 'internet_service', 'monthly_charges', 'support_calls', 'tenure_months', 'total_charges']);
    expect(report).toContain('| support\\_calls | wasserstein |');
    for (const title of ['ROC curve', 'Precision-recall curve', 'Calibration', 'roc_auc: default branch, then this change']) expect(report).toContain(`title "${title}"`);
    expect(report).toContain('**Confusion matrix**');
    expect(report.match(/```mermaid\n/g)).toHaveLength(7);
    // The trained model is version 1 in the demo's registry, and staging holds it.
    const registry = JSON.parse(readFileSync(join(out, 'registry/registry.json'), 'utf8'));
    expect(registry.models.churn.versions.map((v: { version: number; digest: string }) => [v.version, v.digest])).toEqual([[1, manifest.digest]]);
    expect(registry.models.churn.events).toMatchObject([{ stage: 'staging', version: 1, previous_version: null, action: 'promote', reason: 'demo: the gate passed' }]);
    expect(stdout).toMatch(/staging\s+v1\s+/);
  });
});
