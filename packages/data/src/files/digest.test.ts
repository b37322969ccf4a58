import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { listTreeFiles } from './digest.ts';

describe('listTreeFiles', () => {
  it('lists what find -L lists: a directory reached through a link and directly, both ways; a cycle once', async () => {
    const dir = testdir({ 'checkpoint-3/w.bin': 'w', 'a.txt': 'a' });
    symlinkSync('checkpoint-3', join(dir, 'latest'));
    symlinkSync('..', join(dir, 'checkpoint-3/up'));
    const find = execFileSync('sh', ['-c', "find -L . -type f ! -path ./manifest.json -printf '%P\\n' 2>/dev/null | LC_ALL=C sort"], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    expect(await listTreeFiles(dir)).toEqual(find);
    expect(find).toEqual(['a.txt', 'checkpoint-3/w.bin', 'latest/w.bin']);
  });

  it('refuses a file name with a line break, which could make two trees list alike', async () => {
    const dir = testdir();
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'model.bin\nx'), 'w');
    await expect(listTreeFiles(dir)).rejects.toThrow('"m/model.bin\\nx": a file name with a line break cannot be listed in a digest; rename it');
  });
});
