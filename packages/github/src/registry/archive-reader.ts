/**
 * Reads a byte stream in consecutive slices of given lengths (one release asset part each), and can
 * start over at an earlier offset by reopening the stream and skipping to it: a failed part upload is
 * retried with the same bytes although a stream cannot be rewound.
 */
export class ArchiveReader {
  readonly #open: () => AsyncIterable<Uint8Array>;
  #iterator: AsyncIterator<Uint8Array> | undefined;
  #position = 0;
  #leftover: Uint8Array | undefined;

  constructor(open: () => AsyncIterable<Uint8Array>) {
    this.#open = open;
  }

  get position(): number {
    return this.#position;
  }

  /** Move to `offset`: forward by reading and dropping, backward by reopening the stream. */
  async seek(offset: number): Promise<void> {
    if (offset < this.#position || !this.#iterator) {
      await this.#iterator?.return?.();
      this.#iterator = this.#open()[Symbol.asyncIterator]();
      this.#position = 0;
      this.#leftover = undefined;
    }
    for await (const _ of this.take(offset - this.#position));
  }

  /** The next `length` bytes, as chunks; an error when the stream ends before them. */
  async *take(length: number): AsyncIterable<Uint8Array> {
    this.#iterator ??= this.#open()[Symbol.asyncIterator]();
    let remaining = length;
    while (remaining > 0) {
      let chunk = this.#leftover;
      this.#leftover = undefined;
      if (!chunk) {
        const next = await this.#iterator.next();
        if (next.done) throw new Error(`the archive ended ${remaining} bytes early`);
        chunk = next.value;
      }
      if (chunk.byteLength > remaining) {
        this.#leftover = chunk.subarray(remaining);
        chunk = chunk.subarray(0, remaining);
      }
      remaining -= chunk.byteLength;
      this.#position += chunk.byteLength;
      yield chunk;
    }
  }

  async close(): Promise<void> {
    await this.#iterator?.return?.();
  }
}

/** Split `total` bytes into parts of at most `partBytes` (at least one part, even when empty). */
export function partSizes(total: number, partBytes: number): number[] {
  const sizes: number[] = [];
  for (let offset = 0; offset < total; offset += partBytes) sizes.push(Math.min(partBytes, total - offset));
  return sizes.length > 0 ? sizes : [0];
}
