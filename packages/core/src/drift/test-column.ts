// One drift test of one column: picks the method (or takes the one asked for), checks that the
// column can be tested by it, runs it and fills one report entry. Never NaN: what cannot be
// computed is `not_tested` with the reason. The column comes as raw samples (PreparedColumn, exact
// mode) or as two profiles (SketchedColumn, whose entries also state their error bound).

import { binCounts, decileEdges, sharesWithFloor } from './binning.ts';
import { type Bins, COLLAPSED_DECILES, ColumnBase } from './column-base.ts';
import { chiSquareTest } from './chi-square-test.ts';
import { lInfinityDistance, populationStabilityIndex } from './distances.ts';
import { type KsResult, ksTwoSample } from './ks.ts';
import { CATEGORICAL_METHODS, type DriftMethod, type MethodChoice, NUMERIC_METHODS, P_VALUE_METHODS, STATISTIC_NAMES, defaultThreshold } from './methods.ts';
import { type AlignedCounts, type ColumnSample, alignCategories, distinctCount, sampleSize } from './samples.ts';
import type { DriftColumn, SketchError } from './schema.ts';
import { AUTO_MAX_CATEGORY_NUMBERS, autoMethod } from './select-method.ts';
import { normaliseByStd, standardDeviation, wasserstein1 } from './wasserstein.ts';
import { twoProportionZTest } from './z-test.ts';

/** Unseen category names listed in the report; the total is given beside them. */
const UNSEEN_LISTED = 100;

export interface ColumnPair {
  name: string;
  /** undefined: the column is missing from that file. */
  reference: ColumnSample | undefined;
  current: ColumnSample | undefined;
}

export interface MethodSetting {
  method: MethodChoice;
  /** Overrides the method's default threshold. */
  threshold?: number;
}

/** What testColumn reads of one side of a column. */
export interface SideSummary {
  kind: 'numeric' | 'categorical';
  /** Values tested: non-null, finite. */
  values: number;
  nulls: number;
  nan: number;
  infinite: number;
  /** Distinct values (only asked of a side whose other side is missing). */
  distinct(): number;
}

/** A column as testColumn tests it, from raw samples or from profiles; what several methods share is computed once. */
export interface TestableColumn {
  readonly name: string;
  /** undefined: the column is missing from that side. */
  readonly reference: SideSummary | undefined;
  readonly current: SideSummary | undefined;
  /** Numbers on both sides. */
  readonly numericValues: boolean;
  readonly distinctReference: number;
  readonly type: 'numeric' | 'categorical';
  /** The one value both sides hold, when they hold only one; else null. */
  readonly constant: string | null;
  readonly aligned: AlignedCounts;
  ks(): KsResult;
  /** W1 / max(std(reference), 0.001). */
  readonly normalisedWasserstein: number;
  /** Reference and current shares over the shared bins (floored), or why there are none. */
  readonly binned: { reference: number[]; current: number[] } | string;
  readonly jensenShannon: number | string;
  /** From profiles: how far the entry's statistic may be from exact mode's on the same data. */
  sketchError?(entry: DriftColumn): SketchError;
}

function summary(sample: ColumnSample): SideSummary {
  return { kind: sample.kind, values: sampleSize(sample), nulls: sample.nulls, nan: sample.nan, infinite: sample.infinite, distinct: () => distinctCount(sample) };
}

/** A column pair of raw samples (exact mode). */
export class PreparedColumn extends ColumnBase {
  readonly pair: ColumnPair;
  readonly reference: SideSummary | undefined;
  readonly current: SideSummary | undefined;

  constructor(pair: ColumnPair) {
    super();
    this.pair = pair;
    this.reference = pair.reference && summary(pair.reference);
    this.current = pair.current && summary(pair.current);
  }

  get name(): string {
    return this.pair.name;
  }

  ks(): KsResult {
    return ksTwoSample((this.pair.reference as { sorted: Float64Array }).sorted, (this.pair.current as { sorted: Float64Array }).sorted);
  }

  /** The one value both samples hold, when they hold only one; else null. */
  get constant(): string | null {
    return this.remember('constant', () => {
      const { reference, current } = this.pair;
      if (reference?.kind === 'numeric' && current?.kind === 'numeric') {
        const [r, c] = [reference.sorted, current.sorted];
        return r[0] === r[r.length - 1] && c[0] === c[c.length - 1] && r[0] === c[0] ? String(r[0]) : null;
      }
      return this.aligned.categories.length === 1 ? this.aligned.categories[0]! : null;
    });
  }

  get aligned(): AlignedCounts {
    return this.remember('aligned', () => alignCategories(this.pair.reference!, this.pair.current!));
  }

  /** W1 / max(std(reference), 0.001). */
  get normalisedWasserstein(): number {
    return this.remember('wasserstein', () => {
      const ref = this.pair.reference as { sorted: Float64Array };
      const cur = this.pair.current as { sorted: Float64Array };
      return normaliseByStd(wasserstein1(ref.sorted, cur.sorted), standardDeviation(ref.sorted));
    });
  }

  protected numericBins(): Bins | string {
    const ref = (this.pair.reference as { sorted: Float64Array }).sorted;
    const cur = (this.pair.current as { sorted: Float64Array }).sorted;
    const edges = decileEdges(ref);
    if (edges.length === 0) return COLLAPSED_DECILES;
    return { reference: sharesWithFloor(binCounts(ref, edges), ref.length), current: sharesWithFloor(binCounts(cur, edges), cur.length) };
  }
}

function blank(column: TestableColumn, type: 'numeric' | 'categorical', method: DriftMethod | null): DriftColumn {
  const { reference, current } = column;
  return {
    name: column.name,
    type,
    method,
    status: 'tested',
    reason: null,
    statistic: null,
    statistic_name: null,
    p_value: null,
    threshold: null,
    drifted: false,
    effect_size: null,
    reference_rows: reference?.values ?? 0,
    current_rows: current?.values ?? 0,
    reference_nulls: reference?.nulls ?? 0,
    current_nulls: current?.nulls ?? 0,
    reference_nan: reference?.nan ?? 0,
    current_nan: current?.nan ?? 0,
    reference_infinite: reference?.infinite ?? 0,
    current_infinite: current?.infinite ?? 0,
    distinct_reference: null,
  };
}

function notTested(entry: DriftColumn, reason: string): DriftColumn {
  return { ...entry, status: 'not_tested', reason, threshold: null, statistic_name: null };
}

function describe(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

/** Tests one column with one method (or `auto`). */
export function testColumn(column: TestableColumn, setting: MethodSetting): DriftColumn {
  const { reference, current } = column;
  const explicit = setting.method === 'auto' ? null : setting.method;
  if (!reference || !current) {
    const present = (reference ?? current)!;
    const type = present.kind === 'numeric' && present.distinct() > AUTO_MAX_CATEGORY_NUMBERS ? 'numeric' : 'categorical';
    return { ...blank(column, type, explicit), status: 'schema_change', reason: reference ? 'missing in current' : 'missing in reference', drifted: true };
  }
  const emptyType = reference.kind === 'numeric' && current.kind === 'numeric' ? 'numeric' : 'categorical';
  if (reference.values === 0) return notTested(blank(column, emptyType, explicit), 'no values in reference (all null, NaN or infinite)');
  if (current.values === 0) return notTested(blank(column, emptyType, explicit), 'no values in current (all null, NaN or infinite)');
  const type = column.type;
  const method = explicit ?? autoMethod(type, reference.values, column.distinctReference);
  const entry = { ...blank(column, type, method), distinct_reference: column.distinctReference };
  const constant = column.constant;
  if (constant !== null) return notTested(entry, `constant: every value is ${describe(constant)} on both sides`);

  if (NUMERIC_METHODS.has(method) && !column.numericValues) {
    const side = reference.kind === 'numeric' ? 'the current file' : current.kind === 'numeric' ? 'the reference file' : 'both files';
    return notTested(entry, `${method} needs numbers; the column holds text in ${side}`);
  }
  if (CATEGORICAL_METHODS.has(method) && type !== 'categorical') {
    return notTested(entry, `${method} compares categories; this column has ${column.distinctReference} distinct numbers in the reference (name it under drift.categorical to compare values as categories)`);
  }
  const threshold = setting.threshold ?? defaultThreshold(method);
  const tested: DriftColumn = { ...entry, threshold, statistic_name: STATISTIC_NAMES[method] };
  // Categories only where the column is compared as categories (numbers are not turned into texts).
  const aligned = type === 'categorical' ? column.aligned : null;
  const unseen = aligned ? aligned.categories.filter((_, i) => aligned.reference[i] === 0) : [];
  if (unseen.length > 0) {
    tested.unseen_categories = unseen.slice(0, UNSEEN_LISTED);
    tested.unseen_categories_total = unseen.length;
  }
  const js = (): DriftColumn['effect_size'] => {
    const value = column.jensenShannon;
    return typeof value === 'string' ? null : { name: 'js', value };
  };

  let result: Pick<DriftColumn, 'statistic' | 'p_value' | 'effect_size'> & Partial<DriftColumn>;
  switch (method) {
    case 'ks': {
      const ks = column.ks();
      result = { statistic: ks.statistic, p_value: ks.pValue, ks_mode: ks.mode, effect_size: { name: 'wasserstein', value: column.normalisedWasserstein } };
      break;
    }
    case 'wasserstein': {
      const value = column.normalisedWasserstein;
      result = { statistic: value, p_value: null, effect_size: { name: 'wasserstein', value } };
      break;
    }
    case 'psi':
    case 'js': {
      const bins = column.binned;
      if (typeof bins === 'string') return notTested(tested, bins);
      const value = method === 'psi' ? populationStabilityIndex(bins.reference, bins.current) : (column.jensenShannon as number);
      result = { statistic: value, p_value: null, effect_size: { name: method, value }, bins: bins.reference.length };
      break;
    }
    case 'chisquare': {
      const chi = chiSquareTest(aligned!.reference, aligned!.current);
      result = { statistic: chi.statistic, p_value: chi.pValue, df: chi.df, effect_size: js() };
      break;
    }
    case 'ztest': {
      const { categories, reference, current, referenceTotal, currentTotal } = aligned!;
      const referenceCategories = categories.filter((_, i) => reference[i]! > 0);
      if (referenceCategories.length > 2) return notTested(tested, `ztest compares two categories; the reference has ${referenceCategories.length}`);
      const at = categories.indexOf(referenceCategories[0]!);
      const z = twoProportionZTest(reference[at]!, referenceTotal, current[at]!, currentTotal);
      result = { statistic: z.statistic, p_value: z.pValue, category: categories[at]!, effect_size: js() };
      break;
    }
    case 'linf': {
      const { reference, current, referenceTotal, currentTotal } = aligned!;
      const value = lInfinityDistance(
        reference.map((c) => c / referenceTotal),
        current.map((c) => c / currentTotal),
      );
      result = { statistic: value, p_value: null, effect_size: { name: 'linf', value } };
      break;
    }
  }
  if (!Number.isFinite(result.statistic) || (result.p_value !== null && !Number.isFinite(result.p_value))) {
    return notTested(tested, `${method} overflows a double on these values`);
  }
  // The effect size can overflow where the test does not (KS's D is fine on values near ±1.8e308,
  // W1 over their std is not): it is left out rather than written as NaN.
  if (result.effect_size !== null && !Number.isFinite(result.effect_size.value)) result = { ...result, effect_size: null };
  const drifted = P_VALUE_METHODS.has(method) ? result.p_value! < threshold : result.statistic! >= threshold;
  const done: DriftColumn = { ...tested, ...result, drifted };
  return column.sketchError ? { ...done, sketch_error: column.sketchError(done) } : done;
}
