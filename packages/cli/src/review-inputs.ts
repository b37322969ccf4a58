import { resolve } from 'node:path';
import { InputError, type ReviewReport, buildReviewReport } from '@modelgate/core';
import { loadComparison, loadConfig, loadMetricsFile } from '@modelgate/data';
import type { CommandContext, OptionSpec } from './command.ts';
import { version } from './version.ts';

/** Options shared by `diff` and `gate`. */
export const reviewOptions = {
  config: { type: 'string', value: 'FILE', description: 'modelgate.yml with metric settings and gate rules', default: './modelgate.yml if present' },
  comparison: { type: 'string', value: 'FILE', description: 'output of `modelgate compare`: paired-bootstrap intervals decide what is noise' },
  id: { type: 'string', value: 'ID', description: 'report id (several reports can share a PR)', default: 'default' },
  format: { type: 'string', value: 'FORMAT', description: 'text, markdown or json', default: 'text' },
  output: { type: 'string', value: 'FILE', description: 'also write the rendering to FILE (written atomically)' },
} satisfies Record<string, OptionSpec>;

/** Load head, base, config and comparison named on the command line and build the report. */
export async function reportFromOptions(context: CommandContext, headPath: string, basePath: string | undefined): Promise<ReviewReport> {
  // Paths stay as typed (so messages name them as the user wrote them) unless run for another cwd.
  const at = (path: string) => (context.io.cwd === process.cwd() ? path : resolve(context.io.cwd, path));
  const configPath = context.string('config');
  const comparisonPath = context.string('comparison');
  const [head, base, { config }, paired] = await Promise.all([
    loadMetricsFile(at(headPath)),
    basePath ? loadMetricsFile(at(basePath)) : undefined,
    loadConfig(configPath ? at(configPath) : undefined, context.io.cwd),
    comparisonPath ? loadComparison(at(comparisonPath)) : undefined,
  ]);
  const id = context.string('id') ?? 'default';
  if (!/^[\w.-]{1,64}$/.test(id)) throw new InputError(`--id: use letters, digits, ".", "_" or "-" (at most 64), got "${id}"`);
  return buildReviewReport({
    head,
    headSource: headPath,
    baseline: base ? { snapshot: base, source: basePath! } : { reason: 'no --base file given' },
    config,
    ...(paired ? { paired } : {}),
    id,
    context: { version },
  });
}
