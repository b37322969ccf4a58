import { z } from 'zod';
import { curvesSchema, perClassSchema } from '../evaluation/schema.ts';

const confusionSchema = z
  // Labels are text in evaluate's output; numbers (a hand-written file) are read as their text.
  .object({ labels: z.array(z.union([z.string(), z.number()]).transform(String)), matrix: z.array(z.array(z.number())) })
  .refine((c) => c.matrix.length === c.labels.length && c.matrix.every((row) => row.length === c.labels.length), 'expected one row and one column per label');

/** What a report draws besides the numbers of an `evaluate` output: none of it is compared or gated. */
export interface EvaluationDetails {
  task?: string;
  confusion_matrix?: z.infer<typeof confusionSchema>;
  per_class?: z.infer<typeof perClassSchema>;
  curves?: z.infer<typeof curvesSchema>;
}

const parts = { confusion_matrix: confusionSchema, per_class: perClassSchema, curves: curvesSchema } as const;

/**
 * The curves, confusion matrix and per-class values of an `evaluate` output, each parsed on its
 * own: a malformed part (a hand-edited file) is named in `problems` and left out, the rest kept.
 */
export function evaluationDetails(document: Record<string, unknown>): { details: EvaluationDetails; problems: string[] } {
  const details: EvaluationDetails = {};
  const problems: string[] = [];
  if (typeof document.task === 'string') details.task = document.task;
  for (const [key, schema] of Object.entries(parts)) {
    if (document[key] === undefined) continue;
    const parsed = schema.safeParse(document[key]);
    if (parsed.success) Object.assign(details, { [key]: parsed.data });
    else problems.push(key);
  }
  return { details, problems };
}
