import { relative, resolve } from 'node:path';
import { ExitCode, failsOn, renderValidationMarkdown, renderValidationText, type ValidationReport } from '@modelgate/core';
import { isGlob, loadValidationSchema, matchDataFiles, validateFile, writeFileAtomic } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check CSV, JSONL or Parquet files against a data schema; exit 1 when an error-level check fails',
  usage: 'DATA... --schema FILE [--format csv|jsonl|parquet] [--output report.json] [--markdown FILE]',
  options: {
    schema: { type: 'string', value: 'FILE', description: 'schema (YAML or JSON); `modelgate infer-schema DATA` writes a first one' },
    format: { type: 'string', value: 'FORMAT', description: 'csv, jsonl or parquet; by default from the extension (.csv .tsv .jsonl .ndjson .parquet, optionally .gz)' },
    delimiter: { type: 'string', value: 'CHAR', description: 'CSV field separator', default: ', (tab for .tsv)' },
    output: { type: 'string', value: 'FILE', description: 'write the JSON report here' },
    markdown: { type: 'string', value: 'FILE', description: 'write the markdown rendering here (job summary, PR comment)' },
    'fail-on': { type: 'string', value: 'LEVEL', description: 'exit 1 when a check of this level fails: error, warn or never', default: 'error' },
    threads: { type: 'string', value: 'N', description: 'threads for a large plain CSV or JSONL (byte ranges) or Parquet (row groups); 1 uses less memory (~15 MB for CSV, ~45 MB for Parquet) and more time', default: 'one per core, at most 4' },
    verbose: { type: 'boolean', short: 'v', description: 'list passing checks too' },
  },
  details: [
    'DATA is a file; several files or globs (quoted: \'data/*.csv\') give {passed, reports: [...]}, one report per',
    'file, as actions/validate-data writes. The JSON report is {passed, rows, columns, checks: [{column, check, severity, passed,',
    'failed, failed_share, examples: [{row, value}], message}]}; failed is the exact count, examples the first 20',
    'failing rows (1-based data rows, header excluded).',
    'A column `pattern` is a JavaScript regular expression compiled with the u (Unicode) flag that must match the',
    'whole value; identity escapes such as \\- outside a class, which Python accepts, are errors there.',
    'Unreadable data (unbalanced quote, ragged row, invalid UTF-8, corrupt Parquet, empty or missing file) and',
    'schema problems exit 2 with one line, and no report is written.',
  ].join('\n'),
  async run(context) {
    context.positional(0, 'DATA file');
    const { cwd } = context.io;
    const failOn = context.choice('fail-on', ['error', 'warn', 'never'] as const, 'error')!;
    const format = context.choice('format', ['csv', 'jsonl', 'parquet'] as const);
    const schema = await loadValidationSchema(resolve(cwd, context.requireString('schema')));
    const delimiter = context.string('delimiter');
    const threads = context.number('threads', { integer: true, min: 1, max: 64 });
    // One plain path gives one report, as the issue specifies; several paths or globs give
    // {passed, reports} in file order, what actions/validate-data writes for the same `data`.
    const single = context.positionals.length === 1 && !isGlob(context.positionals[0]!);
    const files = single ? [resolve(cwd, context.positionals[0]!)] : await matchDataFiles(context.positionals, cwd);
    const reports: ValidationReport[] = [];
    for (const file of files) {
      const report = await validateFile(file, schema, { ...(format ? { format } : {}), ...(delimiter ? { delimiter } : {}), ...(threads !== undefined ? { threads } : {}) });
      if (!single) report.source = { path: relative(cwd, file), format: report.source?.format ?? 'csv' };
      reports.push(report);
    }
    const passed = reports.every((report) => report.passed);
    const output = context.string('output');
    if (output) await writeFileAtomic(resolve(cwd, output), `${JSON.stringify(single ? reports[0] : { passed, reports }, null, 2)}\n`);
    const markdown = context.string('markdown');
    if (markdown) await writeFileAtomic(resolve(cwd, markdown), reports.map((report) => renderValidationMarkdown(report)).join('\n'));
    for (const report of reports) context.io.out(renderValidationText(report, { color: context.io.isTty && !context.io.env.NO_COLOR, verbose: context.flag('verbose') }));
    return reports.some((report) => failsOn(report, failOn)) ? ExitCode.checkFailed : ExitCode.ok;
  },
};
