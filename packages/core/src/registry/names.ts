import { InputError } from '../errors.ts';

/** Model names: the same rule as `modelgate train --name` (they become tags, paths and task names). */
const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkModelName(name: string): string {
  if (!modelNamePattern.test(name)) {
    throw new InputError(`model name "${name}": use letters, digits, ".", "_" and "-" (at most 100 characters, starting with a letter or digit)`);
  }
  return name;
}

/**
 * Refuses `name` when a registered model's name differs from it only in case: on a case-insensitive
 * file system (macOS, Windows) both would share one directory, and on GitHub one tag prefix.
 */
export function refuseCaseTwin(registered: Iterable<string>, name: string): void {
  for (const other of registered) {
    if (other !== name && other.toLowerCase() === name.toLowerCase()) throw new InputError(`model name "${name}" differs from the registered "${other}" only in case; use "${other}"`);
  }
}

/** `3` or `v3` -> 3; anything else is an InputError naming what was given. */
export function parseVersionNumber(text: string, label = '--version'): number {
  const match = /^v?([1-9][0-9]{0,8})$/.exec(text.trim());
  if (!match) throw new InputError(`${label} "${text}": expected a version number such as 3 or v3`);
  return Number(match[1]);
}

/** The git tag of a version's GitHub release: `model/churn/v3`. */
export function versionTag(name: string, version: number): string {
  return `model/${name}/v${version}`;
}

/** The model and version a tag names, or null for any other tag. */
export function parseVersionTag(tag: string): { name: string; version: number } | null {
  const match = /^model\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})\/v([1-9][0-9]{0,8})$/.exec(tag);
  return match ? { name: match[1]!, version: Number(match[2]) } : null;
}

/** `sha256:` + 12 hex digits: enough to tell versions apart in a sentence. */
export function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
}
