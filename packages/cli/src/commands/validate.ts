import { resolve } from 'node:path';
import { ExitCode, failsOn, renderValidationMarkdown, renderValidationText } from '@modelgate/core';
import { loadValidationSchema, validateFile, writeFileAtomic } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check a CSV, JSONL or Parquet file against a data schema; exit 1 when an error-level check fails',
  usage: 'DATA --schema FILE [--format csv|jsonl|parquet] [--output report.json] [--markdown FILE]',
  options: {
    schema: { type: 'string', value: 'FILE', description: 'schema (YAML or JSON); `modelgate infer-schema DATA` writes a first one' },
    format: { type: 'string', value: 'FORMAT', description: 'csv, jsonl or parquet; by default from the extension (.csv .tsv .jsonl .ndjson .parquet, optionally .gz)' },
    delimiter: { type: 'string', value: 'CHAR', description: 'CSV field separator', default: ', (tab for .tsv)' },
    output: { type: 'string', value: 'FILE', description: 'write the JSON report here' },
    markdown: { type: 'string', value: 'FILE', description: 'write the markdown rendering here (job summary, PR comment)' },
    'fail-on': { type: 'string', value: 'LEVEL', description: 'exit 1 when a check of this level fails: error, warn or never', default: 'error' },
    threads: { type: 'string', value: 'N', description: 'threads for a large plain CSV (byte ranges) or Parquet (row groups); 1 uses less memory (~15 MB for CSV, ~45 MB for Parquet) and more time', default: 'one per core, at most 4' },
    verbose: { type: 'boolean', short: 'v', description: 'list passing checks too' },
  },
  details: [
    'DATA is one file. The JSON report is {passed, rows, columns, checks: [{column, check, severity, passed,',
    'failed, failed_share, examples: [{row, value}], message}]}; failed is the exact count, examples the first 20',
    'failing rows (1-based data rows, header excluded).',
    'A column `pattern` is a JavaScript regular expression compiled with the u (Unicode) flag that must match the',
    'whole value; identity escapes such as \\- outside a class, which Python accepts, are errors there.',
    'Unreadable data (unbalanced quote, ragged row, invalid UTF-8, corrupt Parquet, empty or missing file) and',
    'schema problems exit 2 with one line, and no report is written.',
  ].join('\n'),
  async run(context) {
    const data = resolve(context.io.cwd, context.positional(0, 'DATA file'));
    const failOn = context.choice('fail-on', ['error', 'warn', 'never'] as const, 'error')!;
    const format = context.choice('format', ['csv', 'jsonl', 'parquet'] as const);
    const schema = await loadValidationSchema(resolve(context.io.cwd, context.requireString('schema')));
    const delimiter = context.string('delimiter');
    const threads = context.number('threads', { integer: true, min: 1, max: 64 });
    const report = await validateFile(data, schema, { ...(format ? { format } : {}), ...(delimiter ? { delimiter } : {}), ...(threads !== undefined ? { threads } : {}) });
    const output = context.string('output');
    if (output) await writeFileAtomic(resolve(context.io.cwd, output), `${JSON.stringify(report, null, 2)}\n`);
    const markdown = context.string('markdown');
    if (markdown) await writeFileAtomic(resolve(context.io.cwd, markdown), renderValidationMarkdown(report));
    context.io.out(renderValidationText(report, { color: context.io.isTty && !context.io.env.NO_COLOR, verbose: context.flag('verbose') }));
    return failsOn(report, failOn) ? ExitCode.checkFailed : ExitCode.ok;
  },
};
