import { expect, it } from 'vitest';
import { inferDirection } from './direction.ts';

it.each([
  ['accuracy', 'higher'],
  ['roc_auc', 'higher'],
  ['val_loss', 'lower'],
  ['log_loss', 'lower'],
  ['eval.test.rmse', 'lower'],
  ['mae', 'lower'],
  ['median_ae', 'lower'],
  ['mape', 'lower'],
  ['p95_latency_ms', 'lower'],
  ['train_time_s', 'lower'],
  ['error_rate', 'lower'],
  ['brier', 'lower'],
  ['r2', 'higher'],
  ['f1_macro', 'higher'],
])('%s: %s is better', (name, direction) => {
  expect(inferDirection(name)).toBe(direction);
});
