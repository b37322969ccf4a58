import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { InputError, compareCodePoints, fileListText, type DataInput, type ManifestFile } from '@modelgate/core';

/**
 * Files up to this size are read synchronously in one call: for thousands of small shards, the
 * round trips of async I/O through the thread pool cost more than the reads (bench/train-digest).
 */
const wholeReadLimit = 256 * 1024;

/** sha256 of a file, streamed so a multi-gigabyte dataset or checkpoint is never held in memory. */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  if (statSync(path).size <= wholeReadLimit) {
    const bytes = readFileSync(path);
    return { sha256: hash.update(bytes).digest('hex'), size: bytes.length };
  }
  const handle = await open(path, 'r');
  try {
    let size = 0;
    await pipeline(handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 }), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        size += chunk.length;
        hash.update(chunk);
      }
    });
    return { sha256: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** How many files are hashed at once: enough to overlap I/O on many small files, few enough for 2 cores. */
const hashConcurrency = 8;

/**
 * Every regular file under `dir` with its sha256 and size, in byte order of the relative paths
 * (`/`-separated). Symbolic links are followed; a directory reached twice (a link cycle) is skipped.
 */
export async function digestFiles(dir: string, options: { exclude?: (relativePath: string) => boolean } = {}): Promise<ManifestFile[]> {
  const paths: string[] = [];
  const seen = new Set<string>();
  const walk = async (current: string): Promise<void> => {
    const real = await realpath(current);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const kind = entry.isSymbolicLink() ? await stat(full) : entry;
      if (kind.isDirectory()) await walk(full);
      else if (kind.isFile()) {
        const path = relative(dir, full).split(sep).join('/');
        if (!options.exclude?.(path)) paths.push(path);
      }
    }
  };
  await walk(dir);
  paths.sort(compareCodePoints);
  const files: ManifestFile[] = new Array(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      const path = paths[index]!;
      files[index] = { path, ...(await sha256File(join(dir, path))) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(hashConcurrency, paths.length) }, worker));
  return files;
}

/** The digest of a file tree: sha256 of its `sha256sum`-style listing (see `fileListText`). */
export function treeDigest(files: readonly ManifestFile[]): string {
  return sha256Text(fileListText(files));
}

/** Digest one declared data input, a file or a directory; a missing path is an input error naming it. */
export async function digestDataInput(path: string, cwd: string): Promise<DataInput> {
  const full = resolve(cwd, path);
  let info;
  try {
    info = await stat(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `--data ${path}: no such file or directory` : `--data ${path}: cannot read (${code ?? 'unknown error'})`);
  }
  const shown = path.split(sep).join('/');
  if (info.isDirectory()) {
    const files = await digestFiles(full);
    return { path: shown, kind: 'directory', sha256: treeDigest(files), bytes: files.reduce((sum, file) => sum + file.size, 0), files: files.length };
  }
  const { sha256, size } = await sha256File(full);
  return { path: shown, kind: 'file', sha256, bytes: size, files: 1 };
}
