// `modelgate drift` over two files: which columns, which methods and thresholds, reading both
// files once, and the report. Either file may be a profile (recognised by its content): then the
// other side, if it is data, is profiled too and the statistics come from the sketches.

import { type DataProfile, type DriftConfig, type DriftReport, InputError, type MethodChoice, type MethodSetting, buildDriftReport, buildProfileDriftReport, nearest } from '@modelgate/core';
import { profileFile } from '../profile/profile-file.ts';
import { formatOf } from '../readers/open-table.ts';
import { isProfileFile, readProfileFile } from '../profile/read-profile.ts';
import { readBoth } from './read-parallel.ts';
import { type ReadOptions, readColumnNames } from './read-samples.ts';

export interface DriftFilesOptions extends ReadOptions {
  reference: string;
  current: string;
  /** Paths as the report names them (as typed); default: the paths. */
  referenceLabel?: string;
  currentLabel?: string;
  /** Only these columns (--columns); default: every column of either file. */
  columns?: string[];
  /** --method: overrides the config for every column. */
  methods?: MethodChoice[];
  /** --threshold: overrides the config for every column. */
  threshold?: number;
  /** The `drift:` section of modelgate.yml. */
  config: DriftConfig;
  /** The worker entry for reading the current file in parallel (a bundle passes its own file). */
  workerScript?: URL;
}

function asList(method: DriftConfig['method']): MethodChoice[] {
  return Array.isArray(method) ? method : [method];
}

/** Methods and threshold of one column: command line first, then the column's config, then the section's. */
export function columnSettings(options: Pick<DriftFilesOptions, 'methods' | 'threshold' | 'config'>, column: string): MethodSetting[] {
  const own = options.config.columns[column];
  const methods = options.methods ?? (own?.method !== undefined ? asList(own.method) : asList(options.config.method));
  const threshold = options.threshold ?? own?.threshold ?? options.config.threshold;
  return methods.map((method) => (threshold === undefined ? { method } : { method, threshold }));
}

export async function driftFiles(options: DriftFilesOptions): Promise<DriftReport> {
  const read: ReadOptions = {
    ...(options.format ? { format: options.format } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    nullValues: options.config.null_values,
  };
  const [referenceIsProfile, currentIsProfile] = await Promise.all([isProfileFile(options.reference), isProfileFile(options.current)]);
  if (referenceIsProfile || currentIsProfile) return driftWithProfiles(options, read, referenceIsProfile, currentIsProfile);
  const [referenceColumns, currentColumns] = await Promise.all([readColumnNames(options.reference, read), readColumnNames(options.current, read)]);
  const { columns, inReference, inCurrent } = chooseColumns(options, referenceColumns, currentColumns);
  const categorical = new Set(options.config.categorical);
  // Each file is read once, for every column and method; the two at the same time when large.
  const [reference, current] = await readBoth(
    { path: options.reference, columns: columns.filter((name) => inReference.has(name)) },
    { path: options.current, columns: columns.filter((name) => inCurrent.has(name)) },
    categorical,
    read,
    options.workerScript,
  );
  return buildDriftReport({
    reference: { path: options.referenceLabel ?? options.reference, rows: reference.rows, columns: reference.samples },
    current: { path: options.currentLabel ?? options.current, rows: current.rows, columns: current.samples },
    columns,
    settings: (column) => columnSettings(options, column),
    driftShare: options.config.drift_share,
  });
}

/** The columns to test, in report order: --columns, or every column of either file (the reference's first) but those drift.exclude names. */
function chooseColumns(options: DriftFilesOptions, referenceColumns: readonly string[], currentColumns: readonly string[]) {
  const inReference = new Set(referenceColumns);
  const inCurrent = new Set(currentColumns);
  let columns: string[];
  if (options.columns) {
    columns = [...new Set(options.columns)];
    for (const name of columns) {
      if (!inReference.has(name) && !inCurrent.has(name)) {
        const suggestion = nearest(name, new Set([...referenceColumns, ...currentColumns]));
        throw new InputError(`--columns: column ${JSON.stringify(name)} is in neither file${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
      }
    }
  } else {
    const excluded = new Set(options.config.exclude);
    columns = [...referenceColumns, ...currentColumns.filter((name) => !inReference.has(name))].filter((name) => !excluded.has(name));
  }
  return { columns, inReference, inCurrent };
}

/**
 * Drift from profiles: a profile side is read as it is, a data side is profiled now (only the
 * columns tested, with the profile's k and category cap, as the config reads values).
 */
async function driftWithProfiles(options: DriftFilesOptions, read: ReadOptions, referenceIsProfile: boolean, currentIsProfile: boolean): Promise<DriftReport> {
  const label = (path: string, given: string | undefined) => given ?? path;
  const referenceLabel = label(options.reference, options.referenceLabel);
  const currentLabel = label(options.current, options.currentLabel);
  const [referenceProfile, currentProfile] = await Promise.all([
    referenceIsProfile ? readProfileFile(options.reference, referenceLabel) : undefined,
    currentIsProfile ? readProfileFile(options.current, currentLabel) : undefined,
  ]);
  const names = async (profile: DataProfile | undefined, path: string) => (profile ? profile.columns.map((column) => column.name) : readColumnNames(path, read));
  const [referenceColumns, currentColumns] = await Promise.all([names(referenceProfile, options.reference), names(currentProfile, options.current)]);
  const { columns, inReference, inCurrent } = chooseColumns(options, referenceColumns, currentColumns);
  const categorical = new Set(options.config.categorical);
  // A profile beside data read now must have read its values as the config reads them; two
  // profiles, as each other (drift.null_values tokens apply only where CSV is read).
  const readNow = (profile: DataProfile | undefined, path: string) => !profile && (read.format ?? formatOf(path)?.format) === 'csv';
  const dataNullValues = readNow(referenceProfile, options.reference) || readNow(currentProfile, options.current) ? options.config.null_values : undefined;
  for (const [profile, shown] of [[referenceProfile, referenceLabel], [currentProfile, currentLabel]] as const) {
    const mismatch = profile?.configMismatch(columns, categorical, dataNullValues);
    if (mismatch) throw new InputError(`${shown}: ${mismatch}`);
  }
  if (referenceProfile && currentProfile && JSON.stringify(referenceProfile.settings.nullValues) !== JSON.stringify(currentProfile.settings.nullValues)) {
    throw new InputError(
      `${currentLabel}: it was made with drift.null_values ${JSON.stringify(currentProfile.settings.nullValues)}, ${referenceLabel} with ${JSON.stringify(referenceProfile.settings.nullValues)}; profile both with the same config`,
    );
  }
  const settings = (referenceProfile ?? currentProfile)!.settings;
  const profileData = (path: string, present: Set<string>) =>
    profileFile(path, {
      ...read,
      columns: columns.filter((name) => present.has(name)),
      categorical,
      settings: { kllK: settings.kllK, categoryCap: settings.categoryCap },
      ...(options.workerScript ? { workerScript: options.workerScript } : {}),
    });
  const reference = referenceProfile ?? (await profileData(options.reference, inReference));
  const current = currentProfile ?? (await profileData(options.current, inCurrent));
  return buildProfileDriftReport({
    reference: { path: referenceLabel, profile: reference, given: referenceIsProfile },
    current: { path: currentLabel, profile: current, given: currentIsProfile },
    columns,
    categorical,
    settings: (column) => columnSettings(options, column),
    driftShare: options.config.drift_share,
  });
}
