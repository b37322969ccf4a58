import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, open } from 'node:fs/promises';
import { sha256File } from './digest.ts';
import { writeFully } from './write-fully.ts';

/** Bytes per read: large enough that per-call overhead vanishes next to hashing (bench/registry). */
const chunkBytes = 1024 * 1024;

/**
 * Copy `source` to `target` (created, never overwritten), then hash `target`: the sha256 of the
 * bytes that were really written, not of what was read on the way. The copy is the kernel's
 * (copy_file_range, as `cp` copies), so no byte crosses into this process to be written out
 * again: reading and writing every chunk through user space cost 2-4 s of system time per 2 GiB
 * on the benchmark machine, the kernel copy ~0.3 s, and the hash then reads the fresh copy from
 * the page cache. libuv gives the copy the source's exact mode; it gets a new file's mode instead,
 * so a private (0600) or world-writable source does not make the registry's copy one.
 */
export async function copyHashed(source: string, target: string): Promise<{ sha256: string; size: number }> {
  try {
    await copyFile(source, target, constants.COPYFILE_EXCL);
  } catch (error) {
    // A file system that refuses the mode libuv sets on the copy (vfat, exFAT, some FUSE mounts)
    // fails the whole copyFile, whose target libuv removes: copy through this process there.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    return copyThroughProcess(source, target);
  }
  // A new file's mode (0666 less the umask); where modes cannot be set, what the file system gives.
  await chmod(target, 0o666 & ~process.umask()).catch(() => {});
  return sha256File(target);
}

/**
 * The copy where the kernel's cannot be used: each chunk read, hashed and written by this process,
 * the next read and the previous write on the thread pool while this thread hashes. Memory: three
 * chunk buffers.
 */
async function copyThroughProcess(source: string, target: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const input = await open(source, 'r');
  try {
    const output = await open(target, 'wx');
    try {
      const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
      let size = 0;
      let writing: Promise<unknown> = Promise.resolve();
      let reading = input.read(buffers[0]!, 0, chunkBytes, 0);
      for (let turn = 0; ; turn++) {
        const { bytesRead, buffer } = await reading;
        if (bytesRead === 0) break;
        // The buffer read next was last written two turns ago; that write finished before the previous one started.
        reading = input.read(buffers[(turn + 1) % 3]!, 0, chunkBytes, size + bytesRead);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await writing;
        writing = writeFully(output, chunk, size, target);
        size += bytesRead;
      }
      await writing;
      return { sha256: hash.digest('hex'), size };
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}
