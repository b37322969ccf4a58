import { InputError } from '@modelgate/core';
import { unzipSync } from 'fflate';

export interface UnzipLimits {
  /** Largest archive accepted, in bytes. */
  maxArchiveBytes: number;
  /** Largest single extracted file, in bytes (zip bombs declare small sizes and inflate to huge ones). */
  maxFileBytes: number;
  maxEntries: number;
}

export const defaultUnzipLimits: UnzipLimits = { maxArchiveBytes: 100 * 1024 * 1024, maxFileBytes: 20 * 1024 * 1024, maxEntries: 10_000 };

/** A zip entry name that stays inside the extraction root: relative, no `..`, no drive or backslash tricks. */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\0') || name.includes('\\')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return name.split('/').every((part) => part !== '..');
}

/**
 * Extract, in memory, only the entries `wanted` accepts from an untrusted zip (a downloaded
 * artifact). Unsafe names are skipped, never written anywhere; sizes are capped before and after
 * inflating.
 */
export function extractFromZip(zip: Uint8Array, wanted: (name: string) => boolean, limits: UnzipLimits = defaultUnzipLimits): Map<string, Uint8Array> {
  if (zip.byteLength > limits.maxArchiveBytes) throw new InputError(`artifact archive is ${zip.byteLength} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        entries++;
        if (entries > limits.maxEntries) throw new InputError(`artifact archive has more than ${limits.maxEntries} entries`);
        return isSafeEntryName(file.name) && !file.name.endsWith('/') && file.originalSize <= limits.maxFileBytes && wanted(file.name);
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`artifact archive is not a valid zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes.byteLength > limits.maxFileBytes) throw new InputError(`artifact entry ${name} inflates past the ${limits.maxFileBytes}-byte limit`);
    out.set(name, bytes);
  }
  return out;
}
