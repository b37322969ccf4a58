// A column pair from two profiles, tested as exact mode tests raw samples (see TestableColumn).
// Numbers: KS D and W1 in one walk over both sides' steps (exact counts, or KLL items with their
// weights); PSI and JS on the reference's deciles from its steps, the current shares from its CDF
// at the edges. Categories: the profiles' category tables, aligned so that only categories whose
// count is known on both sides are compared one by one (the rest pooled into one bin each side).
// Each entry states how far its statistic may be from exact mode's on the same data.

import { type CategoryOrderKey, categoryOrderKey, compareCategoryKeys } from '../profile/category-table.ts';
import type { ColumnProfile } from '../profile/column-profile.ts';
import { EMPTY_BIN_SHARE, binCountsOf, decileEdgesOf, sharesWithFloor } from './binning.ts';
import { KS_EXACT_MAX_N, type KsResult, ksAsymptoticPValue, ksTwoSample } from './ks.ts';
import { sketchedKsPValue, usesKsExpansions } from './ks-sketched.ts';
import { type AlignedCounts, alignCounts } from './samples.ts';
import type { DriftColumn, SketchError } from './schema.ts';
import { type ShareRange, jensenShannonRange, psiRange, widthAround } from './sketch-bounds.ts';
import { StepDistribution, stepKsAndWasserstein } from './step-distribution.ts';
import { type Bins, COLLAPSED_DECILES, ColumnBase } from './column-base.ts';
import type { SideSummary } from './test-column.ts';
import { normaliseByStd } from './wasserstein.ts';

/** Bins of the pooled values, when categories beyond the kept ones are compared as one. */
const POOLED_NUMBERS = '(other numbers)';
const POOLED_TEXTS = '(other categories)';

interface Binned extends Bins {
  /** Numbers: the range each exact share may lie in (unfloored estimates widened by their error). */
  ranges?: { reference: ShareRange[]; current: ShareRange[]; shareError: number };
}

export class SketchedColumn extends ColumnBase<Binned> {
  readonly name: string;
  readonly reference: SideSummary | undefined;
  readonly current: SideSummary | undefined;
  readonly #profiles: { reference: ColumnProfile | undefined; current: ColumnProfile | undefined };

  /** `categorical`: the drift config names the column categorical (so numbers are compared as categories). */
  constructor(name: string, reference: ColumnProfile | undefined, current: ColumnProfile | undefined, categorical = false) {
    super();
    this.name = name;
    this.#profiles = { reference, current };
    this.reference = reference && summary(reference, categorical);
    this.current = current && summary(current, categorical);
  }

  get #ref(): ColumnProfile {
    return this.#profiles.reference!;
  }

  get #cur(): ColumnProfile {
    return this.#profiles.current!;
  }

  get constant(): string | null {
    if (this.numericValues) {
      const [r, c] = [this.#ref, this.#cur];
      return r.min === r.max && c.min === c.max && r.min === c.min ? String(r.min) : null;
    }
    return this.aligned.categories.length === 1 ? this.aligned.categories[0]! : null;
  }

  get #steps(): { reference: StepDistribution; current: StepDistribution } {
    return this.remember('steps', () => ({ reference: new StepDistribution(this.#ref.numberDistribution()), current: new StepDistribution(this.#cur.numberDistribution()) }));
  }

  /** KS D and W1, one walk for both. */
  get #walk(): { d: number; w1: number } {
    return this.remember('walk', () => stepKsAndWasserstein(this.#steps.reference, this.#steps.current));
  }

  ks(): KsResult {
    const { reference, current } = this.#steps;
    if (reference.exact && current.exact && Math.max(reference.count, current.count) <= KS_EXACT_MAX_N) return ksTwoSample(reference.expand(), current.expand());
    const { d } = this.#walk;
    const exact = reference.exact && current.exact;
    return { statistic: d, pValue: exact ? ksAsymptoticPValue(d, reference.count, current.count) : sketchedKsPValue(d, reference.count, current.count), mode: 'asymptotic' };
  }

  /** std(reference) with ddof = 0, from the profile's moments. */
  get #referenceStd(): number {
    const { count, m2 } = this.#ref.moments;
    return Math.sqrt(m2 / count);
  }

  get normalisedWasserstein(): number {
    return normaliseByStd(this.#walk.w1, this.#referenceStd);
  }

  /** Both sides' category counts, compared one by one where both counts are known; see the file comment. */
  get aligned(): AlignedCounts {
    return this.remember('aligned', () => {
      const [ref, cur] = [this.#ref, this.#cur];
      // Numbers as categories only when both sides hold every distinct number.
      const numbersKnown = ref.numberTable !== null && cur.numberTable !== null;
      const cutoff = lowest(ref.texts.cutoff(), cur.texts.cutoff());
      const counts = (side: ColumnProfile): Map<string, number> => {
        const out = new Map<string, number>();
        const add = (key: string, n: number) => n > 0 && out.set(key, (out.get(key) ?? 0) + n);
        if (numbersKnown) {
          const { values, counts: numbers } = side.numberTable!.entries();
          values.forEach((value, i) => add(String(value), numbers[i]!));
        } else add(POOLED_NUMBERS, side.moments.count);
        for (const [text, n] of side.texts.entries()) {
          add(cutoff === null || compareCategoryKeys(categoryOrderKey(text), cutoff) <= 0 ? text : POOLED_TEXTS, n);
        }
        add(POOLED_TEXTS, side.texts.pooled);
        return out;
      };
      return alignCounts(counts(ref), counts(cur), this.numericValues);
    });
  }

  /** Values pooled into one bin on each side (0 and 0 when every category is compared one by one). */
  get #pooled(): { reference: number; current: number } {
    const { categories, reference, current } = this.aligned;
    const sum = (counts: number[]) => categories.reduce((total, category, i) => total + (category === POOLED_NUMBERS || category === POOLED_TEXTS ? counts[i]! : 0), 0);
    return { reference: sum(reference), current: sum(current) };
  }

  protected numericBins(): Binned | string {
    const { reference, current } = this.#steps;
    const edges = decileEdgesOf((q) => reference.quantile(q));
    if (edges.length === 0) return COLLAPSED_DECILES;
    const countsIn = (side: StepDistribution) => binCountsOf((x) => side.atMost(x), side.count, edges);
    const referenceCounts = countsIn(reference);
    const currentCounts = countsIn(current);
    return {
      reference: sharesWithFloor(referenceCounts, reference.count),
      current: sharesWithFloor(currentCounts, current.count),
      ranges: shareRanges(reference, current, edges, referenceCounts, currentCounts),
    };
  }

  sketchError(entry: DriftColumn): SketchError {
    const error = this.#error(entry);
    return { ...error, verdict_holds: verdictHolds(entry, error) };
  }

  #error(entry: DriftColumn): Omit<SketchError, 'verdict_holds'> {
    const numeric = entry.method === 'ks' || entry.method === 'wasserstein' || (this.type === 'numeric' && (entry.method === 'psi' || entry.method === 'js'));
    if (!numeric) return this.#categoryError(entry);
    const { reference, current } = this.#steps;
    const ranks = { reference_rank_error: reference.rankError, current_rank_error: current.rankError };
    const exact = reference.rankError === 0 && current.rankError === 0;
    const wasserstein = this.#wassersteinError();
    if (entry.method === 'ks') {
      const bound = reference.rankError + current.rankError;
      const d = entry.statistic!;
      const p = (x: number) => sketchedKsPValue(Math.min(Math.max(x, 0), 1), reference.count, current.count);
      return {
        statistic: bound,
        effect_size: wasserstein,
        ...(exact ? {} : { p_value_range: [p(d + bound), p(d - bound)] as [number, number] }),
        ...ranks,
        basis: exact
          ? 'exact: both profiles hold every distinct number'
          : `KLL rank errors of both sides added (the largest CDF gap moves by at most their sum); p_value from the sketched D${usesKsExpansions(reference.count, current.count) ? ' by the large-n expansions of kstwo.sf (ks-sketched.ts)' : ' by kstwo.sf'}`,
      };
    }
    if (entry.method === 'wasserstein') {
      return { statistic: wasserstein, effect_size: wasserstein, ...ranks, basis: exact ? 'exact: both profiles hold every distinct number' : 'sum over sides of KLL rank error x (max - min), over max(std(reference), 0.001)' };
    }
    const bins = this.binned as Binned;
    const { ranges } = bins;
    const [low, high] = entry.method === 'psi' ? psiRange(ranges!.reference, ranges!.current) : jensenShannonRange(ranges!.reference, ranges!.current, EMPTY_BIN_SHARE);
    const bound = exact ? 0 : widthAround(entry.statistic!, [low, high]);
    return {
      statistic: bound,
      effect_size: bound,
      share_error: ranges!.shareError,
      ...ranks,
      basis: exact
        ? 'exact: both profiles hold every distinct number'
        : 'bins on the reference sketch\'s deciles (their ranks within its rank error of exact mode\'s); each share within 2 x its side\'s rank error of the exact share in these bins; the statistic bounded over those shares',
    };
  }

  #wassersteinError(): number {
    const { reference, current } = this.#steps;
    const spread = (side: StepDistribution) => side.rankError * (side.max - side.min);
    return normaliseByStd(spread(reference) + spread(current), this.#referenceStd);
  }

  #categoryError(entry: DriftColumn): Omit<SketchError, 'verdict_holds'> {
    const pooled = this.#pooled;
    const whole = pooled.reference === 0 && pooled.current === 0;
    // The effect size of chisquare and ztest is the JS distance over the same categories.
    return {
      statistic: whole ? 0 : null,
      effect_size: whole ? 0 : null,
      reference_rank_error: 0,
      current_rank_error: 0,
      ...(whole ? {} : { reference_pooled: pooled.reference, current_pooled: pooled.current }),
      basis: whole
        ? `exact: both profiles hold every category of this column`
        : `categories beyond the ${this.#ref.settings.categoryCap} kept per profile are compared as one bin on each side (${entry.method} over the coarser table); no bound`,
    };
  }
}

/** Whether exact mode's verdict is certainly the sketch's: no statistic within the bound crosses the threshold. */
function verdictHolds(entry: DriftColumn, error: Omit<SketchError, 'verdict_holds'>): boolean {
  if (error.statistic === null) return false;
  if (error.statistic === 0) return true;
  const threshold = entry.threshold!;
  if (error.p_value_range) return error.p_value_range[1] < threshold || error.p_value_range[0] >= threshold;
  return entry.statistic! - error.statistic >= threshold || entry.statistic! + error.statistic < threshold;
}

function summary(profile: ColumnProfile, categorical: boolean): SideSummary {
  const kind = profile.heldText || categorical ? 'categorical' : 'numeric';
  return {
    kind,
    values: profile.moments.count + profile.texts.total,
    nulls: profile.nulls,
    nan: profile.nan,
    infinite: profile.infinite,
    distinct: () => profile.distinctCount().value,
  };
}

function lowest(a: CategoryOrderKey | null, b: CategoryOrderKey | null): CategoryOrderKey | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareCategoryKeys(a, b) <= 0 ? a : b;
}

/**
 * Where the exact shares of these bins can lie: each edge's CDF is within the side's rank error of
 * the sketch's, so a bin's share is within twice it (once for an outer bin). The edges are the
 * reference sketch's deciles, whose ranks are themselves within its rank error of exact mode's
 * deciles. Shares are floored as exact mode floors them (an empty bin is 0.0001, a non-empty one
 * at least 1/n).
 */
function shareRanges(reference: StepDistribution, current: StepDistribution, edges: number[], referenceCounts: number[], currentCounts: number[]): Binned['ranges'] {
  let shareError = 0;
  const ranges = (side: StepDistribution, counts: number[]): ShareRange[] =>
    counts.map((count, i) => {
      const error = side.rankError * ((i > 0 ? 1 : 0) + (i < edges.length ? 1 : 0));
      shareError = Math.max(shareError, error);
      const share = count / side.count;
      if (error === 0) {
        const floored = count === 0 ? EMPTY_BIN_SHARE : share;
        return [floored, floored];
      }
      const low = share - error > 0 ? Math.max(share - error, 1 / side.count) : Math.min(EMPTY_BIN_SHARE, 1 / side.count);
      const high = Math.max(Math.min(1, share + error), share - error > 0 ? 0 : EMPTY_BIN_SHARE);
      return [low, high];
    });
  return { reference: ranges(reference, referenceCounts), current: ranges(current, currentCounts), shareError };
}
