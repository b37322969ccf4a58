import { isAbsolute, resolve } from 'node:path';
import { InputError } from '@modelgate/core';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Whether a data argument is a glob (`data/*.csv`) rather than one path. */
export function isGlob(pattern: string): boolean {
  return isDynamicPattern(pattern);
}

/**
 * Paths and globs (`data/**\/*.csv`) to absolute file paths, each pattern's matches sorted, duplicates
 * removed. A pattern that matches nothing is an InputError naming it: a typo must not pass a gate
 * by checking zero files.
 */
export async function matchDataFiles(patterns: readonly string[], cwd: string, what = 'data'): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
    if (matches.length === 0) throw new InputError(`${what}: nothing matches "${pattern}" (relative to ${isAbsolute(pattern) ? '/' : resolve(cwd)})`);
    for (const match of matches.sort()) files.add(match);
  }
  return [...files];
}
