import type { DriftColumn } from './schema.ts';

/**
 * A column's statistic as the text and markdown reports show it, written with `format`: from
 * profiles with its error bound (`0.0213 ±0.0071`), or `~` before it when no bound holds
 * (categories pooled beyond those the profiles keep).
 */
export function statisticWithBound(entry: DriftColumn, format: (value: number | null) => string): string {
  const bound = entry.sketch_error;
  if (!bound || entry.statistic === null || bound.statistic === 0) return format(entry.statistic);
  return bound.statistic === null ? `~${format(entry.statistic)}` : `${format(entry.statistic)} ±${format(bound.statistic)}`;
}
