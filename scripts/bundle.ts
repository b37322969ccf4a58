import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

export const repoRoot = new URL('..', import.meta.url).pathname;

/**
 * What every modelgate bundle (the actions, the packed CLI) is: one minified ESM program for Node.
 * @actions/core 3 and @actions/artifact 6 are ESM-only, and some transitive dependencies are
 * CommonJS, so the banner gives them a `require`. Options are fixed so that the same sources always
 * give the same bytes (the staleness test relies on it).
 */
export const bundleOptions = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: "import{createRequire as __mgCreateRequire}from'node:module';const require=__mgCreateRequire(import.meta.url);" },
} as const satisfies BuildOptions;

/** Actions that have a TypeScript entry to bundle (`actions/NAME/src/index.ts`). */
export function actionNames(): string[] {
  const dir = join(repoRoot, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'src', 'index.ts'))).sort();
}

/** Bundle one action into a single file for the runner's Node 24. */
export async function bundleAction(name: string, outfile: string): Promise<void> {
  await build({ ...bundleOptions, entryPoints: [join('actions', name, 'src', 'index.ts')], outfile, target: 'node24' });
}
