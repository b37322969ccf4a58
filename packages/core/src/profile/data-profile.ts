// A profile of one or more data files: a ColumnProfile per column plus what merging needs to
// check. Merging adds counts, moments, category tables and HyperLogLogs, and merges the KLL
// sketches: in any order and grouping the counts, tables and registers come out the same, the
// moments the same up to float rounding, and the sketches within their stated error. So profiles of
// the shards of a GitHub Actions matrix merge into the profile of the whole data set.

import { ColumnProfile, type ProfileSettings } from './column-profile.ts';
import type { ProfileState } from './schema.ts';
import { PROFILE_SCHEMA } from './version.ts';

/** k = 1024: a numeric column's profile is ~28 KB (KLL ~22 KB at 2M values, HyperLogLog ~5.5 KB). */
export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = { kllK: 1024, categoryCap: 1000 };

/** Source files named in a profile; the total says how many there were. */
const SOURCES_LISTED = 100;

export interface DataProfileSettings extends ProfileSettings {
  /** CSV tokens read as null (drift.null_values): counts mean the same only with the same tokens. */
  nullValues: readonly string[];
}

export class DataProfile {
  readonly settings: DataProfileSettings;
  rows = 0;
  /** The first SOURCES_LISTED file names in sorted order (the smallest, so merging keeps the same ones in any order). */
  files: string[] = [];
  filesTotal = 0;
  columns: ColumnProfile[] = [];

  constructor(settings: DataProfileSettings) {
    this.settings = { ...settings, nullValues: [...settings.nullValues] };
  }

  /** An empty profile of these columns (`categorical`: names the config reads as categories). */
  static of(names: readonly string[], categorical: ReadonlySet<string>, settings: DataProfileSettings): DataProfile {
    const profile = new DataProfile(settings);
    profile.columns = names.map((name) => new ColumnProfile(name, settings, categorical.has(name)));
    return profile;
  }

  column(name: string): ColumnProfile | undefined {
    return this.columns.find((column) => column.name === name);
  }

  /** Records a profiled file (several for a merged profile). */
  addSource(file: string): void {
    this.files = smallest([...this.files, file]);
    this.filesTotal++;
  }

  /** Why `other` cannot be merged into this profile (one sentence about `other`), or null. */
  incompatibility(other: DataProfile): string | null {
    const mine = this.settings;
    const theirs = other.settings;
    if (theirs.kllK !== mine.kllK) return `its KLL sketches have k = ${theirs.kllK}, the other profile's k = ${mine.kllK}; profiles merge only with the same k`;
    if (theirs.categoryCap !== mine.categoryCap) return `it keeps ${theirs.categoryCap} categories per column, the other profile ${mine.categoryCap}; profiles merge only with the same cap`;
    if (JSON.stringify(theirs.nullValues) !== JSON.stringify(mine.nullValues)) {
      return `it was read with null_values ${JSON.stringify(theirs.nullValues)}, the other profile with ${JSON.stringify(mine.nullValues)}; profile both with the same drift.null_values`;
    }
    for (const column of other.columns) {
      const own = this.column(column.name);
      if (own && own.categoricalByConfig !== column.categoricalByConfig) {
        const which = column.categoricalByConfig ? 'is' : 'is not';
        return `column ${JSON.stringify(column.name)} ${which} named in drift.categorical there but ${which === 'is' ? 'not' : 'is'} in the other profile; profile both with the same config`;
      }
    }
    return null;
  }

  /**
   * Why this profile cannot stand for its data under a config when `columns` are tested, or null:
   * values were read another way than the config reads them. `nullValues` (drift.null_values, CSV
   * tokens read as null) is checked only when given: it matters only beside data read now.
   */
  configMismatch(columns: readonly string[], categorical: ReadonlySet<string>, nullValues?: readonly string[]): string | null {
    const remedy = 'run drift with the config the profile was made with, or profile the data again with this one';
    if (nullValues && JSON.stringify(this.settings.nullValues) !== JSON.stringify(nullValues)) {
      return `it was made with drift.null_values ${JSON.stringify(this.settings.nullValues)}, this config has ${JSON.stringify(nullValues)}; ${remedy}`;
    }
    for (const name of columns) {
      const column = this.column(name);
      if (!column || column.categoricalByConfig === categorical.has(name)) continue;
      const [then, now] = column.categoricalByConfig ? ['named', 'does not name'] : ['did not name', 'names'];
      return `column ${JSON.stringify(name)}: drift.categorical ${then} it when the profile was made, this config ${now} it; ${remedy}`;
    }
    return null;
  }

  /** Adds `other` into this profile (which must be compatible: see incompatibility). */
  merge(other: DataProfile): void {
    const reason = this.incompatibility(other);
    if (reason !== null) throw new RangeError(`cannot merge profiles: ${reason}`);
    this.rows += other.rows;
    this.files = smallest([...this.files, ...other.files]);
    this.filesTotal += other.filesTotal;
    const position = new Map<string, number>();
    const place = (name: string, index: number) => position.set(name, Math.min(position.get(name) ?? Infinity, index));
    this.columns.forEach((column, i) => place(column.name, i));
    other.columns.forEach((column, i) => place(column.name, i));
    for (const column of other.columns) {
      const own = this.column(column.name);
      if (own) own.merge(column);
      // A copy, so merging never shares state with `other`.
      else this.columns.push(ColumnProfile.fromJSON(column.toJSON(), this.settings));
    }
    // Column order: by the earliest place in either profile, then by name; the same both ways round.
    const key = (column: ColumnProfile) => position.get(column.name)!;
    this.columns.sort((a, b) => key(a) - key(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  toJSON(): ProfileState {
    return {
      schema: PROFILE_SCHEMA,
      kll_k: this.settings.kllK,
      category_cap: this.settings.categoryCap,
      null_values: [...this.settings.nullValues],
      rows: this.rows,
      sources: { files: [...this.files], total: this.filesTotal },
      columns: this.columns.map((column) => column.toJSON()),
    };
  }

  /** From a state that passed profileSchema. */
  static fromJSON(state: ProfileState): DataProfile {
    const profile = new DataProfile({ kllK: state.kll_k, categoryCap: state.category_cap, nullValues: state.null_values });
    profile.rows = state.rows;
    profile.files = [...state.sources.files];
    profile.filesTotal = state.sources.total;
    profile.columns = state.columns.map((column) => ColumnProfile.fromJSON(column, profile.settings));
    return profile;
  }
}

function smallest(files: string[]): string[] {
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, SOURCES_LISTED);
}
