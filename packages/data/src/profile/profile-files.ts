// Several data files (paths and globs) profiled into one profile, one file after another, each in
// parts on worker threads; the files' profiles merge as the shards of a matrix would.

import { relative } from 'node:path';
import { type DataProfile, InputError } from '@modelgate/core';
import { matchDataFiles } from '../readers/match-files.ts';
import { type ProfileOptions, profileFile } from './profile-file.ts';
import { isProfileFile } from './read-profile.ts';

export interface ProfileFilesOptions extends ProfileOptions {
  /** Relative paths and globs are resolved here, and sources are named relative to it. */
  cwd: string;
}

/** One profile of every file the patterns match (a pattern matching nothing is an input error). */
export async function profileFiles(patterns: readonly string[], options: ProfileFilesOptions): Promise<DataProfile> {
  if (patterns.length === 0) throw new InputError('no data files to profile');
  const files = await matchDataFiles(patterns, options.cwd);
  let whole: DataProfile | undefined;
  for (const file of files) {
    const source = relative(options.cwd, file) || file;
    if (await isProfileFile(file)) throw new InputError(`${source}: is a profile already; combine profiles with modelgate profile merge`);
    const profile = await profileFile(file, options);
    profile.addSource(source);
    // Every file is read with the same settings and config, so the profiles always merge.
    if (whole === undefined) whole = profile;
    else whole.merge(profile);
  }
  return whole!;
}
