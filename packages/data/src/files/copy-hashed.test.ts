import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { copyHashed } from './copy-hashed.ts';

describe('copyHashed', () => {
  it('copies, hashes what it wrote, and gives the copy a new file\'s mode whatever the source\'s', async () => {
    const dir = testdir();
    // Larger than one 1 MiB chunk, so the hash spans several reads.
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'modelgate');
    const newFileMode = 0o666 & ~process.umask();
    for (const [name, mode] of [['private', 0o600], ['open', 0o777]] as const) {
      const source = join(dir, `${name}.bin`);
      writeFileSync(source, bytes);
      chmodSync(source, mode);
      const target = join(dir, `${name}-copy.bin`);
      expect(await copyHashed(source, target)).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      expect(readFileSync(target).equals(bytes)).toBe(true);
      expect(statSync(target).mode & 0o777).toBe(newFileMode);
    }
  });

  it('never overwrites, and a missing source is ENOENT', async () => {
    const dir = testdir({ 'a.bin': 'a', 'b.bin': 'b' });
    await expect(copyHashed(join(dir, 'a.bin'), join(dir, 'b.bin'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(join(dir, 'b.bin'), 'utf8')).toBe('b');
    await expect(copyHashed(join(dir, 'missing.bin'), join(dir, 'c.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
