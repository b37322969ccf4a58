// The packed CLI against the workspace CLI: the same commands on copies of the same files must give
// the same exit codes, output and files, and validate, evaluate, drift and profile must really start their
// worker threads from the bundle (counted with NODE_DEBUG=worker).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@modelgate/test-utils/seeded-random';
import { repoRoot } from '../bundle.ts';
import { installOffline } from './install-offline.ts';

export interface SmokeResult {
  name: string;
  exitCode: number;
  /** Differences from the workspace CLI (exit code, stdout, stderr, written files); empty when equal. */
  differences: string[];
  /** Worker threads the packed CLI started. */
  workers: number;
  /** Whether the case needs worker threads (a large file, a bootstrap). */
  needsWorkers: boolean;
}

interface SmokeCase {
  name: string;
  args: string[];
  /** Run in `repo/`, a new git repository (no commits, branch main) in the case's directory. */
  inRepository?: boolean;
  needsWorkers?: boolean;
}

const cases: SmokeCase[] = [
  { name: 'version', args: ['--version'] },
  { name: 'diff (markdown)', args: ['diff', '--base', 'base.json', '--head', 'head.json', '--config', 'modelgate.yml', '--format', 'markdown', '--output', 'report.md'] },
  { name: 'diff (json)', args: ['diff', '--base', 'base.json', '--head', 'head.json', '--config', 'modelgate.yml', '--format', 'json'] },
  { name: 'gate', args: ['gate', '--base', 'base.json', '--head', 'head.json', '--config', 'modelgate.yml'] },
  {
    name: 'evaluate --bootstrap',
    args: ['evaluate', '--predictions', 'predictions.csv', '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--prediction-column', 'predicted', '--slice-by', 'contract', '--bootstrap', '1000', '--seed', '7', '--workers', '2', '--output', 'metrics.json'],
    needsWorkers: true,
  },
  {
    name: 'compare --bootstrap',
    args: ['compare', '--base-predictions', 'predictions.csv', '--head-predictions', 'head-predictions.csv', '--id-column', 'id', '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--bootstrap', '1000', '--seed', '7', '--workers', '2', '--output', 'comparison.json'],
    needsWorkers: true,
  },
  { name: 'validate (large CSV, parallel)', args: ['validate', 'large.csv', '--schema', 'large-schema.yml', '--threads', '2', '--output', 'validation.json'], needsWorkers: true },
  { name: 'validate (large JSONL, parallel)', args: ['validate', 'large.jsonl', '--schema', 'large-schema.yml', '--threads', '2', '--output', 'validation.json'], needsWorkers: true },
  { name: 'drift (large files, second reader thread)', args: ['drift', '--reference', 'large.csv', '--current', 'large.jsonl', '--output', 'drift.json'], needsWorkers: true },
  { name: 'profile (large CSV, split across threads)', args: ['profile', 'large.csv', '--output', 'large.profile.json'], needsWorkers: true },
  { name: 'infer-schema', args: ['infer-schema', 'large.csv', '--output', 'inferred.yml'] },
  // The Parquet reader is a chunk the packed CLI loads only when a Parquet file is opened.
  { name: 'drift (Parquet against CSV, the Parquet reader loaded on demand)', args: ['drift', '--reference', 'sample.parquet', '--current', 'large.csv', '--columns', 'id,score', '--output', 'parquet-drift.json'] },
  { name: 'validate (bad input)', args: ['validate', 'missing.csv', '--schema', 'large-schema.yml'] },
  { name: 'init', args: ['init', '--workflows', 'model-pr-check,train-evaluate,promote-model'], inRepository: true },
];

const gitEnv = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

/** Installs `tarball` offline for `node` and runs every case with both CLIs. */
export function smokePackedCli(tarball: string, node: string): SmokeResult[] {
  const install = installOffline(tarball, node);
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-smoke-'));
  try {
    writeFixtures(join(dir, 'fixture'));
    const results: SmokeResult[] = [];
    for (const [index, smokeCase] of cases.entries()) {
      const roots = { workspace: join(dir, `${index}-workspace`), packed: join(dir, `${index}-packed`) };
      // Inputs are linked, not copied (60 MB); only what a command writes is compared.
      for (const root of Object.values(roots)) {
        mkdirSync(root);
        for (const file of readdirSync(join(dir, 'fixture'))) symlinkSync(join(dir, 'fixture', file), join(root, file));
        if (smokeCase.inRepository) execFileSync('git', ['init', '--quiet', '--initial-branch', 'main', join(root, 'repo')], { env: { ...process.env, ...gitEnv } });
      }
      const workspace = run([process.execPath, join(repoRoot, 'packages/cli/bin/modelgate.js')], smokeCase, roots.workspace, { ...process.env, ...gitEnv });
      const packed = run([install.bin], smokeCase, roots.packed, { ...install.env, ...gitEnv });
      const differences: string[] = [];
      if (workspace.status !== packed.status) differences.push(`exit code ${workspace.status} vs ${packed.status}`);
      // Messages and reports may name the case's own directory, and say how long they took.
      const same = (text: string, root: string) => text.replaceAll(root, '<dir>').replace(/\bin \d+\.\d+ s\b/g, 'in <t> s');
      for (const stream of ['stdout', 'stderr'] as const) {
        if (same(workspace[stream], roots.workspace) !== same(packed[stream], roots.packed)) differences.push(`${stream} (${JSON.stringify(packed[stream].slice(0, 200))})`);
      }
      const [a, b] = [files(roots.workspace), files(roots.packed)];
      for (const path of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (a[path]?.replaceAll(roots.workspace, '<dir>') !== b[path]?.replaceAll(roots.packed, '<dir>')) differences.push(`file ${path}`);
      }
      // Once more with Node's worker debug log, which only counts the threads started.
      const workers = smokeCase.needsWorkers ? (run([install.bin], smokeCase, roots.packed, { ...install.env, ...gitEnv, NODE_DEBUG: 'worker' }).stderr.match(/created Worker with ID/g) ?? []).length : 0;
      results.push({ name: smokeCase.name, exitCode: packed.status ?? -1, differences, workers, needsWorkers: smokeCase.needsWorkers ?? false });
    }
    return results;
  } finally {
    install.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string[], smokeCase: SmokeCase, root: string, env: NodeJS.ProcessEnv) {
  const cwd = smokeCase.inRepository ? join(root, 'repo') : root;
  return spawnSync(command[0]!, [...command.slice(1), ...smokeCase.args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** Every file under root written by a command (not .git, not the linked inputs), path -> content. */
function files(root: string, prefix = ''): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === '.git' || entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) Object.assign(found, files(root, path));
    else found[path] = readFileSync(join(root, path), 'latin1');
  }
  return found;
}

/** The churn example's baseline files, a head model derived from them, and a CSV big enough to split across threads. */
function writeFixtures(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const churn = join(repoRoot, 'examples/churn');
  cpSync(join(churn, 'baseline/metrics.json'), join(dir, 'base.json'));
  cpSync(join(churn, 'baseline/predictions.csv'), join(dir, 'predictions.csv'));
  cpSync(join(churn, 'modelgate.yml'), join(dir, 'modelgate.yml'));
  cpSync(join(repoRoot, 'test/fixtures/data/sample-zstd.parquet'), join(dir, 'sample.parquet'));
  const base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as { metrics: Record<string, number | null> };
  const metrics = Object.fromEntries(Object.entries(base.metrics).map(([name, value], i) => [name, typeof value === 'number' ? value * (1 + ((i % 3) - 1) * 0.01) : value]));
  writeFileSync(join(dir, 'head.json'), `${JSON.stringify({ ...base, metrics }, null, 2)}\n`);
  // The head model: every score nudged the same deterministic way, so compare has real deltas.
  const [header, ...rows] = readFileSync(join(dir, 'predictions.csv'), 'utf8').trimEnd().split('\n');
  const nudged = rows.map((row, i) => {
    const cells = row.split(',');
    cells[2] = String(Math.min(1, Math.max(0, Number(cells[2]) + (((i * 7919) % 101) - 50) / 1000)));
    return cells.join(',');
  });
  writeFileSync(join(dir, 'head-predictions.csv'), `${[header, ...nudged].join('\n')}\n`);
  writeLargeTables(dir, 600_000);
  writeFileSync(
    join(dir, 'large-schema.yml'),
    ['columns:', '  id: {type: integer, unique: true, nullable: false}', '  score: {type: number, min: 0, max: 1}', '  segment: {type: category, allowed: [a, b, c]}', '  note: {type: string, length: {max: 12}}', 'table:', '  rows: {min: 1000}', ''].join('\n'),
  );
}

/**
 * The same rows as ~20 MB of CSV and ~40 MB of JSONL (over the 16 MB at which validate splits a
 * file across threads), with a few failures.
 */
function writeLargeTables(dir: string, rows: number): void {
  const lines = ['id,score,segment,note'];
  const json: string[] = [];
  const next = seededRandom(12345);
  for (let i = 1; i <= rows; i++) {
    const score = i % 9973 === 0 ? 1.5 : next();
    const segment = i % 7919 === 0 ? 'd' : 'abc'[Math.floor(next() * 3)];
    const id = i % 50021 === 0 ? i - 1 : i;
    lines.push(`${id},${score.toFixed(6)},${segment},"note ${i % 1000}, ok"`);
    json.push(JSON.stringify({ id, score: Number(score.toFixed(6)), segment, note: `note ${i % 1000}, ok` }));
  }
  writeFileSync(join(dir, 'large.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'large.jsonl'), `${json.join('\n')}\n`);
}
