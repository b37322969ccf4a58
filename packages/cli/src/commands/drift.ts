import { resolve } from 'node:path';
import { DRIFT_METHODS, ExitCode, parseMethodList, renderDriftText } from '@modelgate/core';
import { driftFiles, loadConfig, writeFileAtomic } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';

export const driftCommand: CommandSpec = {
  name: 'drift',
  summary: 'Compare the distribution of every column between a reference and a current data file (scipy-exact statistics) or profiles',
  usage: '--reference FILE --current FILE [--columns a,b] [--method auto|ks,psi,...] [--threshold X] [--fail-on-drift] [--config modelgate.yml] --output drift.json',
  options: {
    reference: { type: 'string', value: 'FILE', description: 'reference data (training data, last month): CSV, TSV, JSONL (optionally gzipped) or Parquet, or a profile (modelgate profile)' },
    current: { type: 'string', value: 'FILE', description: 'current data or profile, same formats' },
    columns: { type: 'string', value: 'a,b', description: 'only these columns (comma-separated)', default: 'every column of either file' },
    method: { type: 'string', value: 'M', description: `auto, or one or more of ${DRIFT_METHODS.join(', ')} (comma-separated: every one on every column)`, default: 'auto, or drift.method in the config' },
    threshold: { type: 'string', value: 'X', description: 'for every column: a p-value for ks/chisquare/ztest (drift when p < X), a distance for the others (drift when statistic >= X)', default: '0.05 and 0.1' },
    'fail-on-drift': { type: 'boolean', description: 'exit 1 when the data set drifted (the report is still written)' },
    config: { type: 'string', value: 'FILE', description: 'modelgate.yml; its drift: section names categorical columns, per-column methods and thresholds, drift_share, null_values', default: './modelgate.yml if present' },
    format: { type: 'string', value: 'FORMAT', description: 'csv, jsonl or parquet for both files; by default from each extension' },
    delimiter: { type: 'string', value: 'CHAR', description: 'CSV field separator', default: ', (tab for .tsv)' },
    output: { type: 'string', value: 'FILE', description: 'write the JSON report here (atomically)' },
  },
  details: [
    'Methods (statistic; drift when):',
    '  ks           two-sample Kolmogorov-Smirnov D, scipy ks_2samp p-value (exact up to 10,000 rows); p < 0.05',
    '  wasserstein  W1 / max(std(reference), 0.001); >= 0.1',
    '  psi          population stability index on the reference deciles (or categories); >= 0.1',
    '  js           Jensen-Shannon distance, natural log, same bins as psi; >= 0.1',
    '  chisquare    chi-square of current counts against reference shares; p < 0.05',
    '  ztest        two-proportion z-test (binary columns), |z|; p < 0.05',
    '  linf         L-infinity distance between category shares; >= 0.1',
    'auto (as Evidently): reference of at most 1,000 values: ks for numbers, chisquare for more than 2',
    'categories, ztest for 2; larger references: wasserstein for numbers, js for categories. A numeric',
    'column with at most 5 distinct reference values is categorical. The data set drifted when at least',
    'drift_share (0.5) of the tests did. A column missing on one side is a schema change and counts as',
    'drifted; an all-null or constant column is listed as not tested. NaN and infinities are counted and',
    'left out. Exit 2 (one line, no report) only when nothing can be tested.',
    'Either side may be a profile (recognised by its content): the other side, if data, is profiled on the way',
    'and the statistics come from the sketches, each entry with sketch_error, the bound within which it matches',
    'the exact statistic (KLL rank errors at 99% confidence; category counts are exact up to 1,000 per column).',
  ].join('\n'),
  async run(context) {
    const { cwd } = context.io;
    const at = (path: string) => resolve(cwd, path);
    const referencePath = context.requireString('reference');
    const currentPath = context.requireString('current');
    const methodText = context.string('method');
    const methods = methodText === undefined ? undefined : parseMethodList(methodText, '--method');
    const threshold = context.number('threshold', { min: 0 });
    const format = context.choice('format', ['csv', 'jsonl', 'parquet'] as const);
    const delimiter = context.string('delimiter');
    const columnsText = context.string('columns');
    const columns = columnsText === undefined ? undefined : columnsText.split(',').map((name) => name.trim()).filter((name) => name !== '');
    const configPath = context.string('config');
    const { config } = await loadConfig(configPath === undefined ? undefined : at(configPath), cwd);
    const report = await driftFiles({
      reference: at(referencePath),
      current: at(currentPath),
      referenceLabel: referencePath,
      currentLabel: currentPath,
      config: config.drift,
      ...(columns ? { columns } : {}),
      ...(methods ? { methods } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(format ? { format } : {}),
      ...(delimiter ? { delimiter } : {}),
    });
    const output = context.string('output');
    if (output) await writeFileAtomic(at(output), `${JSON.stringify(report, null, 2)}\n`);
    context.io.out(renderDriftText(report));
    if (output) context.io.out(`wrote ${output}\n`);
    return report.drifted && context.flag('fail-on-drift') ? ExitCode.checkFailed : ExitCode.ok;
  },
};
