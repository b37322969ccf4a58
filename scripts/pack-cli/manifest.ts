// The package.json of the npm package: the workspace package's public fields, the release version
// from @modelgate/core, and no dependencies (everything is in dist/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '@modelgate/core';
import { repoRoot } from '../bundle.ts';
import { MIN_NODE } from './bundle-cli.ts';

/** Published as the command's own name: `npx modelgate`, `npm i -g modelgate`. */
export const PACKAGE_NAME = 'modelgate';

/** Fields of packages/cli/package.json that describe the package to npm users. */
const PUBLIC_FIELDS = ['description', 'keywords', 'license', 'homepage', 'bugs', 'repository', 'author'] as const;

export function packageManifest(): Record<string, unknown> {
  const workspace = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as Record<string, unknown>;
  const manifest: Record<string, unknown> = { name: PACKAGE_NAME, version };
  for (const field of PUBLIC_FIELDS) if (workspace[field] !== undefined) manifest[field] = workspace[field];
  return {
    ...manifest,
    type: 'module',
    bin: { modelgate: 'bin/modelgate.js' },
    files: ['bin/', 'dist/'],
    engines: { node: `>=${MIN_NODE}` },
  };
}
