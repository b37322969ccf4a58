import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage, oneLine } from '@modelgate/core/validation/observe';

/** Bytes read per step: large enough that per-chunk overhead vanishes, small enough to stay flat. */
export const CHUNK_BYTES = 1 << 20;

/** Whether the path names a gzip file (by extension; the magic bytes are checked when reading). */
export function isGzipPath(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** Size of a readable regular file; a missing, unreadable or empty file is an InputError. */
export async function checkDataFile(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`${path}: expected a data file, found a directory`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(path, error);
  }
  if (size === 0) throw new InputError(`${path}: data file is empty`);
  return size;
}

export function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`${path}: data file not found`);
  if (code === 'EACCES') return new InputError(`${path}: permission denied`);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_PADDING_1') {
    return new InputError(`${path}: corrupt or truncated gzip data (${oneLine(errorMessage(error))})`);
  }
  return new InputError(`${path}: cannot read data file: ${oneLine(errorMessage(error))}`);
}

/**
 * Streams a file's bytes (decompressed when it is gzip), optionally only `[start, end)` of a plain
 * file. Each yielded chunk is a fresh buffer the caller may keep. `carry` bytes are prepended to
 * the next chunk by the caller, so chunks are allocated with room for them (no extra copy).
 */
export async function* readBytes(path: string, range?: { start: number; end: number }): AsyncGenerator<Buffer> {
  if (isGzipPath(path)) {
    const source = createReadStream(path);
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    const stream = source.pipe(gunzip);
    source.on('error', (error) => gunzip.destroy(error));
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw fileError(path, error);
    } finally {
      source.destroy();
    }
    return;
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    let position = range?.start ?? 0;
    const end = range?.end ?? Infinity;
    while (position < end) {
      const want = Math.min(CHUNK_BYTES, end - position);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      yield bytesRead === want ? chunk : chunk.subarray(0, bytesRead);
    }
  } catch (error) {
    throw fileError(path, error);
  } finally {
    await handle.close();
  }
}
