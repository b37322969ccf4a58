// A committed actions/NAME/dist/index.js must be exactly what `pnpm build` makes from the sources,
// or the runner would execute code nobody reviewed (GitHub's check-dist pattern).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readActionMetadata } from '@modelgate/test-utils';
import { actionNames, bundleAction, repoRoot } from '../scripts/bundle.ts';

const outDir = mkdtempSync(join(tmpdir(), 'modelgate-dist-fresh-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const names = actionNames();

describe('committed action bundles', () => {
  it.each(names)('actions/%s/dist/index.js is what `pnpm build` produces', async (name) => {
    const fresh = join(outDir, `${name}.js`);
    await bundleAction(name, fresh);
    const committedPath = join(repoRoot, 'actions', name, 'dist', 'index.js');
    let committed: Buffer;
    try {
      committed = readFileSync(committedPath);
    } catch {
      throw new Error(`actions/${name}/dist/index.js is missing: run \`pnpm build\` and commit actions/${name}/dist`);
    }
    expect(committed.equals(readFileSync(fresh)), `actions/${name}/dist/index.js is stale: run \`pnpm build\` and commit actions/${name}/dist`).toBe(true);
  });

  it.each(names)('actions/%s/action.yml runs that bundle on node24', (name) => {
    const metadata = readActionMetadata(join(repoRoot, 'actions', name));
    expect({ using: metadata.using, main: metadata.main }).toEqual({ using: 'node24', main: join(repoRoot, 'actions', name, 'dist', 'index.js') });
  });
});
