// `pnpm pack:cli`: the CLI as one npm package, out/pack/modelgate-VERSION.tgz. It holds bin/
// (a version check that any Node can parse), dist/ (the bundled, minified CLI: no runtime
// dependencies, plain JavaScript for Node 22.11+ and 24), README.md and LICENSE.
// Install it with `npm install -g ./out/pack/modelgate-*.tgz` (works offline).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { version } from '@modelgate/core';
import { repoRoot } from './bundle.ts';
import { MIN_NODE, bundleCli } from './pack-cli/bundle-cli.ts';
import { PACKAGE_NAME, packageManifest } from './pack-cli/manifest.ts';

/** The packed tarball's size limit (issue 12). */
const MAX_PACKED_BYTES = 3_000_000;

export const packDir = join(repoRoot, 'out', 'pack');

/** The tarballs in `dir`: after `pnpm pack:cli`, exactly one. */
export function packedTarballs(dir = packDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((file) => file.startsWith(`${PACKAGE_NAME}-`) && file.endsWith('.tgz')).map((file) => join(dir, file));
}

/** The one packed tarball a script works on; none or several end the script (exit 2) with one line naming `script`. */
export function singlePackedTarball(script: string): string {
  const tarballs = packedTarballs();
  if (tarballs.length !== 1) {
    console.error(`${script}: expected one ${PACKAGE_NAME}-*.tgz in ${packDir} (run \`pnpm pack:cli\`), found ${tarballs.length}`);
    process.exit(2);
  }
  return tarballs[0]!;
}

/** Builds the package in a temp directory and packs it into `destination`; returns the tarball's path. */
export async function packCli(destination = packDir): Promise<{ tarball: string; bundleBytes: number; packedBytes: number }> {
  const stage = mkdtempSync(join(tmpdir(), 'modelgate-pack-'));
  try {
    const bundleBytes = await bundleCli(join(stage, 'dist'));
    mkdirSync(join(stage, 'bin'));
    writeFileSync(join(stage, 'bin/modelgate.js'), readFileSync(join(repoRoot, 'scripts/pack-cli/bin.js'), 'utf8').replace('{{MIN_NODE}}', MIN_NODE));
    copyFileSync(join(repoRoot, 'scripts/pack-cli/README.md'), join(stage, 'README.md'));
    copyFileSync(join(repoRoot, 'LICENSE'), join(stage, 'LICENSE'));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(packageManifest(), null, 2)}\n`);
    mkdirSync(destination, { recursive: true });
    // One tarball in the folder, so `modelgate-*.tgz` names it.
    for (const old of packedTarballs(destination)) rmSync(old);
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', destination], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (packed.error || packed.status !== 0) throw new Error(`npm pack failed: ${packed.error?.message ?? packed.stderr.trim()}`);
    const tarball = join(destination, `${PACKAGE_NAME}-${version}.tgz`);
    const packedBytes = statSync(tarball).size;
    if (packedBytes > MAX_PACKED_BYTES) throw new Error(`${relative(repoRoot, tarball)} is ${packedBytes} bytes packed, over the ${MAX_PACKED_BYTES}-byte limit`);
    return { tarball, bundleBytes, packedBytes };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    const { tarball, bundleBytes, packedBytes } = await packCli();
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(`${relative(process.cwd(), tarball)}  ${kib(packedBytes)} packed, dist/ ${kib(bundleBytes)} (minified, no dependencies)`);
  } catch (error) {
    console.error(`pack:cli: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
