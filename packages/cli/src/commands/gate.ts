import { ExitCode, InputError } from '@modelgate/core';
import type { CommandSpec } from '../command.ts';
import { emitReport } from '../render-output.ts';
import { reportFromOptions, reviewOptions } from '../review-inputs.ts';

export const gateCommand: CommandSpec = {
  name: 'gate',
  summary: 'Check metrics against the gate rules of modelgate.yml; exit 1 when a rule fails',
  usage: '--head FILE... [--base FILE...] [--config modelgate.yml]',
  options: {
    head: { type: 'string', value: 'FILE', multiple: true, description: 'metrics to check: JSON, YAML or CSV name,value; several files or globs as in diff' },
    base: { type: 'string', value: 'FILE', multiple: true, description: 'baseline metrics for max_regression rules; one per --head, in order' },
    ...reviewOptions,
  },
  details: [
    'Rules (modelgate.yml, gate.rules.METRIC): min, max (inclusive), max_regression (absolute, or "2%" of the',
    'base value, in the metric\'s bad direction), required. gate.on_missing_baseline: pass (default) or fail.',
    'With several --head files, metrics are named FILE:METRIC; a rule on METRIC applies in every file, on',
    'FILE:METRIC in one (as in actions/gate).',
  ].join('\n'),
  async run(context) {
    const report = await reportFromOptions(context, context.requireStrings('head'), context.strings('base'));
    if (!report.gate) throw new InputError(`no gate rules configured: add gate.rules to ${context.string('config') ?? 'modelgate.yml'} (see: modelgate gate --help)`);
    await emitReport(context, report);
    return report.gate.passed ? ExitCode.ok : ExitCode.checkFailed;
  },
};
