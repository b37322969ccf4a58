// `pnpm measure:cli [--node PATH]... [--runs N]`: the packed CLI's size and `modelgate --help`
// start-up against a bare `node -e ""` on the same Node in the same run (the target is 5x), with
// the compile cache warm and, for reference, disabled. Runs alternate so that load on a shared
// machine hits both alike; medians are reported.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { singlePackedTarball } from './pack-cli.ts';
import { installOffline } from './pack-cli/install-offline.ts';

const TARGET_RATIO = 5;
const { values } = parseArgs({ options: { node: { type: 'string', multiple: true }, runs: { type: 'string', default: '21' } } });
const runs = Number(values.runs);
const tarball = singlePackedTarball('measure:cli');

function wallMs(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`${tarball}: ${(statSync(tarball).size / 1024).toFixed(0)} KiB packed (limit 3 MB)`);
for (const node of values.node ?? [process.execPath]) {
  const install = installOffline(tarball, node);
  try {
    const uncached = { ...install.env, NODE_DISABLE_COMPILE_CACHE: '1' };
    for (let i = 0; i < 3; i++) wallMs(install.bin, ['--help'], install.env); // fills the compile cache
    const samples = { bare: [] as number[], help: [] as number[], uncached: [] as number[] };
    for (let i = 0; i < runs; i++) {
      samples.bare.push(wallMs(node, ['-e', ''], install.env));
      samples.help.push(wallMs(install.bin, ['--help'], install.env));
      samples.uncached.push(wallMs(install.bin, ['--help'], uncached));
    }
    const [bare, help, cold] = [median(samples.bare), median(samples.help), median(samples.uncached)];
    const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`Node ${nodeVersion}, median of ${runs}: node -e "" ${bare.toFixed(0)} ms; modelgate --help ${help.toFixed(0)} ms = ${(help / bare).toFixed(2)}x (target ${TARGET_RATIO}x${help / bare <= TARGET_RATIO ? ', met' : ', MISSED'}); without the compile cache ${cold.toFixed(0)} ms = ${(cold / bare).toFixed(2)}x`);
  } finally {
    install.remove();
  }
}
