// Profiles one column of a data file: values classified exactly as the exact drift reader does
// (ColumnReader), gathered into a bounded, mergeable ColumnProfile.

import { ColumnProfile, type ProfileSettings } from '@modelgate/core/profile/observe';
import { ColumnReader } from '../drift/column-reader.ts';

export class ColumnProfiler extends ColumnReader {
  private readonly profile: ColumnProfile;
  protected readonly slotCounts: number[];

  constructor(name: string, settings: ProfileSettings, forcedCategorical = false) {
    super(name, forcedCategorical);
    this.profile = new ColumnProfile(name, settings, forcedCategorical);
    this.slotCounts = this.profile.texts.counts;
  }

  protected acceptNumbers(values: Float64Array, count: number): void {
    this.profile.addNumbers(values, count);
  }

  protected textSlot(text: string): number {
    return this.profile.texts.slot(text);
  }

  protected override get slotGeneration(): number {
    return this.profile.texts.generation;
  }

  /** The column's profile; the profiler is done with. */
  finish(): ColumnProfile {
    this.flush();
    const profile = this.profile;
    profile.nulls += this.nulls;
    profile.nan += this.nan;
    profile.infinite += this.infinite;
    profile.texts.pooled += this.pooledValues;
    this.nulls = this.nan = this.infinite = this.pooledValues = 0;
    return profile;
  }
}
