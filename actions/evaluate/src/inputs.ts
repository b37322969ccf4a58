import * as core from '@actions/core';
import { InputError, type Task } from '@modelgate/core';
import type { EvaluateFileOptions } from '@modelgate/data';

const TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

/** Every input of actions/evaluate, read and checked before any work starts. */
export interface EvaluateInputs {
  options: Omit<EvaluateFileOptions, 'predictions'>;
  predictions: string;
  output: string;
  /** With base-predictions: also a paired comparison of these predictions against the base's. */
  comparison?: { basePredictions: string; idColumn: string; output: string };
}

/** Paired-bootstrap resamples of the comparison when the bootstrap input is empty (as `modelgate compare`). */
export const DEFAULT_COMPARISON_RESAMPLES = 1000;

export function readInputs(): EvaluateInputs {
  const optional = (name: string) => core.getInput(name) || undefined;
  const task = core.getInput('task', { required: true });
  if (!(TASKS as readonly string[]).includes(task)) throw new InputError(`task: expected one of ${TASKS.join(', ')}, got "${task}"`);
  const bootstrap = optional('bootstrap');
  const threshold = optional('threshold');
  const options: EvaluateInputs['options'] = {
    task: task as Task,
    labelColumn: core.getInput('label-column', { required: true }),
    seed: numberInput('seed', core.getInput('seed') || '0', { integer: true, min: 0, max: 2 ** 32 - 1 }),
    ...(threshold !== undefined ? { threshold: numberInput('threshold', threshold, {}) } : {}),
    ...(bootstrap !== undefined ? { bootstrap: numberInput('bootstrap', bootstrap, { integer: true, min: 2, max: 1_000_000 }) } : {}),
  };
  const columns = { predictionColumn: 'prediction-column', scoreColumn: 'score-column', probaPrefix: 'proba-prefix', positiveLabel: 'positive-label', sliceBy: 'slice-by' } as const;
  for (const [key, input] of Object.entries(columns)) {
    const value = optional(input);
    if (value !== undefined) options[key as keyof typeof columns] = value;
  }
  const inputs: EvaluateInputs = { options, predictions: core.getInput('predictions', { required: true }), output: core.getInput('output') || '.modelgate/metrics.json' };
  const basePredictions = optional('base-predictions');
  const idColumn = optional('id-column');
  if (basePredictions !== undefined) {
    if (idColumn === undefined) throw new InputError('base-predictions needs id-column: the two files are joined row by row on it');
    inputs.comparison = { basePredictions, idColumn, output: core.getInput('comparison-output') || '.modelgate/comparison.json' };
  }
  return inputs;
}

function numberInput(name: string, raw: string, limits: { integer?: boolean; min?: number; max?: number }): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (limits.integer && !Number.isInteger(value))) {
    throw new InputError(`${name}: expected ${limits.integer ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  if (limits.min !== undefined && value < limits.min) throw new InputError(`${name}: must be at least ${limits.min}, got ${raw}`);
  if (limits.max !== undefined && value > limits.max) throw new InputError(`${name}: must be at most ${limits.max}, got ${raw}`);
  return value;
}
