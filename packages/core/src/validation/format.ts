/** Number formatting shared by messages and renderings. */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A share as a percentage with up to 2 decimals: 0.1234 -> 12.34%. */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}

/** A statistic with 6 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

export function describeBounds(bounds: { min?: number; max?: number }): string {
  if (bounds.min !== undefined && bounds.max !== undefined) return `between ${bounds.min} and ${bounds.max}`;
  if (bounds.min !== undefined) return `at least ${bounds.min}`;
  if (bounds.max !== undefined) return `at most ${bounds.max}`;
  return 'any value';
}
