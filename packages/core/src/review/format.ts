/** Float round-off allowance when comparing two metric values (0.1 + 0.2 vs 0.3). */
export function roundOffSlack(a: number, b: number): number {
  return 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Numbers as people read them in a metrics report: enough significant digits to see a change
 * (4 by default, more when two values differ only far down), no exponent for ordinary magnitudes.
 */
export function formatNumber(value: number, precision?: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (precision !== undefined) return value.toFixed(precision);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e9)) return value.toExponential(3);
  return trimZeros(value.toPrecision(magnitude >= 1 ? Math.max(4, Math.floor(Math.log10(magnitude)) + 1) : 4));
}

/** Format `values` with one shared number of significant digits, enough to tell them apart. */
export function formatDistinct(values: readonly number[], precision?: number): string[] {
  if (precision !== undefined) return values.map((v) => v.toFixed(precision));
  const distinctValues = new Set(values).size;
  const at = (digits: number) => values.map((v) => (Number.isInteger(v) || !Number.isFinite(v) ? formatNumber(v) : formatAtDigits(v, digits)));
  for (let digits = 4; digits <= 12; digits++) {
    // One digit past the first that tells the values apart, so rounding does not distort the gap.
    if (new Set(at(digits)).size === distinctValues) return at(digits === 4 ? 4 : Math.min(digits + 1, 15));
  }
  return values.map((v) => String(v));
}

function formatAtDigits(value: number, digits: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e9)) return value.toExponential(digits - 1);
  return trimZeros(value.toPrecision(Math.max(digits, magnitude >= 1 ? Math.floor(Math.log10(magnitude)) + 1 : digits)));
}

/** Signed change: `+0.0123`, `-1.5`, `0`. */
export function formatSigned(value: number, precision?: number): string {
  const text = formatNumber(value, precision);
  return value > 0 ? `+${text}` : text;
}

/** A fraction as a percentage: 0.01234 -> `1.23%`. */
export function formatPercent(fraction: number, signed = false): string {
  const percent = fraction * 100;
  const magnitude = Math.abs(percent);
  const text = magnitude >= 100 ? percent.toFixed(0) : magnitude >= 0.01 ? percent.toPrecision(3) : percent.toPrecision(1);
  return `${signed && percent > 0 ? '+' : ''}${text}%`;
}

function trimZeros(text: string): string {
  if (!text.includes('.') || text.includes('e')) return text;
  return text.replace(/\.?0+$/, '');
}

/** `[0.8231, 0.8455]`: both bounds with the same decimals (4 significant digits of the larger). */
export function formatInterval(interval: readonly [number, number], signed = false): string {
  const largest = Math.max(Math.abs(interval[0]), Math.abs(interval[1]));
  const decimals = largest === 0 ? 0 : Math.min(12, Math.max(0, 3 - Math.floor(Math.log10(largest))));
  const one = (value: number) => `${signed && value > 0 ? '+' : ''}${value.toFixed(decimals)}`;
  return `[${one(interval[0])}, ${one(interval[1])}]`;
}

/** A byte count as people read it: `512 B`, `3.4 MiB`, `2.0 GiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A duration as people read it: `850 ms`, `12.3 s`, `4 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}
