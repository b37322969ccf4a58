// What a column from raw samples (PreparedColumn) and one from profiles (SketchedColumn) share:
// results worked out once however many methods ask, the column's type, category bins and the
// Jensen-Shannon distance over whichever bins the column has. Only how the numbers are binned, and
// what the numeric statistics are computed from, differ.

import { sharesWithFloor } from './binning.ts';
import { jensenShannonDistance } from './distances.ts';
import type { KsResult } from './ks.ts';
import type { AlignedCounts } from './samples.ts';
import { AUTO_MAX_CATEGORY_NUMBERS } from './select-method.ts';
import type { SideSummary, TestableColumn } from './test-column.ts';

/** Shares of the reference and the current sample over the same bins (floored). */
export interface Bins {
  reference: number[];
  current: number[];
}

/** Why a numeric column has no bins. */
export const COLLAPSED_DECILES = 'the reference deciles collapse into a single bin (most values tie)';

export abstract class ColumnBase<B extends Bins = Bins> implements TestableColumn {
  abstract readonly name: string;
  abstract readonly reference: SideSummary | undefined;
  abstract readonly current: SideSummary | undefined;
  readonly #memo = new Map<string, unknown>();

  abstract ks(): KsResult;
  abstract get constant(): string | null;
  abstract get aligned(): AlignedCounts;
  abstract get normalisedWasserstein(): number;
  /** The numbers' bins on the reference's deciles, or why there are none. */
  protected abstract numericBins(): B | string;

  /** `compute()` once per key: several methods ask for the same thing. */
  protected remember<T>(key: string, compute: () => T): T {
    if (!this.#memo.has(key)) this.#memo.set(key, compute());
    return this.#memo.get(key) as T;
  }

  /** Numbers on both sides. */
  get numericValues(): boolean {
    return this.reference?.kind === 'numeric' && this.current?.kind === 'numeric';
  }

  get distinctReference(): number {
    return this.remember('distinctReference', () => this.reference!.distinct());
  }

  get type(): 'numeric' | 'categorical' {
    return this.numericValues && this.distinctReference > AUTO_MAX_CATEGORY_NUMBERS ? 'numeric' : 'categorical';
  }

  /** Reference and current shares over the shared bins (floored), or why there are none. */
  get binned(): B | Bins | string {
    return this.remember('binned', () => {
      if (this.type === 'numeric') return this.numericBins();
      const { reference, current, referenceTotal, currentTotal } = this.aligned;
      return { reference: sharesWithFloor(reference, referenceTotal), current: sharesWithFloor(current, currentTotal) };
    });
  }

  get jensenShannon(): number | string {
    return this.remember('js', () => {
      const bins = this.binned;
      return typeof bins === 'string' ? bins : jensenShannonDistance(bins.reference, bins.current);
    });
  }
}
