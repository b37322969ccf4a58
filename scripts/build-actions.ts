// Rebuild every committed action bundle: actions/NAME/dist/index.js.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { actionNames, bundleAction, repoRoot } from './bundle.ts';

for (const name of actionNames()) {
  const outfile = join(repoRoot, 'actions', name, 'dist', 'index.js');
  await bundleAction(name, outfile);
  console.log(`actions/${name}/dist/index.js  ${(statSync(outfile).size / 1024).toFixed(0)} KiB`);
}
