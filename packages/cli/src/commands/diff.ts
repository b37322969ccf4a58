import { ExitCode } from '@modelgate/core';
import type { CommandSpec } from '../command.ts';
import { emitReport } from '../render-output.ts';
import { reportFromOptions, reviewOptions } from '../review-inputs.ts';

export const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Compare metrics files: direction-aware change per metric, noise, gate results, what changed, trend, data quality',
  usage: '--base FILE --head FILE [--config modelgate.yml] [--format text|markdown|json] [--base-run run.json --head-run run.json] [--history history.jsonl] [--validation report.json] [--drift drift.json]',
  options: {
    base: { type: 'string', value: 'FILE', multiple: true, description: 'metrics of the base (e.g. main branch): JSON, YAML, CSV name,value or a bare number; one per --head, in order' },
    head: { type: 'string', value: 'FILE', multiple: true, description: 'metrics of the head (this change); several files or globs are shown per file, as DVC does' },
    'base-run': { type: 'string', value: 'FILE', description: 'run.json of the base model (modelgate train): with --head-run, the "what changed" section' },
    'head-run': { type: 'string', value: 'FILE', description: 'run.json of the head model' },
    history: { type: 'string', value: 'FILE', description: 'history.jsonl of the default branch (actions/report writes it): the trend of the gated metrics' },
    validation: { type: 'string', value: 'FILE', description: 'output of modelgate validate: a data-quality line and the failed checks' },
    drift: { type: 'string', value: 'FILE', description: 'output of modelgate drift: a data-drift line and the drifted columns' },
    ...reviewOptions,
  },
  details: [
    'Nested keys flatten to dotted names (eval.test.auc). Lower is better for names containing loss, error,',
    'mae, mse, rmse, mape, latency or time, and for metrics configured so; higher otherwise.',
    'With several --head files (or a glob), each metric is named FILE:METRIC and compared with the --base',
    'given in the same position; a gate rule on METRIC applies in every file, on FILE:METRIC in one.',
    'A side file (--head-run, --base-run, --history, --validation, --drift) that does not exist exits 2; a malformed',
    'one is a warning and its section is left out. The markdown format draws the curves of modelgate',
    'evaluate outputs and the trend as Mermaid charts.',
    'The exit code is 0 whatever the change; use `modelgate gate` to fail on thresholds.',
  ].join('\n'),
  async run(context) {
    // --base stays required, as before several files: a diff without one is almost always a slip.
    const report = await reportFromOptions(context, context.requireStrings('head'), context.requireStrings('base'), {
      headRun: context.string('head-run'),
      baseRun: context.string('base-run'),
      history: context.string('history'),
      validation: context.string('validation'),
      drift: context.string('drift'),
    });
    await emitReport(context, report);
    return ExitCode.ok;
  },
};
