import { resolve } from 'node:path';
import { ExitCode, formatCount } from '@modelgate/core';
import { MAX_CATEGORIES, inferSchema, schemaText, writeFileAtomic } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';

export const inferSchemaCommand: CommandSpec = {
  name: 'infer-schema',
  summary: 'Write a data schema that a CSV, JSONL or Parquet file satisfies, to review and tighten',
  usage: 'DATA [--output schema.yml] [--format csv|jsonl|parquet]',
  options: {
    output: { type: 'string', value: 'FILE', description: 'write the schema here (.json for JSON, YAML otherwise); stdout by default' },
    format: { type: 'string', value: 'FORMAT', description: 'csv, jsonl or parquet; by default from the extension' },
    delimiter: { type: 'string', value: 'CHAR', description: 'CSV field separator', default: ', (tab for .tsv)' },
    'null-value': { type: 'string', value: 'TOKEN', multiple: true, description: 'also read TOKEN as null (e.g. NA)' },
    'max-categories': { type: 'string', value: 'N', description: 'string columns with at most N distinct values get an allowed set', default: String(MAX_CATEGORIES) },
  },
  details: [
    'Infers per column: type (integer, number, boolean, date, datetime, category, string), nullable, the',
    'observed min and max, an allowed set for string columns with repeated values and at most 100 distinct',
    'values (as TFDV does), and unique for integer and string columns without repeats.',
  ].join('\n'),
  async run(context) {
    const data = resolve(context.io.cwd, context.positional(0, 'DATA file'));
    const format = context.choice('format', ['csv', 'jsonl', 'parquet'] as const);
    const delimiter = context.string('delimiter');
    const nullValues = context.strings('null-value');
    const maxCategories = context.number('max-categories', { integer: true, min: 0 });
    const { schema, rows } = await inferSchema(data, {
      ...(format ? { format } : {}),
      ...(delimiter ? { delimiter } : {}),
      ...(nullValues.length > 0 ? { nullValues } : {}),
      ...(maxCategories !== undefined ? { maxCategories } : {}),
    });
    const output = context.string('output');
    const header = `Inferred by modelgate infer-schema from ${context.positional(0, 'DATA file')} (${formatCount(rows)} rows).\nReview it: ranges and allowed sets describe this file, not what the data should be.`;
    const text = schemaText(schema, { json: output?.toLowerCase().endsWith('.json') ?? false, header });
    if (output) {
      await writeFileAtomic(resolve(context.io.cwd, output), text);
      context.io.out(`wrote ${output} (${Object.keys(schema.columns).length} columns, ${formatCount(rows)} rows)\n`);
    } else {
      context.io.out(text);
    }
    return ExitCode.ok;
  },
};
