import { InputError } from '../errors.ts';
import { parseWith } from '../parse.ts';
import { DataProfile } from './data-profile.ts';
import { profileSchema } from './schema.ts';
import { PROFILE_SCHEMA } from './version.ts';

/**
 * A profile from parsed JSON, `source` naming the file in errors. Another version is refused in
 * one line before its fields are looked at (they may mean something else there).
 */
export function parseProfile(value: unknown, source: string): DataProfile {
  const version = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { schema?: unknown }).schema : undefined;
  if (typeof version !== 'string' || !version.startsWith('modelgate.profile/')) {
    throw new InputError(`${source}: not a modelgate profile (expected "schema": "${PROFILE_SCHEMA}")`);
  }
  if (version !== PROFILE_SCHEMA) {
    throw new InputError(`${source}: a profile of version ${version}; this modelgate reads ${PROFILE_SCHEMA} (profile the data again with this version)`);
  }
  try {
    return DataProfile.fromJSON(parseWith(profileSchema, value, source));
  } catch (error) {
    // The sketches' own checks (weights, register count), which the schema already makes: a last line of defence.
    if (error instanceof RangeError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}
