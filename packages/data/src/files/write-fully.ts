import type { FileHandle } from 'node:fs/promises';
import { InputError } from '@modelgate/core';

/**
 * Write all of `bytes` at `position`. A write may return a short count without an error (a full
 * disk): the rest is written again, so a short write surfaces as the error of the next attempt
 * instead of a silently truncated file whose hash looked right. `path` names the file in that error.
 */
export async function writeFully(file: FileHandle, bytes: Uint8Array, position: number, path: string): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new InputError(`${path}: no bytes could be written at offset ${position + done}; is the disk full?`);
    done += bytesWritten;
  }
}
