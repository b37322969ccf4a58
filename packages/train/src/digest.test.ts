import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { digestFiles, sha256File } from '@modelgate/data';
import { digestDataInput } from './digest.ts';

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256File', () => {
  it('matches sha256sum of known bytes, across many stream chunks', async () => {
    // sha256sum of the three bytes "abc" (FIPS 180-2 test vector)
    const dir = testdir({ 'abc.txt': 'abc', 'big.bin': new Uint8Array(3 * 1024 * 1024 + 7).fill(7) });
    expect(await sha256File(join(dir, 'abc.txt'))).toEqual({ sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 3 });
    expect(await sha256File(join(dir, 'big.bin'))).toEqual({ sha256: sha256(new Uint8Array(3 * 1024 * 1024 + 7).fill(7)), size: 3 * 1024 * 1024 + 7 });
  });
});

describe('digestDataInput', () => {
  it('digests a directory as sha256 of its sha256sum listing in byte order of paths', async () => {
    const dir = testdir({ 'data/b.csv': 'id,x\n1,2\n', 'data/A.csv': 'id\n', 'data/sub/z.bin': 'zz', 'data/_notes': '' });
    const listing = [
      `${sha256('id\n')}  A.csv\n`,
      `${sha256('')}  _notes\n`,
      `${sha256('id,x\n1,2\n')}  b.csv\n`,
      `${sha256('zz')}  sub/z.bin\n`,
    ].join('');
    expect(await digestDataInput('data', dir)).toEqual({ path: 'data', kind: 'directory', sha256: sha256(listing), bytes: 3 + 0 + 9 + 2, files: 4 });
  });

  it('digests a file by its bytes', async () => {
    const dir = testdir({ 'train.csv': 'a,b\n1,2\n' });
    expect(await digestDataInput('train.csv', dir)).toEqual({ path: 'train.csv', kind: 'file', sha256: sha256('a,b\n1,2\n'), bytes: 8, files: 1 });
  });

  it('follows symbolic links without looping on a cycle', async () => {
    const dir = testdir({ 'data/x.txt': 'x' });
    symlinkSync(join(dir, 'data'), join(dir, 'data', 'loop'));
    const files = await digestFiles(join(dir, 'data'));
    expect(files.map((file) => file.path)).toEqual(['x.txt']);
  });

  it('takes an absolute path as it is, not under the working directory', async () => {
    const dir = testdir({ 'train.csv': 'a,b\n1,2\n' });
    const elsewhere = testdir();
    expect(await digestDataInput(join(dir, 'train.csv'), elsewhere)).toMatchObject({ kind: 'file', sha256: sha256('a,b\n1,2\n'), bytes: 8 });
  });

  it('names a missing input in one line', async () => {
    const dir = testdir();
    await expect(digestDataInput('nope.csv', dir)).rejects.toThrow(new InputError('--data nope.csv: no such file or directory'));
  });

  it('lists an empty directory as no files', async () => {
    const dir = testdir();
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'other'), 'x');
    expect(await digestDataInput('empty', dir)).toMatchObject({ kind: 'directory', sha256: sha256(''), files: 0, bytes: 0 });
  });
});
