// Generated benchmark inputs, written once into .bench-data/ (gitignored): streamed out in ~1 MB
// chunks to a temporary file that is renamed into place at the end, so an interrupted run never
// leaves a half-written input for the next one to reuse.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `path` (unless it exists) with what `fill` passes to `write`; returns `path`. */
export function writeOnce(path: string, fill: (write: (text: string) => void) => void): string {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  let chunk = '';
  fill((text) => {
    chunk += text;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  });
  writeSync(fd, chunk);
  closeSync(fd);
  renameSync(temp, path);
  return path;
}
