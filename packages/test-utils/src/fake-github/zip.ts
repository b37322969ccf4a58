// Zip archives for seeding artifacts (`state.addArtifact(runId, name, zipFiles({...}))`).
import { zipSync } from 'fflate';

/** A zip holding `files` (path inside the archive -> content). */
export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, content] of Object.entries(files)) entries[path] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}
