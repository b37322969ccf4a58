import { ExitCode } from '@modelgate/core';
import type { CommandSpec } from '../command.ts';
import { emitReport } from '../render-output.ts';
import { reportFromOptions, reviewOptions } from '../review-inputs.ts';

export const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Compare two metrics files: direction-aware change per metric, noise, gate results',
  usage: '--base FILE --head FILE [--config modelgate.yml] [--format text|markdown|json]',
  options: {
    base: { type: 'string', value: 'FILE', description: 'metrics of the base (e.g. main branch): JSON, YAML or CSV name,value' },
    head: { type: 'string', value: 'FILE', description: 'metrics of the head (this change)' },
    ...reviewOptions,
  },
  details: 'Nested keys flatten to dotted names (eval.test.auc). Lower is better for names containing loss, error,\nmae, mse, rmse, mape, latency or time, and for metrics configured so; higher otherwise.\nThe exit code is 0 whatever the change; use `modelgate gate` to fail on thresholds.',
  async run(context) {
    const report = await reportFromOptions(context, context.requireString('head'), context.requireString('base'));
    await emitReport(context, report);
    return ExitCode.ok;
  },
};
