import { z } from 'zod';
import { lineageSchema } from './run-record.ts';

/** One file of a packaged model; `path` is relative to the model directory, with `/` separators. */
export const manifestFileSchema = z.strictObject({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/** The name of the manifest inside a packaged model directory; it is never listed in itself. */
export const manifestFileName = 'manifest.json';

/**
 * `manifest.json`, written inside the model directory only after the training command succeeded, and
 * last, so its presence marks the directory as complete. `digest` is the model digest (see `fileListText`).
 */
export const manifestSchema = z.strictObject({
  schema: z.literal('modelgate.manifest/v1'),
  name: z.string(),
  created_at: z.iso.datetime(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  files: z.array(manifestFileSchema),
  lineage: lineageSchema,
  run: z.strictObject({
    started_at: z.iso.datetime(),
    duration_ms: z.number().nonnegative(),
    peak_memory_bytes: z.number().int().nonnegative().nullable(),
  }),
  /** Numeric metrics from the file given with `--metrics`, flattened; null without one. */
  metrics: z.record(z.string(), z.number()).nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * The text whose sha256 is the digest of a file tree: `sha256sum` output lines (`HEX  PATH`) in byte
 * order of the paths. Anyone can recompute it without modelgate:
 * `find -L . -type f ! -path ./manifest.json -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum`.
 */
export function fileListText(files: readonly { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => compareCodePoints(a.path, b.path))
    .map((file) => `${file.sha256}  ${file.path}\n`)
    .join('');
}

/** Order strings by Unicode code point, which is the byte order of their UTF-8 (what `LC_ALL=C sort` does). */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}
