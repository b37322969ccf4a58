import { InputError } from '@modelgate/core';
import { writeFileAtomic } from '../files/atomic-write.ts';

/**
 * Write a result file atomically; a path that cannot be written (a directory, a file where a
 * directory should be, no permission, a full or read-only disk) is an input error naming the path
 * as the user gave it (`shown`, e.g. `--output out.json`), not an internal error.
 */
export async function writeOutputFile(path: string, content: string, shown: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new InputError(`${shown}: ${WHY[code] ?? `cannot write the file (${code})`}`);
  }
}

const WHY: Record<string, string> = {
  EISDIR: 'is a directory; give a file path such as metrics.json',
  ENOTDIR: 'a part of this path is a file, not a directory',
  EEXIST: 'a part of this path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};
