/** The task metrics where a smaller value is better; every other evaluate metric is higher-is-better. */
const LOWER_IS_BETTER = new Set(['log_loss', 'brier', 'mae', 'mse', 'rmse', 'mape', 'median_ae']);

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric);
}
