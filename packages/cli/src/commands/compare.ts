import { resolve } from 'node:path';
import { ExitCode, comparisonText, formatResultJson } from '@modelgate/core';
import { comparePredictionFiles, writeOutputFile } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';
import { bootstrapOptions, bootstrapSettings, predictionOptions, predictionSpec, printWarnings } from './evaluation-options.ts';

const DEFAULT_RESAMPLES = 1000;

export const compareCommand: CommandSpec = {
  name: 'compare',
  summary: 'Paired comparison of two models on the same rows: metric deltas with bootstrap intervals',
  usage: '--base-predictions FILE --head-predictions FILE --id-column C --task T --label-column C [column options] [--slice-by C] [--bootstrap N] [--seed S] --output FILE',
  options: {
    'base-predictions': { type: 'string', value: 'FILE', description: 'predictions of the base model (e.g. main branch)' },
    'head-predictions': { type: 'string', value: 'FILE', description: 'predictions of the head model (this change), same rows and labels' },
    'id-column': { type: 'string', value: 'C', description: 'column identifying each evaluation row in both files' },
    ...predictionOptions,
    'slice-by': { type: 'string', value: 'C', description: 'also compare every metric per value of column C (both files must agree on it per id); deltas named metric[C=value]' },
    bootstrap: { type: 'string', value: 'N', description: 'paired bootstrap resamples', default: String(DEFAULT_RESAMPLES) },
    ...bootstrapOptions,
  },
  details: [
    'Rows are joined by --id-column; both files must hold the same ids once each, with the same labels.',
    'Each resample draws the same rows for both models; delta = head - base, exactly the difference of the',
    'two metrics. "within noise" means the 95% interval of the delta contains 0. The exit code is 0 whatever',
    'the result; gate on it with `modelgate gate`.',
  ].join('\n'),
  async run(context) {
    const output = context.requireString('output');
    const { bootstrap = DEFAULT_RESAMPLES, ...settings } = bootstrapSettings(context);
    const result = await comparePredictionFiles({
      base: context.requireString('base-predictions'),
      head: context.requireString('head-predictions'),
      idColumn: context.requireString('id-column'),
      ...predictionSpec(context),
      ...(context.string('slice-by') !== undefined ? { sliceBy: context.string('slice-by')! } : {}),
      ...settings,
      bootstrap,
    });
    await writeOutputFile(resolve(context.io.cwd, output), formatResultJson(result), `--output ${output}`);
    context.io.out(comparisonText(result));
    printWarnings(context, result.warnings);
    context.io.out(`wrote ${output}\n`);
    return ExitCode.ok;
  },
};
