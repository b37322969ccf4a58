// Data and model digests of `modelgate train` against coreutils sha256sum on the same files, in
// the same run: one 512 MiB file, and a directory of 4,000 small files (the tree digest). Also the
// peak memory of the hashing process, which must stay flat in the file size (streamed, not loaded).
// Data is generated once into .bench-data/. Run: pnpm bench train-digest
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { digestDataInput } from '@modelgate/train';

const root = join(import.meta.dirname, '..');
const dataDir = join(root, '.bench-data');
const bigFile = join(dataDir, 'digest-512mib.bin');
const smallDir = join(dataDir, 'digest-4000-files');

function ensureData(): void {
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(bigFile)) {
    const fd = openSync(`${bigFile}.tmp`, 'w');
    const block = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < 64; i++) {
      block.fill(i * 37);
      writeSync(fd, block);
    }
    closeSync(fd);
    renameSync(`${bigFile}.tmp`, bigFile);
  }
  if (!existsSync(smallDir)) {
    const temp = `${smallDir}.tmp`;
    for (let i = 0; i < 4000; i++) {
      const dir = join(temp, `shard-${i % 40}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `part-${i}.csv`), `id,value\n${i},${(i * 7919) % 10007}\n`.repeat(200));
    }
    renameSync(temp, smallDir);
  }
}

/** Time one digest in a fresh process (so its peak RSS is its own), returning seconds and MiB. */
function ours(path: string): { seconds: number; rssMib: number; sha256: string } {
  const script = `
    import { digestDataInput } from '@modelgate/train';
    const start = performance.now();
    const input = await digestDataInput(${JSON.stringify(path)}, '/');
    console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, rssMib: process.resourceUsage().maxRSS / 1024, sha256: input.sha256 }));
  `;
  const file = join(import.meta.dirname, '.train-digest-probe.ts');
  writeFileSync(file, script);
  try {
    return JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim());
  } finally {
    spawnSync('rm', ['-f', file]);
  }
}

/** sha256sum on the file, or on every file of the directory then on its listing (the same tree digest). */
function coreutils(path: string, directory: boolean): { seconds: number; sha256: string } {
  const start = performance.now();
  const script = directory
    ? `cd "$1" && find -L . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum`
    : `sha256sum "$1"`;
  const out = execFileSync('bash', ['-c', script, 'bash', path], { encoding: 'utf8' });
  return { seconds: (performance.now() - start) / 1000, sha256: out.split(' ')[0]! };
}

ensureData();
await digestDataInput(smallDir, '/'); // warm the page cache for both sides
execFileSync('cat', [bigFile], { stdio: 'ignore', maxBuffer: 1 });
const rows: string[][] = [['input', 'modelgate', 'sha256sum', 'ratio (sha256sum / modelgate)', 'same digest', 'peak RSS (modelgate)']];
for (const [label, path, directory] of [['1 file, 512 MiB', bigFile, false], ['4,000 files, 14 MiB', smallDir, true]] as const) {
  const a = ours(path);
  const b = coreutils(path, directory);
  rows.push([label, `${a.seconds.toFixed(2)} s`, `${b.seconds.toFixed(2)} s`, `${(b.seconds / a.seconds).toFixed(2)}x`, a.sha256 === b.sha256 ? 'yes' : 'NO', `${a.rssMib.toFixed(0)} MiB`]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
console.log('\nexpect: a ratio of 1 or more (node:crypto uses OpenSSL, SHA-NI where the CPU has it) and a peak RSS far below the file size');
