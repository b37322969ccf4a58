// The embedded registry end to end through the CLI: register (idempotent), promote, history,
// rollback, pull with verification, champion/challenger, bad input, and concurrent promotions.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRegistry, promoteModel } from '@modelgate/data';
import { configSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { cli, packagedModel } from './model-package.ts';

const evaluateOutput = (auc: number) => ({ task: 'binary', rows: 1000, metrics: { roc_auc: auc, accuracy: 0.8 }, intervals: { roc_auc: [auc - 0.02, auc + 0.02] } });

describe('modelgate registry (embedded store)', () => {
  it('registers a package once per digest, promotes it, and lists it', async () => {
    const cwd = testdir({ 'metrics.json': JSON.stringify(evaluateOutput(0.9)) });
    const { dir, manifest } = await packagedModel({ 'model.bin': 'weights-1', 'conf/config.json': '{"a":1}' });
    const first = await cli(['registry', 'register', 'churn', '--package', dir, '--metrics', 'metrics.json', '--json'], cwd);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({ name: 'churn', version: 1, digest: manifest.digest, created: true });
    expect(existsSync(join(cwd, '.modelgate/registry/models/churn/v1/files/conf/config.json'))).toBe(true);

    // A re-run workflow registering the same bytes gets the same version back.
    const again = await cli(['registry', 'register', 'churn', '--package', dir, '--json'], cwd);
    expect(again.json()).toEqual({ name: 'churn', version: 1, digest: manifest.digest, created: false });

    const promoted = await cli(['registry', 'promote', 'churn', '--version', 'v1', '--to', 'staging', '--reason', 'first model', '--json'], cwd);
    expect(promoted.code).toBe(0);
    expect(promoted.json()).toMatchObject({ name: 'churn', stage: 'staging', version: 1, previous_version: null, changed: true });

    const show = await cli(['registry', 'show', 'churn', '--json'], cwd);
    expect(show.json()).toMatchObject({ name: 'churn', stages: { staging: 1, production: null } });
    expect(show.json().versions[0]).toMatchObject({ version: 1, digest: manifest.digest, metrics: { roc_auc: 0.9, accuracy: 0.8 }, intervals: { roc_auc: [0.88, 0.92] }, commit: 'a'.repeat(40), registered_by: 'alice' });
    const list = await cli(['registry', 'list', '--json'], cwd);
    expect(list.json()).toEqual([{ name: 'churn', versions: 1, latest: 1, stages: { staging: 1, production: null } }]);
    expect((await cli(['registry', 'list'], cwd)).out).toMatch(/^model\s+versions\s+latest\s+staging\s+production\nchurn\s+1\s+v1\s+v1\s+-\n$/);
  });

  it('keeps a full history; promoting to the stage a version holds changes nothing; rollbacks undo in order', async () => {
    const cwd = testdir();
    for (const weights of ['w1', 'w2', 'w3']) {
      const { dir } = await packagedModel({ 'model.bin': weights });
      expect((await cli(['registry', 'register', 'churn', '--package', dir], cwd)).code).toBe(0);
    }
    for (const version of ['1', '2', '3']) expect((await cli(['registry', 'promote', 'churn', '--version', version, '--to', 'staging'], cwd)).code).toBe(0);
    const same = await cli(['registry', 'promote', 'churn', '--version', '3', '--to', 'staging', '--json'], cwd);
    expect(same.json()).toMatchObject({ changed: false, version: 3, previous_version: 3 });
    expect((await cli(['registry', 'promote', 'churn', '--from-stage', 'staging', '--to', 'production', '--reason', 'approved'], cwd)).out).toBe('churn: production promoted v3 in .modelgate/registry\n');

    const back = await cli(['registry', 'rollback', 'churn', '--stage', 'staging', '--reason', 'latency', '--json'], cwd);
    expect(back.json()).toMatchObject({ stage: 'staging', version: 2, previous_version: 3, changed: true });
    expect((await cli(['registry', 'rollback', 'churn', '--stage', 'staging', '--json'], cwd)).json()).toMatchObject({ version: 1, previous_version: 2 });
    const none = await cli(['registry', 'rollback', 'churn', '--stage', 'staging'], cwd);
    expect(none.code).toBe(2);
    expect(none.err).toBe('modelgate: churn: stage "staging" has had only v1; there is no earlier version to roll back to\n');

    const history = (await cli(['registry', 'history', 'churn', '--json'], cwd)).json();
    expect(history.map((e: any) => [e.stage, e.previous_version, e.version, e.action])).toEqual([
      ['staging', null, 1, 'promote'],
      ['staging', 1, 2, 'promote'],
      ['staging', 2, 3, 'promote'],
      ['production', null, 3, 'promote'],
      ['staging', 3, 2, 'rollback'],
      ['staging', 2, 1, 'rollback'],
    ]);
    expect(history[3]).toEqual({ stage: 'production', version: 3, previous_version: null, action: 'promote', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), by: 'alice', reason: 'approved', approved_by: [], source_run: null });
    expect(history[4].reason).toBe('latency');
  });

  it('pulls the exact registered bytes, and refuses or cleans up when they are not', async () => {
    const cwd = testdir();
    const { dir, manifest } = await packagedModel({ 'model.bin': 'weights', 'sub/vocab.txt': 'a\nb\n' });
    await cli(['registry', 'register', 'churn', '--package', dir], cwd);
    await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production'], cwd);
    const pulled = await cli(['registry', 'pull', 'churn', '--stage', 'production', '--output', 'deploy/model', '--json'], cwd);
    expect(pulled.json()).toEqual({ name: 'churn', version: 1, digest: manifest.digest, output: 'deploy/model', files: 2 });
    expect(readFileSync(join(cwd, 'deploy/model/sub/vocab.txt'), 'utf8')).toBe('a\nb\n');
    expect(JSON.parse(readFileSync(join(cwd, 'deploy/model/manifest.json'), 'utf8')).digest).toBe(manifest.digest);

    const busy = await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'deploy/model'], cwd);
    expect(busy).toMatchObject({ code: 2, err: 'modelgate: deploy/model: exists and is not empty; pull into a new or empty directory\n' });

    // A stored copy modified behind the registry's back is caught, and nothing is left in DIR.
    writeFileSync(join(cwd, '.modelgate/registry/models/churn/v1/files/sub/vocab.txt'), 'a\nX\n');
    const tampered = await cli(['registry', 'pull', 'churn', '--version', '1', '--output', 'deploy/other'], cwd);
    expect(tampered.code).toBe(2);
    expect(tampered.err).toMatch(/^modelgate: .*models\/churn\/v1\/files\/sub\/vocab\.txt: sha256 [0-9a-f]{64} does not match the manifest's [0-9a-f]{64}; the stored copy was modified after it was registered\n$/);
    expect(existsSync(join(cwd, 'deploy/other'))).toBe(false);
    expect(readdirSync(join(cwd, 'deploy'))).toEqual(['model']);
  });

  it('refuses a package whose files are not the ones its manifest vouches for, storing nothing', async () => {
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'weights' });
    writeFileSync(join(dir, 'model.bin'), 'WEIGHTS'); // same size, other bytes
    const result = await cli(['registry', 'register', 'churn', '--package', dir], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/model\.bin: sha256 [0-9a-f]{64} does not match the manifest's [0-9a-f]{64}; the file was modified after it was packaged\n$/);
    expect((await cli(['registry', 'list', '--json'], cwd)).json()).toEqual([]);
    expect(readdirSync(join(cwd, '.modelgate/registry/incoming'))).toEqual([]);

    writeFileSync(join(dir, 'extra.txt'), 'x');
    expect((await cli(['registry', 'register', 'churn', '--package', dir], cwd)).err).toBe(`modelgate: ${dir}/extra.txt: not in manifest.json; the directory changed after it was packaged\n`);
    const bare = testdir({ 'model.bin': 'x' });
    expect((await cli(['registry', 'register', 'churn', '--package', bare], cwd)).err).toMatch(/has no manifest\.json: package it with `modelgate train --model-dir/);
  });

  it('answers unknown models, versions and stages with one line and exit 2', async () => {
    const cwd = testdir();
    const { dir } = await packagedModel({ 'model.bin': 'w' });
    await cli(['registry', 'register', 'churn', '--package', dir], cwd);
    const cases: [string[], string][] = [
      [['registry', 'show', 'fraud'], 'unknown model "fraud" in .modelgate/registry (registered: churn)'],
      [['registry', 'promote', 'churn', '--version', '7', '--to', 'staging'], 'churn has no version v7; its versions are v1 to v1'],
      [['registry', 'promote', 'churn', '--version', '1', '--to', 'prod'], 'unknown target stage "prod": the registry\'s stages are staging, production (registry.stages in modelgate.yml)'],
      [['registry', 'promote', 'churn', '--version', 'seven', '--to', 'staging'], '--version "seven": expected a version number such as 3 or v3'],
      [['registry', 'promote', 'churn', '--from-stage', 'staging', '--to', 'production'], 'churn: stage "staging" holds no version yet'],
      [['registry', 'pull', 'churn', '--stage', 'production', '--output', 'out'], 'churn: stage "production" holds no version yet'],
      [['registry', 'register', 'bad name', '--package', dir], 'model name "bad name": use letters, digits, ".", "_" and "-" (at most 100 characters, starting with a letter or digit)'],
      [['registry', 'promot', 'churn'], 'unknown command "registry promot" (did you mean "registry promote"?); one of: register, promote, rollback, pull, show, history, list'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, cwd);
      expect({ args, code: result.code, err: result.err }).toEqual({ args, code: 2, err: `modelgate: ${message}\n` });
    }
  });

  it('champion/challenger: --require-better refuses a candidate that fails the gate against the stage holder', async () => {
    const cwd = testdir({ 'modelgate.yml': 'gate:\n  rules:\n    roc_auc: { max_regression: 0.01 }\n', 'good.json': JSON.stringify(evaluateOutput(0.9)), 'worse.json': JSON.stringify(evaluateOutput(0.85)) });
    const one = await packagedModel({ 'model.bin': 'w1' });
    const two = await packagedModel({ 'model.bin': 'w2' });
    await cli(['registry', 'register', 'churn', '--package', one.dir, '--metrics', 'good.json'], cwd);
    await cli(['registry', 'register', 'churn', '--package', two.dir, '--metrics', 'worse.json'], cwd);
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'production', '--require-better'], cwd)).code).toBe(0);
    const refused = await cli(['registry', 'promote', 'churn', '--version', '2', '--to', 'production', '--require-better'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('modelgate: promotion refused: v2 against the production champion v1: 1 gate rule failed: roc_auc regressed by 0.05 (0.9 -> 0.85), more than the allowed 0.01 (rule max_regression)\n');
    expect((await cli(['registry', 'show', 'churn', '--json'], cwd)).json().stages.production).toBe(1);
    // The champion may hold another stage: a nightly build goes to staging only if it beats production.
    const nightly = await cli(['registry', 'promote', 'churn', '--version', '2', '--to', 'staging', '--require-better', '--compare-with', 'production', '--json'], cwd);
    expect(nightly.code).toBe(1);
    expect(nightly.json()).toMatchObject({ stage: 'staging', changed: false, previous_version: null });
    expect(nightly.err).toContain('v2 against the production champion v1');
    expect((await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging', '--require-better', '--compare-with', 'production'], cwd)).code).toBe(0);
    // Without the flag the same promotion goes through.
    expect((await cli(['registry', 'promote', 'churn', '--version', '2', '--to', 'production'], cwd)).code).toBe(0);
  });

  it('orders two promotions fired at once; both are in the history, each after the other', async () => {
    const cwd = testdir();
    for (const weights of ['w1', 'w2', 'w3']) await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir], cwd);
    await cli(['registry', 'promote', 'churn', '--version', '1', '--to', 'staging'], cwd);
    const results = await Promise.all([
      cli(['registry', 'promote', 'churn', '--version', '2', '--to', 'staging', '--json'], cwd),
      cli(['registry', 'promote', 'churn', '--version', '3', '--to', 'staging', '--json'], cwd),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const history = (await cli(['registry', 'history', 'churn', '--json'], cwd)).json();
    expect(history).toHaveLength(3);
    const [, first, second] = history;
    // Whatever order they ran in, the later one names the earlier one as the version it replaced.
    expect(first.previous_version).toBe(1);
    expect(second.previous_version).toBe(first.version);
    expect(new Set([first.version, second.version])).toEqual(new Set([2, 3]));
  });

  it('holds the lock across processes: promotions from separate registry objects are serialised', async () => {
    const cwd = testdir();
    for (const weights of ['a', 'b', 'c', 'd', 'e']) await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir], cwd);
    const config = configSchema.parse({});
    const actor = { by: 'bot', sourceRun: null };
    await Promise.all([1, 2, 3, 4, 5].map((version) =>
      promoteModel(new LocalRegistry(join(cwd, '.modelgate/registry'), 'reg'), { name: 'churn', version, to: 'staging', config, configSource: null, reason: null, actor }),
    ));
    const events = (await new LocalRegistry(join(cwd, '.modelgate/registry'), 'reg').readModel('churn'))!.events;
    expect(events).toHaveLength(5);
    events.forEach((event, index) => expect(event.previous_version).toBe(index === 0 ? null : events[index - 1]!.version));
  });

  it('serialises promotions from separate processes started at once', async () => {
    const cwd = testdir();
    for (const weights of ['p1', 'p2', 'p3', 'p4']) await cli(['registry', 'register', 'churn', '--package', (await packagedModel({ 'model.bin': weights })).dir], cwd);
    const bin = join(import.meta.dirname, '../../packages/cli/bin/modelgate.js');
    const promote = (version: number) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [bin, 'registry', 'promote', 'churn', '--version', String(version), '--to', 'production'], { cwd, stdio: 'ignore' });
        child.on('close', (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([1, 2, 3, 4].map(promote))).toEqual([0, 0, 0, 0]);
    const history = (await cli(['registry', 'history', 'churn', '--json'], cwd)).json();
    expect(history.map((event: { version: number }) => event.version).sort()).toEqual([1, 2, 3, 4]);
    history.forEach((event: { previous_version: number | null }, index: number) => expect(event.previous_version).toBe(index === 0 ? null : history[index - 1].version));
  });
});
