// `pnpm bench [filter...]`: runs every bench/*.bench.ts (or those whose name contains a filter)
// one after another, each in its own Node process so one benchmark's heap cannot skew the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}; available: ${readdirSync(dir).filter((n) => n.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`\n# ${file}\n`);
  const result = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
