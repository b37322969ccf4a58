// `pnpm pack:cli` end to end on this Node: the tarball holds only the bundled CLI, installs offline
// with an empty npm cache, and gives the workspace CLI's results, worker threads included. CI runs
// the same checks on Node 22 (`pnpm smoke:cli --node ...`); size and start-up time are measured by
// scripts/measure-packed-cli.ts, not asserted here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '@modelgate/core';
import { packCli } from '../scripts/pack-cli.ts';
import { installOffline } from '../scripts/pack-cli/install-offline.ts';
import { smokePackedCli } from '../scripts/pack-cli/smoke.ts';

const destination = mkdtempSync(join(tmpdir(), 'modelgate-packed-cli-test-'));
let tarball = '';

beforeAll(async () => {
  ({ tarball } = await packCli(destination));
}, 120_000);
afterAll(() => rmSync(destination, { recursive: true, force: true }));

describe('the packed CLI', () => {
  it('holds the bin, the bundle, README, LICENSE and a package.json without dependencies', () => {
    const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(entries.filter((entry) => !entry.startsWith('package/dist/'))).toEqual(['package/LICENSE', 'package/README.md', 'package/bin/modelgate.js', 'package/package.json']);
    expect(entries).toContain('package/dist/modelgate.js');
    expect(entries.filter((entry) => !/\.js$|LICENSE$|\.md$|package\.json$/.test(entry))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'modelgate', version, license: 'Apache-2.0', type: 'module', bin: { modelgate: 'bin/modelgate.js' }, engines: { node: '>=22.11.0' } });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('private');
  });

  it('installs offline into an empty prefix and gives the workspace CLI results, worker threads included', () => {
    const results = smokePackedCli(tarball, process.execPath);
    expect(results.filter((result) => result.differences.length > 0)).toEqual([]);
    for (const result of results.filter((r) => r.needsWorkers)) expect(result.workers, result.name).toBeGreaterThan(0);
  }, 240_000);

  it('tells an older Node which version it needs, in one line', () => {
    const install = installOffline(tarball, process.execPath);
    try {
      const fakeOldNode = 'data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.19.0"}});Object.defineProperty(process,"version",{value:"v20.19.0"});';
      const result = spawnSync(process.execPath, ['--import', fakeOldNode, install.bin, '--help'], { encoding: 'utf8' });
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 2, stdout: '', stderr: 'modelgate: needs Node.js 22.11.0 or newer; this is Node.js v20.19.0\n' });
    } finally {
      install.remove();
    }
  }, 60_000);
});
