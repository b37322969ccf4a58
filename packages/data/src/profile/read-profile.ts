// Profile files: recognised by their content (a JSON object whose "schema" names a modelgate
// profile), read whole and checked with profileSchema, merged after a compatibility check.

import { open } from 'node:fs/promises';
import { type DataProfile, InputError, type ProfileState, parseProfile } from '@modelgate/core';
import { parseJsonText, readTextFile } from '../files/read-document.ts';
import { formatOf } from '../readers/open-table.ts';

/** Bytes looked at to recognise a profile. */
const SNIFF_BYTES = 4096;
const PROFILE_START = /^\uFEFF?\s*\{\s*"schema"\s*:\s*"modelgate\.profile\//;

/**
 * Whether a file is a modelgate profile rather than data: it starts as a JSON object whose first
 * key is "schema" with a "modelgate.profile/..." value, as `modelgate profile` writes it. A JSONL
 * data file's first record would have to be exactly that to be mistaken for one. A file that
 * cannot be read is not a profile (the data reader then names the problem).
 */
export async function isProfileFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    const probe = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(probe, 0, SNIFF_BYTES, 0);
    return PROFILE_START.test(probe.toString('utf8', 0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

/** A profile file, `label` naming it in errors (default: the path). */
export async function readProfileFile(path: string, label = path): Promise<DataProfile> {
  return parseProfile(parseJsonText(await readTextFile(path, 'profile', label), label), label);
}

/** Profile files merged into one; an incompatible one is refused in one line naming it. */
export async function mergeProfileFiles(files: readonly { path: string; label: string }[]): Promise<DataProfile> {
  if (files.length === 0) throw new InputError('no profiles to merge');
  let whole: DataProfile | undefined;
  for (const file of files) {
    // Data given by mistake: say so rather than "malformed JSON" (only a data file name is looked into).
    if (formatOf(file.path) !== undefined && !(await isProfileFile(file.path))) {
      throw new InputError(`${file.label}: not a profile but data; profile it first (modelgate profile ${file.label} --output P.json)`);
    }
    const profile = await readProfileFile(file.path, file.label);
    if (whole === undefined) whole = profile;
    else {
      const reason = whole.incompatibility(profile);
      if (reason !== null) throw new InputError(`${file.label}: cannot merge: ${reason}`);
      whole.merge(profile);
    }
  }
  return whole!;
}

/** A profile's state as the file `modelgate profile` writes (schema first, so isProfileFile recognises it). */
export function profileText(state: ProfileState): string {
  return `${JSON.stringify(state)}\n`;
}
