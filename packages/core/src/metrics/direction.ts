export type Direction = 'higher' | 'lower';

// The list, matched as substrings ("val_loss", "rmse_test", "p95_latency_ms").
const lowerIsBetterSubstrings = ['loss', 'error', 'mae', 'mse', 'rmse', 'mape', 'latency', 'time'];
// Whole name parts that are unambiguous but too short to match as substrings.
const lowerIsBetterTokens = new Set(['ae', 'brier', 'perplexity', 'duration', 'fpr', 'fnr', 'wer', 'cer', 'eer', 'ece']);

/** Whether a larger value of the metric is better, guessed from its name when not configured. */
export function inferDirection(name: string): Direction {
  const lower = name.toLowerCase();
  if (lowerIsBetterSubstrings.some((word) => lower.includes(word))) return 'lower';
  const tokens = lower.split(/[^a-z0-9]+/);
  return tokens.some((token) => lowerIsBetterTokens.has(token)) ? 'lower' : 'higher';
}
