import type { MetricChange } from './diff.ts';
import { formatDistinct, formatInterval, formatPercent, formatSigned } from './format.ts';

/** Words for each status, the same in every rendering, so colour is never the only signal. */
export const statusWords = {
  improved: 'better',
  regressed: 'worse',
  unchanged: 'unchanged',
  added: 'new',
  removed: 'removed',
  invalid: 'invalid',
} as const;

/** Base and head formatted with a shared number of digits, so a visible change is never hidden by rounding. */
export function formatPair(change: MetricChange): { base: string; head: string } {
  const present = [change.base, change.head].filter((v): v is number => v !== null);
  const [first, second] = formatDistinct(present, change.precision);
  if (change.base !== null && change.head !== null) return { base: first!, head: second! };
  if (change.base !== null) return { base: first!, head: '' };
  if (change.head !== null) return { base: '', head: first! };
  return { base: '', head: '' };
}

/** `+0.0121 (+1.44%)`: the absolute change, and the relative one when the base is not 0. */
export function formatDelta(change: MetricChange): string {
  if (change.absolute === null) return '';
  // A configured precision must not print a real change as 0.00.
  const rounded = formatSigned(change.absolute, change.precision);
  const absolute = change.absolute !== 0 && Number(rounded) === 0 ? formatSigned(change.absolute) : rounded;
  return change.relative === null ? absolute : `${absolute} (${formatPercent(change.relative, true)})`;
}

/** The interval that decided noise, as text: `Δ 95% CI [-0.004, +0.010]` or `head 95% CI [0.84, 0.87]`. */
export function formatNoise(change: MetricChange): string {
  const noise = change.noise;
  if (!noise) return '';
  if (noise.source === 'paired') {
    const share = noise.headBetterShare === null ? '' : `, head better in ${formatPercent(noise.headBetterShare)} of resamples`;
    return `Δ ${formatInterval(noise.interval, true)}${share}`;
  }
  const parts: string[] = [];
  if (noise.baseInterval) parts.push(`base ${formatInterval(noise.baseInterval)}`);
  if (noise.headInterval) parts.push(`head ${formatInterval(noise.headInterval)}`);
  return parts.join(', ');
}
