// Release asset bytes live in files, never in memory: a model package may be several GB. One
// temporary directory per fake, created on the first upload and removed by `close()`.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredFile {
  path: string;
  size: number;
  /** `sha256:<hex>`, what GitHub reports as an asset's `digest`. */
  digest: string;
}

export class AssetFiles {
  #directory: string | undefined;

  /** Streams `source` into a new file, hashing as it goes; memory stays at a few chunks. */
  async store(name: string, source: Readable): Promise<StoredFile> {
    this.#directory ??= mkdtempSync(join(tmpdir(), 'modelgate-fake-github-'));
    const path = join(this.#directory, name);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.byteLength;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, createWriteStream(path));
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    return { path, size, digest: `sha256:${hash.digest('hex')}` };
  }

  read(path: string): Readable {
    return createReadStream(path, { highWaterMark: 1024 * 1024 });
  }

  remove(path: string | undefined): void {
    if (path) rmSync(path, { force: true });
  }

  removeAll(): void {
    if (this.#directory) rmSync(this.#directory, { recursive: true, force: true });
    this.#directory = undefined;
  }
}
