import { ExitCode, InputError } from '@modelgate/core';
import type { CommandSpec } from '../command.ts';
import { emitReport } from '../render-output.ts';
import { reportFromOptions, reviewOptions } from '../review-inputs.ts';

export const gateCommand: CommandSpec = {
  name: 'gate',
  summary: 'Check metrics against the gate rules of modelgate.yml; exit 1 when a rule fails',
  usage: '--head FILE [--base FILE] [--config modelgate.yml]',
  options: {
    head: { type: 'string', value: 'FILE', description: 'metrics to check: JSON, YAML or CSV name,value' },
    base: { type: 'string', value: 'FILE', description: 'baseline metrics for max_regression rules' },
    ...reviewOptions,
  },
  details: [
    'Rules (modelgate.yml, gate.rules.METRIC): min, max (inclusive), max_regression (absolute, or "2%" of the',
    'base value, in the metric\'s bad direction), required. gate.on_missing_baseline: pass (default) or fail.',
  ].join('\n'),
  async run(context) {
    const report = await reportFromOptions(context, context.requireString('head'), context.string('base'));
    if (!report.gate) throw new InputError(`no gate rules configured: add gate.rules to ${context.string('config') ?? 'modelgate.yml'} (see: modelgate gate --help)`);
    await emitReport(context, report);
    return report.gate.passed ? ExitCode.ok : ExitCode.checkFailed;
  },
};
