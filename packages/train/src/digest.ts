import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { InputError, type DataInput } from '@modelgate/core';
import { digestFiles, sha256File, treeDigest } from '@modelgate/data';

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
