import { binaryEvaluator } from './binary.ts';
import { multiclassEvaluator } from './multiclass.ts';
import { regressionEvaluator } from './regression.ts';
import type { EvaluationData, MetricEvaluator } from './types.ts';

/** The metric evaluator of a task's data. */
export function evaluatorFor(data: EvaluationData): MetricEvaluator {
  if (data.task === 'binary') return binaryEvaluator(data);
  if (data.task === 'multiclass') return multiclassEvaluator(data);
  return regressionEvaluator(data);
}
