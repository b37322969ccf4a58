export { ColumnProfiler } from './column-profiler.ts';
export { profileBatches } from './profile-batches.ts';
export { type ProfileOptions, profileFile, profileSettings } from './profile-file.ts';
export { type ProfileFilesOptions, profileFiles } from './profile-files.ts';
export { isProfileFile, mergeProfileFiles, profileText, readProfileFile } from './read-profile.ts';
