// @actions/workflow-parser imports its schema as JSON without an import attribute, which Node's ESM
// loader refuses; so its entry points are bundled with esbuild and imported from a temp file instead
// of changing how vitest loads every dependency. Each source is bundled once per test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const loaded = new Map<string, Promise<unknown>>();

/** The module `source` (an ES module re-exporting packages of the repository) evaluates to, bundled. */
export function importBundled<T>(source: string): Promise<T> {
  let module = loaded.get(source);
  if (!module) {
    module = (async () => {
      const result = await build({
        stdin: { contents: source, resolveDir: new URL('../../', import.meta.url).pathname, loader: 'js' },
        bundle: true, format: 'esm', platform: 'node', target: 'node24', write: false, logLevel: 'error',
      });
      const dir = mkdtempSync(join(tmpdir(), 'modelgate-bundled-'));
      try {
        const file = join(dir, 'bundle.mjs');
        writeFileSync(file, result.outputFiles[0]!.contents);
        return await import(/* @vite-ignore */ file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    loaded.set(source, module);
  }
  return module as Promise<T>;
}
