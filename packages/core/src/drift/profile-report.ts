// The drift report of two profiles (either may have been profiled from raw data on the spot):
// every column tested as exact mode tests it, from the sketches, each entry with its error bound.

import type { DataProfile } from '../profile/data-profile.ts';
import { type DriftAssembly, assembleDriftReport } from './report.ts';
import type { DriftReport } from './schema.ts';
import { SketchedColumn } from './sketched-column.ts';

export interface ProfileSide {
  /** As the report names it. */
  path: string;
  profile: DataProfile;
  /** The file given was a profile (rather than data profiled for this report). */
  given: boolean;
}

export interface ProfileDriftInput extends Pick<DriftAssembly, 'columns' | 'settings' | 'driftShare'> {
  reference: ProfileSide;
  current: ProfileSide;
  /** Columns the config names categorical: numbers compared as categories. */
  categorical: ReadonlySet<string>;
}

export function buildProfileDriftReport(input: ProfileDriftInput): DriftReport {
  const { reference, current } = input;
  const side = (s: ProfileSide) => ({ path: s.path, rows: s.profile.rows, profile: s.given });
  return assembleDriftReport({
    ...input,
    reference: side(reference),
    current: side(current),
    mode: 'profile',
    prepare: (name) => new SketchedColumn(name, reference.profile.column(name), current.profile.column(name), input.categorical.has(name)),
  });
}
