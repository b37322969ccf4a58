import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { packArchive, tarArchiveBytes, tarEntryBytes, unpackArchive } from './tar-archive.ts';

const sha = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// Names that take each header form: plain ustar, a prefix split at `/`, and pax records for a long
// name without a usable `/`, for non-ASCII, and for record lengths that gain a digit.
const names = [
  'model.bin',
  `${'d'.repeat(120)}/weights.bin`,
  `${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(90)}.bin`,
  'x'.repeat(101),
  'données/modèle.bin',
  `${'p'.repeat(80)}${'q'.repeat(10)}/${'r'.repeat(101)}`,
  'y'.repeat(88),
  'z'.repeat(250),
];

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('tar archive', () => {
  it('knows its exact length before writing, for every header form', async () => {
    const files = names.map((path, index) => ({ path, content: 'x'.repeat(index * 300 + (index % 2 ? 511 : 1)) }));
    const dir = testdir(Object.fromEntries(files.map((file, index) => [`f${index}`, file.content])));
    const entries = files.map((file, index) => ({ path: file.path, absolute: join(dir, `f${index}`), size: file.content.length }));
    const hashes = new Map<string, string>();
    const archive = await collect(packArchive(entries, new Date(0), hashes));
    expect(archive.length).toBe(tarArchiveBytes(entries));
    for (const file of files) expect(hashes.get(file.path)).toBe(sha(file.content));
    // Same files, same bytes: the archive is deterministic.
    expect(sha(await collect(packArchive(entries, new Date(0), new Map())))).toBe(sha(archive));
  });

  it('unpacks exactly the manifest files and checks every sha256', async () => {
    const dir = testdir({ 'a.bin': 'alpha', 'sub/b.bin': 'beta' });
    const manifest = [
      { path: 'a.bin', sha256: sha('alpha'), size: 5 },
      { path: 'sub/b.bin', sha256: sha('beta'), size: 4 },
    ];
    const archive = await collect(packArchive(manifest.map((file) => ({ ...file, absolute: join(dir, file.path) })), new Date(0), new Map()));
    const out = testdir();
    await unpackArchive([archive], manifest, out, 'model.tar');
    expect(readFileSync(join(out, 'sub/b.bin'), 'utf8')).toBe('beta');

    const wrong = [manifest[0]!, { ...manifest[1]!, sha256: sha('gamma') }];
    await expect(unpackArchive([archive], wrong, testdir(), 'model.tar')).rejects.toThrow('model.tar: "sub/b.bin" has sha256');
    await expect(unpackArchive([archive], [manifest[0]!], testdir(), 'model.tar')).rejects.toThrow('model.tar: holds a file "sub/b.bin" that is not in the version\'s manifest');
    const more = [...manifest, { path: 'c.bin', sha256: sha(''), size: 0 }];
    await expect(unpackArchive([archive], more, testdir(), 'model.tar')).rejects.toThrow('model.tar: "c.bin" is missing from the archive');
  });

  it('refuses a path that would leave the target directory', async () => {
    const dir = testdir({ 'x.bin': 'evil' });
    const archive = await collect(packArchive([{ path: '../x.bin', absolute: join(dir, 'x.bin'), size: 4 }], new Date(0), new Map()));
    await expect(unpackArchive([archive], [{ path: 'x.bin', sha256: sha('evil'), size: 4 }], testdir(), 'model.tar')).rejects.toThrow('not in the version\'s manifest');
  });

  it('is read by GNU tar, names, sizes and bytes alike', async () => {
    const files = names.map((path, index) => ({ path, content: `file ${index}\n`.repeat(index * 97 + 1) }));
    const dir = testdir(Object.fromEntries(files.map((file, index) => [`f${index}`, file.content])));
    const archive = join(testdir(), 'model.tar');
    writeFileSync(archive, await collect(packArchive(files.map((file, index) => ({ path: file.path, absolute: join(dir, `f${index}`), size: file.content.length })), new Date(0), new Map())));
    const listed = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(files.map((file) => file.path));
    const out = testdir();
    execFileSync('tar', ['-xf', archive, '-C', out]);
    for (const file of files) expect(readFileSync(join(out, file.path), 'utf8')).toBe(file.content);
  });

  it('reads a pax archive GNU tar writes', async () => {
    const long = `${'deep/'.repeat(40)}weights.bin`;
    const src = testdir({ [long]: 'w'.repeat(1500), 'é.txt': 'accent' });
    const archive = join(testdir(), 'gnu.tar');
    execFileSync('tar', ['--format=pax', '-cf', archive, '-C', src, long, 'é.txt']);
    const manifest = [
      { path: long, sha256: sha('w'.repeat(1500)), size: 1500 },
      { path: 'é.txt', sha256: sha('accent'), size: 6 },
    ];
    const out = testdir();
    await unpackArchive([readFileSync(archive)], manifest, out, 'gnu.tar');
    expect(readFileSync(join(out, long), 'utf8')).toBe('w'.repeat(1500));
    expect(readFileSync(join(out, 'é.txt'), 'utf8')).toBe('accent');
  });

  it('carries sizes from 8 GiB in a pax record, and rejects corrupt headers', async () => {
    expect(tarEntryBytes('model.bin', 8 ** 11 - 1)).toBe(512 + 8 ** 11);
    expect(tarEntryBytes('model.bin', 8 ** 11)).toBe(512 + 512 + 512 + 8 ** 11);
    const dir = testdir({ 'a.bin': 'alpha' });
    const archive = await collect(packArchive([{ path: 'a.bin', absolute: join(dir, 'a.bin'), size: 5 }], new Date(0), new Map()));
    const manifest = [{ path: 'a.bin', sha256: sha('alpha'), size: 5 }];
    await expect(unpackArchive([archive.subarray(0, 515)], manifest, testdir(), 'm.tar')).rejects.toThrow('m.tar: the archive ends inside "a.bin"');
    await expect(unpackArchive([archive.subarray(0, 1024)], manifest, testdir(), 'm.tar')).rejects.toThrow('m.tar: the archive ends without its end-of-archive blocks');
    archive[10] = 0x41;
    await expect(unpackArchive([archive], manifest, testdir(), 'm.tar')).rejects.toThrow("m.tar: a tar header's checksum does not match; the archive is corrupt");
  });
});
