import { describe, expect, it } from 'vitest';
import { treeDigest } from '../files/digest.ts';
import { checkManifestPaths } from './model-package.ts';

const manifest = (paths: string[]) => ({ files: paths.map((path) => ({ path, sha256: '1'.repeat(64), size: 1 })) }) as never;

describe('checkManifestPaths', () => {
  it('refuses paths that leave the directory or break the digest listing', () => {
    // One name with a line break lists like two files: the digests collide.
    const forged = [{ path: `model.bin\n${'2'.repeat(64)}  tokenizer.json`, sha256: '1'.repeat(64), size: 1 }];
    const honest = [{ path: 'model.bin', sha256: '1'.repeat(64), size: 1 }, { path: 'tokenizer.json', sha256: '2'.repeat(64), size: 1 }];
    expect(treeDigest(forged)).toBe(treeDigest(honest));
    expect(() => checkManifestPaths({ files: forged } as never, 'm')).toThrow(/m: file path .* would leave the model directory or break the digest's listing/);
    for (const path of ['../x', '/etc/passwd', 'a//b', 'a/./b', 'a\\b', 'a\rb']) expect(() => checkManifestPaths(manifest([path]), 'm'), path).toThrow();
    expect(() => checkManifestPaths(manifest(['model.bin', 'sub/dir/x.json', 'é.txt']), 'm')).not.toThrow();
  });
});
