// What a reader thread needs to profile rows and post the profile: no zod, no rendering. Each
// worker thread loads its own copy of every module it imports, and the package index costs a
// thread ~0.2 s of CPU and tens of MB (see validation/observe.ts, the same idea for validation).
export { InputError, errorMessage } from '../errors.ts';
export { sortFloat64 } from '../drift/sort.ts';
export { POOLED } from './category-table.ts';
export { ColumnProfile, type NumberDistribution, type ProfileSettings } from './column-profile.ts';
export { DEFAULT_PROFILE_SETTINGS, DataProfile, type DataProfileSettings } from './data-profile.ts';
export type { ProfileState } from './schema.ts';
