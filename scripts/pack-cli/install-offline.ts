// Installs the packed tarball as a user would, `npm install -g`, but offline, with an empty npm
// cache, into an empty prefix: proof that the package needs nothing from a registry.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export interface OfflineInstall {
  /** The installed command (`PREFIX/bin/modelgate`, a symlink npm made). */
  bin: string;
  /** PATH with `node`'s directory first, so the command's `#!/usr/bin/env node` runs on it. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function installOffline(tarball: string, node: string): OfflineInstall {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-install-'));
  const prefix = join(dir, 'prefix');
  const cache = join(dir, 'npm-cache');
  mkdirSync(prefix);
  mkdirSync(cache);
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  // npm itself runs on whatever Node runs it; `node` first on PATH makes engines checks use that one.
  const result = spawnSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--cache', cache, '--prefix', prefix, tarball], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error || result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`npm install --offline of ${tarball} failed: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return { bin: join(prefix, 'bin', 'modelgate'), env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
