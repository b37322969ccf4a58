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
    if (await isProfileFile(file)) throw new InputError(`${relative(options.cwd, file) || file}: is a profile already; combine profiles with modelgate profile merge`);
    const profile = await profileFile(file, options);
    profile.addSource(relative(options.cwd, file) || file);
    if (whole === undefined) whole = profile;
    else {
      const reason = whole.incompatibility(profile);
      if (reason !== null) throw new InputError(`${file}: ${reason}`);
      whole.merge(profile);
    }
  }
  return whole!;
}
