// The embedded store at its edges: champion/challenger decided on the state it is recorded on,
// failed and interrupted pulls and registrations leave nothing, an existing empty directory is kept,
// a stage whose bytes changed is refused, names that differ only in case. Found by review.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, type ModelState } from '@modelgate/core';
import { LocalRegistry, type RegistryBackend, type StageChange, promoteModel } from '@modelgate/data';
import { testdir } from '@modelgate/test-utils';
import { cli, packagedModel } from './model-package.ts';

const evaluateOutput = (auc: number) => JSON.stringify({ task: 'binary', rows: 1000, metrics: { roc_auc: auc } });

describe('embedded registry, edge cases', () => {
  it('champion/challenger holds at the moment of recording: a concurrent promotion cannot install a model worse than the one it replaces', async () => {
    const cwd = testdir({ 'm90.json': evaluateOutput(0.9), 'm95.json': evaluateOutput(0.95), 'm91.json': evaluateOutput(0.91) });
    for (const [weights, metrics] of [['w1', 'm90.json'], ['w2', 'm95.json'], ['w3', 'm91.json']] as const) {
      expect((await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir, '--metrics', metrics], cwd)).code).toBe(0);
    }
    const config = configSchema.parse({ gate: { rules: { roc_auc: { max_regression: 0.01 } } } });
    const root = join(cwd, '.modelgate/registry');
    const actor = { by: 'a', sourceRun: null };
    await promoteModel(new LocalRegistry(root, 'reg'), { name: 'churn', version: 1, to: 'production', config, configSource: null, reason: null, actor });
    // Both promotions pass their check against v1 before either records, as two jobs started together do; v3 records second.
    let arrived = 0;
    let bothChecked!: () => void;
    const checked = new Promise<void>((resolve) => (bothChecked = resolve));
    let v2Recorded!: () => void;
    const afterV2 = new Promise<void>((resolve) => (v2Recorded = resolve));
    class Gated extends LocalRegistry {
      private readonly mine: number;
      constructor(mine: number) {
        super(root, 'reg');
        this.mine = mine;
      }
      async prepareStageChange(): Promise<{ approvedBy: string[] }> {
        if (++arrived === 2) bothChecked();
        await checked;
        return { approvedBy: [] };
      }
      override async changeStage(name: string, plan: (state: ModelState) => Promise<StageChange | null> | StageChange | null) {
        if (this.mine === 3) await afterV2;
        const event = await super.changeStage(name, plan);
        if (this.mine === 2) v2Recorded();
        return event;
      }
    }
    const outcomes = await Promise.all([2, 3].map((version) => promoteModel(new Gated(version) as RegistryBackend, { name: 'churn', version, to: 'production', requireBetter: true, config, configSource: null, reason: null, actor })));
    expect(outcomes.map((outcome) => Boolean(outcome.refused))).toEqual([false, true]);
    expect(outcomes[1]!.refused!.summary).toContain('v3 against the production champion v2');
    const events = (await new LocalRegistry(root, 'reg').readModel('churn'))!.events;
    expect(events.map((event) => event.version)).toEqual([1, 2]);
  });

  it('a failed pull removes what it wrote, the parent directories it created included', async () => {
    const cwd = testdir();
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'weights' })).dir], cwd);
    writeFileSync(join(cwd, '.modelgate/registry/models/churn/v1/files/model.bin'), 'WEIGHTS');
    expect((await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'releases/2026/model'], cwd)).code).toBe(2);
    expect(existsSync(join(cwd, 'releases'))).toBe(false);
  });

  it('a pull into an existing empty directory keeps that directory (a mount point, its mode)', async () => {
    const cwd = testdir();
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'weights' })).dir], cwd);
    mkdirSync(join(cwd, 'target'));
    const inode = statSync(join(cwd, 'target')).ino;
    expect((await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'target'], cwd)).code).toBe(0);
    expect(readdirSync(join(cwd, 'target')).sort()).toEqual(['manifest.json', 'model.bin']);
    expect(statSync(join(cwd, 'target')).ino).toBe(inode);
  });

  it('refuses a stage whose version no longer has the digest its promotion recorded', async () => {
    const cwd = testdir();
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'weights' })).dir], cwd);
    await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production'], cwd);
    const file = join(cwd, '.modelgate/registry/registry.json');
    const registry = JSON.parse(readFileSync(file, 'utf8'));
    registry.models.churn.events[0].digest = `sha256:${'0'.repeat(64)}`;
    writeFileSync(file, JSON.stringify(registry));
    const pulled = await cli(['registry', 'pull', 'churn', '--stage', 'production', '--output', 'deploy'], cwd);
    expect(pulled.code).toBe(2);
    expect(pulled.err).toContain(`churn: stage "production" was given v1 with digest sha256:${'0'.repeat(64)}, but v1 now has`);
    expect((await cli(['registry', 'promote', 'churn', '--from-stage', 'production', '--to', 'staging'], cwd)).err).toContain('refusing bytes that were never approved');
  });

  it('refuses a model name that differs from a registered one only in case (one directory on macOS and Windows)', async () => {
    const cwd = testdir();
    await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': 'a' })).dir], cwd);
    const twin = await cli(['registry', 'register', 'Churn', '--package', (await packagedModel({ 'model.bin': 'b' })).dir], cwd);
    expect(twin).toMatchObject({ code: 2, err: 'modelgate: model name "Churn" differs from the registered "churn" only in case; use "churn"\n' });
  });

  it('a registration or pull killed by SIGTERM (a cancelled job) leaves no partial copy behind', async () => {
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': Buffer.alloc(400 * 1024 * 1024, 1) });
    const bin = join(import.meta.dirname, '../../packages/cli/bin/modelgate.js');
    const has = (path: string, match: (name: string) => boolean = () => true) => existsSync(path) && readdirSync(path).some(match);
    const terminateWhen = (args: string[], started: () => boolean) =>
      new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: 'ignore' });
        const poll = setInterval(() => {
          if (started()) {
            clearInterval(poll);
            child.kill('SIGTERM');
          }
        }, 5);
        child.on('close', () => {
          clearInterval(poll);
          resolve();
        });
      });
    await terminateWhen(['registry', 'register', 'churn', '--package', dir], () => has(join(cwd, '.modelgate/registry/incoming')));
    expect(readdirSync(join(cwd, '.modelgate/registry/incoming'))).toEqual([]);
    expect((await cli(['registry', 'register', 'churn', '--package', dir], cwd)).code).toBe(0);
    await terminateWhen(['registry', 'pull', 'churn', '--version', '1', '--output', 'deploy'], () => has(cwd, (name) => name.startsWith('.deploy.partial')));
    expect(readdirSync(cwd).filter((name) => name.startsWith('.deploy.partial') || name === 'deploy')).toEqual([]);
  }, 60_000);
});
