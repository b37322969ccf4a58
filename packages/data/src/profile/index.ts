export { type ProfileOptions, profileFile } from './profile-file.ts';
export { type ProfileFilesOptions, profileFiles } from './profile-files.ts';
export { isProfileFile, mergeProfileFiles, profileText, readProfileFile } from './read-profile.ts';
