import { InputError, type Task } from '@modelgate/core';
import type { EvaluateFileOptions } from '@modelgate/data';
import { input, inputsSchema, readInputs as readActionInputs } from '@modelgate/github';

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

const schema = inputsSchema({
  predictions: input.text(),
  task: input.oneOf(['binary', 'multiclass', 'regression']),
  'label-column': input.text(),
  'prediction-column': input.text().optional(),
  'score-column': input.text().optional(),
  'proba-prefix': input.text().optional(),
  'positive-label': input.text().optional(),
  'slice-by': input.text().optional(),
  threshold: input.number().optional(),
  bootstrap: input.number({ integer: true, min: 2, max: 1_000_000 }).optional(),
  seed: input.number({ integer: true, min: 0, max: 2 ** 32 - 1 }).default(0),
  output: input.text().default('.modelgate/metrics.json'),
  'base-predictions': input.text().optional(),
  'id-column': input.text().optional(),
  'comparison-output': input.text().default('.modelgate/comparison.json'),
});

export function readInputs(): EvaluateInputs {
  const raw = readActionInputs(schema);
  const options: EvaluateInputs['options'] = { task: raw.task as Task, labelColumn: raw['label-column'], seed: raw.seed };
  if (raw.threshold !== undefined) options.threshold = raw.threshold;
  if (raw.bootstrap !== undefined) options.bootstrap = raw.bootstrap;
  const columns = { predictionColumn: 'prediction-column', scoreColumn: 'score-column', probaPrefix: 'proba-prefix', positiveLabel: 'positive-label', sliceBy: 'slice-by' } as const;
  for (const [key, name] of Object.entries(columns)) {
    const value = raw[name];
    if (value !== undefined) options[key as keyof typeof columns] = value;
  }
  const inputs: EvaluateInputs = { options, predictions: raw.predictions, output: raw.output };
  if (raw['base-predictions'] !== undefined) {
    if (raw['id-column'] === undefined) throw new InputError('base-predictions needs id-column: the two files are joined row by row on it');
    inputs.comparison = { basePredictions: raw['base-predictions'], idColumn: raw['id-column'], output: raw['comparison-output'] };
  }
  return inputs;
}
