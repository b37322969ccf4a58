// A version's files as one tar stream (uncompressed: model weights rarely compress, and gzip would
// cap a 2 GB upload at gzip's ~100 MB/s). tar-stream writes and reads the format; this module adds
// what it does not do: the exact archive length before packing (an upload must declare its
// Content-Length), hashing every file on its way through, and refusing anything in an archive that
// is not one of the manifest's regular files.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError, type ManifestFile } from '@modelgate/core';
import tar from 'tar-stream';

const block = 512;
const padded = (bytes: number) => Math.ceil(bytes / block) * block;

/** A file's entry in the archive: its header (ustar, or a pax record for long or non-ASCII names) and data. */
export function tarEntryBytes(path: string, size: number): number {
  return headerBytes(path) + padded(size);
}

/** The archive's exact length: every entry, then the two zero blocks that end a tar. */
export function tarArchiveBytes(files: readonly { path: string; size: number }[]): number {
  return files.reduce((sum, file) => sum + tarEntryBytes(file.path, file.size), 0) + 2 * block;
}

// tar-stream writes a plain ustar header when the name is ASCII and fits ustar's 100-byte name plus
// 155-byte prefix split at a `/`; otherwise a pax header entry (its own header and a `path=` record)
// precedes the ustar header. The test in tar-archive.test.ts holds this to tar-stream's output.
function headerBytes(path: string): number {
  if (fitsUstar(path)) return block;
  return block + padded(paxRecordBytes('path', path)) + block;
}

function fitsUstar(path: string): boolean {
  if (Buffer.byteLength(path) !== path.length) return false;
  let name = path;
  let prefix = '';
  while (name.length > 100) {
    const slash = name.indexOf('/');
    if (slash === -1) return false;
    prefix += prefix ? `/${name.slice(0, slash)}` : name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  return prefix.length <= 155;
}

/** A pax record is `LENGTH key=value\n`, where LENGTH counts the whole record, its own digits included. */
function paxRecordBytes(key: string, value: string): number {
  const rest = Buffer.byteLength(` ${key}=${value}\n`);
  let digits = String(rest).length;
  if (String(rest + digits).length > digits) digits++;
  return rest + digits;
}

export interface ArchiveFile {
  path: string;
  absolute: string;
  size: number;
}

/**
 * The files as a tar stream, in the given order, each hashed as it is read: `hashes` receives
 * `path -> sha256 hex` once a file is complete. Entries are deterministic (mode 0644, uid/gid 0,
 * mtime `mtime`), so the same files always give the same archive bytes.
 */
export function packArchive(files: readonly ArchiveFile[], mtime: Date, hashes: Map<string, string>): AsyncIterable<Uint8Array> {
  const pack = tar.pack();
  (async () => {
    for (const file of files) {
      const hash = createHash('sha256');
      const sink = pack.entry({ name: file.path, size: file.size, mode: 0o644, mtime, type: 'file' });
      const finished = new Promise<void>((resolve, reject) => {
        sink.on('close', resolve);
        sink.on('error', reject);
      });
      for await (const chunk of createReadStream(file.absolute, { highWaterMark: 1024 * 1024 })) {
        hash.update(chunk as Buffer);
        if (!sink.write(chunk)) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
      }
      (sink as unknown as { end(): void }).end();
      await finished;
      hashes.set(file.path, hash.digest('hex'));
    }
    pack.finalize();
  })().catch((error: unknown) => pack.destroy(error as Error));
  return pack as unknown as AsyncIterable<Uint8Array>;
}

/**
 * Unpack a tar stream into `dir`: only the manifest's files, each exactly once, as regular files of
 * the recorded size and sha256; anything else (another path, a link, a device, a duplicate) is an
 * InputError naming the entry, and `source` names the archive in messages.
 */
export async function unpackArchive(archive: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, files: readonly ManifestFile[], dir: string, source: string): Promise<void> {
  const expected = new Map(files.map((file) => [file.path, file]));
  const seen = new Set<string>();
  const extract = tar.extract();
  const feeding = pipeline(Readable.from(archive, { objectMode: false }), extract as unknown as NodeJS.WritableStream);
  const reading = (async () => {
    for await (const entry of extract as unknown as AsyncIterable<AsyncIterable<Buffer> & { header: tar.Header }>) {
      const { name, type, size } = entry.header;
      const file = expected.get(name);
      if (type !== 'file' || !file) throw new InputError(`${source}: holds ${type === 'file' ? 'a file' : `a ${type}`} "${name}" that is not in the version's manifest`);
      if (seen.has(name)) throw new InputError(`${source}: holds "${name}" twice`);
      if (size !== file.size) throw new InputError(`${source}: "${name}" is ${size} bytes, the manifest records ${file.size}`);
      seen.add(name);
      const target = join(dir, name);
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      await pipeline(
        entry,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(target, { flags: 'wx' }),
      );
      const sha256 = hash.digest('hex');
      if (sha256 !== file.sha256) throw new InputError(`${source}: "${name}" has sha256 ${sha256}, the manifest records ${file.sha256}; the archive was modified`);
    }
  })();
  await Promise.all([feeding, reading]);
  const missing = files.find((file) => !seen.has(file.path));
  if (missing) throw new InputError(`${source}: "${missing.path}" is missing from the archive`);
}
