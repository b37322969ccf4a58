import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';

/** Bytes per read: large enough that per-call overhead vanishes next to hashing (bench/registry). */
const chunkBytes = 1024 * 1024;

/**
 * Copy `source` to `target` (created, never overwritten), then hash `target`: the sha256 of the
 * bytes that were really written, not of what was read on the way. The copy is the kernel's
 * (copy_file_range, as `cp` copies), so no byte crosses into this process to be written out
 * again: reading and writing every chunk through user space cost 2-4 s of system time per 2 GiB
 * on the benchmark machine, the kernel copy ~0.3 s, and the hash then reads the fresh copy from
 * the page cache. The file's mode follows the source's, as with `cp`.
 */
export async function copyHashed(source: string, target: string): Promise<{ sha256: string; size: number }> {
  await copyFile(source, target, constants.COPYFILE_EXCL);
  return hashFile(target);
}

/**
 * sha256 of a file, read in 1 MiB chunks with the next read under way while this thread hashes
 * the last one. Memory: two chunk buffers.
 */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const input = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
    let size = 0;
    let reading = input.read(buffers[0]!, 0, chunkBytes, 0);
    for (let turn = 0; ; turn++) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) break;
      // The other buffer was hashed last turn: it is free to read into.
      reading = input.read(buffers[(turn + 1) % 2]!, 0, chunkBytes, size + bytesRead);
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await input.close();
  }
}
