import type { FileHandle } from 'node:fs/promises';

/**
 * Write all of `bytes` at `position`. A write may return a short count without an error (a full
 * disk): the rest is written again, so a short write surfaces as the error of the next attempt
 * instead of a silently truncated file whose hash looked right.
 */
export async function writeFully(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new Error(`no bytes written at offset ${position + done}`);
    done += bytesWritten;
  }
}
