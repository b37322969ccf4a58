import { InputError, type PairedDelta, parseWith } from '@modelgate/core';
import { z } from 'zod';
import { readDocument } from '../files/read-document.ts';

// Only what the review needs from `modelgate compare` output; other keys are allowed.
const comparisonSchema = z.looseObject({
  rows: z.number().int().nonnegative().optional(),
  deltas: z.record(
    z.string(),
    z.looseObject({
      delta: z.number().nullable(),
      interval: z.tuple([z.number(), z.number()]).nullable(),
      head_better_share: z.number().min(0).max(1).nullable().optional(),
      within_noise: z.boolean().nullable().optional(),
    }),
  ),
});

/** Paired deltas from a `modelgate compare` output file, by metric name (undefined deltas dropped). */
export async function loadComparison(path: string): Promise<Map<string, PairedDelta>> {
  const parsed = parseWith(comparisonSchema, await readDocument(path, 'comparison file'), path);
  const deltas = new Map<string, PairedDelta>();
  for (const [name, entry] of Object.entries(parsed.deltas)) {
    if (entry.delta === null) continue;
    if (entry.interval && entry.interval[0] > entry.interval[1]) throw new InputError(`${path}: deltas.${name}.interval: lower bound exceeds upper bound`);
    deltas.set(name, { delta: entry.delta, interval: entry.interval, head_better_share: entry.head_better_share ?? null, within_noise: entry.within_noise ?? null });
  }
  return deltas;
}
