// `pnpm smoke:cli [--node PATH]... [--tarball FILE]`: installs out/pack/modelgate-*.tgz offline
// (empty npm cache, empty prefix) for each Node given (default: this one) and checks that it gives
// the workspace CLI's results: diff, gate, evaluate and compare with bootstrap workers, validate of a
// file split across worker threads, drift with its second reader thread, profile across threads,
// infer-schema, init, and a bad input. Exit 1 when anything differs.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { singlePackedTarball } from './pack-cli.ts';
import { smokePackedCli } from './pack-cli/smoke.ts';

const { values } = parseArgs({ options: { node: { type: 'string', multiple: true }, tarball: { type: 'string' } } });
const tarball = values.tarball ?? singlePackedTarball('smoke:cli');

let failed = false;
for (const node of values.node ?? [process.execPath]) {
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\n${tarball} installed offline, on Node ${nodeVersion} (${node})`);
  for (const result of smokePackedCli(tarball, node)) {
    const workersOk = !result.needsWorkers || result.workers > 0;
    const ok = result.differences.length === 0 && workersOk;
    failed ||= !ok;
    const workers = result.needsWorkers ? `, ${result.workers} worker thread${result.workers === 1 ? '' : 's'}${workersOk ? '' : ' (expected some)'}` : '';
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${result.name}: exit ${result.exitCode}${workers}${result.differences.length > 0 ? `; differs from the workspace CLI: ${result.differences.join(', ')}` : ', same as the workspace CLI'}`);
  }
}
process.exit(failed ? 1 : 0);
