import type { PredictionSpec } from '@modelgate/data';
import type { CommandContext, OptionSpec } from '../command.ts';

const TASKS = ['binary', 'multiclass', 'regression'] as const;

/** Options shared by `evaluate` and `compare`: which columns hold labels, predictions and scores. */
export const predictionOptions: Record<string, OptionSpec> = {
  task: { type: 'string', value: 'binary|multiclass|regression', description: 'the kind of prediction; picks the metric set' },
  'label-column': { type: 'string', value: 'C', description: 'column with the true label (or target value)' },
  'prediction-column': { type: 'string', value: 'C', description: 'column with the predicted class (or value); binary default: score >= threshold, multiclass default: most probable class' },
  'score-column': { type: 'string', value: 'C', description: 'binary: column with the positive-class probability or score' },
  'proba-prefix': { type: 'string', value: 'P', description: 'multiclass: per-class probability columns are P<class>' },
  threshold: {
    type: 'string',
    value: 'T',
    description: 'binary with --score-column and no --prediction-column: a score at or above T predicts the positive class; given with --prediction-column it is unused and a warning says so',
    default: '0.5',
  },
  'positive-label': { type: 'string', value: 'L', description: 'binary: the positive class when labels are not 1/0 or true/false' },
};

export const bootstrapOptions: Record<string, OptionSpec> = {
  seed: { type: 'string', value: 'S', description: 'bootstrap seed (integer); the same seed gives the same intervals', default: '0' },
  output: { type: 'string', value: 'FILE', description: 'where to write the JSON result' },
  workers: { type: 'string', value: 'N', description: 'bootstrap worker threads (results do not depend on it)', default: 'CPU count, at most 8' },
};

export function predictionSpec(context: CommandContext): PredictionSpec {
  context.requireString('task'); // a missing --task is one line naming the option
  const spec: PredictionSpec = {
    task: context.choice('task', TASKS)!,
    labelColumn: context.requireString('label-column'),
  };
  const threshold = context.number('threshold');
  if (threshold !== undefined) spec.threshold = threshold;
  const optional = { predictionColumn: 'prediction-column', scoreColumn: 'score-column', probaPrefix: 'proba-prefix', positiveLabel: 'positive-label' } as const;
  for (const [key, option] of Object.entries(optional)) {
    const value = context.string(option);
    if (value !== undefined) spec[key as keyof typeof optional] = value;
  }
  return spec;
}

export function bootstrapSettings(context: CommandContext): { bootstrap?: number; seed: number; workers?: number } {
  const bootstrap = context.number('bootstrap', { integer: true, min: 2, max: 1_000_000 });
  const workers = context.number('workers', { integer: true, min: 1, max: 256 });
  return {
    ...(bootstrap !== undefined ? { bootstrap } : {}),
    seed: context.number('seed', { integer: true, min: 0, max: 2 ** 32 - 1 }) ?? 0,
    ...(workers !== undefined ? { workers } : {}),
  };
}

export function printWarnings(context: CommandContext, warnings: readonly string[]): void {
  for (const warning of warnings) context.io.err(`modelgate: warning: ${warning}\n`);
}
