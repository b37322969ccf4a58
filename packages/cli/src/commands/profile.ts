import { relative, resolve } from 'node:path';
import { type DataProfile, ExitCode, InputError, type ProfileState, formatCount } from '@modelgate/core';
import { isGlob, loadConfig, matchDataFiles, mergeProfileFiles, profileFiles, profileText, writeFileAtomic } from '@modelgate/data';
import type { CommandContext, CommandSpec } from '../command.ts';

export const profileCommand: CommandSpec = {
  name: 'profile',
  summary: 'Summarise data files into a small mergeable profile that modelgate drift compares (or merge profiles)',
  usage: 'DATA... --output P.json [--columns a,b] [--config modelgate.yml]\n       modelgate profile merge A.json B.json... --output P.json',
  options: {
    output: { type: 'string', value: 'FILE', description: 'write the profile here (atomically); required' },
    columns: { type: 'string', value: 'a,b', description: 'only these columns (comma-separated)', default: 'every column' },
    config: { type: 'string', value: 'FILE', description: 'modelgate.yml; drift.categorical and drift.null_values decide how values are read, as for drift', default: './modelgate.yml if present' },
    format: { type: 'string', value: 'FORMAT', description: 'csv, jsonl or parquet; by default from each extension' },
    delimiter: { type: 'string', value: 'CHAR', description: 'CSV field separator', default: ', (tab for .tsv)' },
    threads: { type: 'string', value: 'N', description: 'threads for a large plain CSV or JSONL (byte ranges) or Parquet (row groups)', default: 'one per core, at most 4' },
  },
  details: [
    'DATA: files or globs (quoted: \'data/*.csv\'), all profiled into one profile. Per column the profile holds the rows,',
    'nulls, NaN and infinities; count, mean, M2, min and max of the finite numbers; their exact distinct values up to',
    '1,000, past that a KLL quantile sketch (k = 1024, rank error 0.35% over all queries at once, 99% confidence);',
    'up to 1,000 text categories with exact counts (the rest pooled into one count); a HyperLogLog distinct count',
    '(1.6%). At most ~33 KB per numeric column whatever the row count; memory stays flat as files grow.',
    '`modelgate profile merge` adds profiles (files or globs: the shards of a matrix) into the profile of all their data: counts,',
    'categories and distinct counts exactly, in any order; the sketches within their error. Profiles made with',
    'another version, k or config are refused. Only --output applies to merge (the profiles carry their settings).',
    '`modelgate drift` takes a profile for --reference or --current.',
    'A data file named merge must be written ./merge.',
  ].join('\n'),
  async run(context) {
    const output = context.requireString('output');
    const started = performance.now();
    const merging = context.positionals[0] === 'merge';
    const profile = merging ? await mergeProfiles(context) : await profileData(context);
    const state = profile.toJSON();
    const text = profileText(state);
    await writeFileAtomic(resolve(context.io.cwd, output), text);
    const seconds = (performance.now() - started) / 1000;
    context.io.out(summary(state, merging, output, text.length, seconds));
    return ExitCode.ok;
  },
};

async function profileData(context: CommandContext): Promise<DataProfile> {
  context.positional(0, 'DATA file');
  const { cwd } = context.io;
  const configPath = context.string('config');
  const { config } = await loadConfig(configPath === undefined ? undefined : resolve(cwd, configPath), cwd);
  const columnsText = context.string('columns');
  const columns = columnsText?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const format = context.choice('format', ['csv', 'jsonl', 'parquet'] as const);
  const delimiter = context.string('delimiter');
  const threads = context.number('threads', { integer: true, min: 1, max: 64 });
  return profileFiles(context.positionals, {
    cwd,
    categorical: new Set(config.drift.categorical),
    nullValues: config.drift.null_values,
    ...(columns ? { columns } : {}),
    ...(format ? { format } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(threads !== undefined ? { threads } : {}),
  });
}

async function mergeProfiles(context: CommandContext): Promise<DataProfile> {
  const files = context.positionals.slice(1);
  if (files.length === 0) throw new InputError('profile merge: give the profiles to merge (see: modelgate profile --help)');
  for (const option of ['columns', 'config', 'format', 'delimiter', 'threads'] as const) {
    if (context.string(option) !== undefined) throw new InputError(`profile merge: --${option} applies when profiling data, not when merging profiles`);
  }
  // Globs too (quoted, for runners whose shell does not expand them): the order does not matter.
  const { cwd } = context.io;
  const paths = files.some(isGlob) ? await matchDataFiles(files, cwd, 'profiles') : files.map((file) => resolve(cwd, file));
  return mergeProfileFiles(paths.map((path) => ({ path, label: relative(cwd, path) || path })));
}

function summary(state: ProfileState, merged: boolean, output: string, bytes: number, seconds: number): string {
  const files = state.sources.total;
  const columns = state.columns.length;
  const what = `${merged ? 'merged profiles of' : 'profiled'} ${files} file${files === 1 ? '' : 's'}`;
  const lines = [
    `${what}: ${formatCount(state.rows)} rows, ${columns} column${columns === 1 ? '' : 's'} in ${seconds.toFixed(2)} s`,
    ...state.columns.map((column) => {
      const type = column.held_text ? 'categorical' : 'numeric';
      const { estimate, exact } = column.distinct;
      const size = JSON.stringify(column).length;
      return `  ${column.name}: ${type}, ${column.rows - column.nulls} values (${column.nulls} null, ${column.nan} NaN, ${column.infinite} infinite), ${exact ? '' : '~'}${estimate} distinct, ${kb(size)}`;
    }),
    `wrote ${output} (${kb(bytes)}, ${kb(columns === 0 ? 0 : bytes / columns)} per column)`,
  ];
  return `${lines.join('\n')}\n`;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
