import * as core from '@actions/core';
import { InputError } from '@modelgate/core';

const failOnLevels = ['error', 'warn', 'never'] as const;
const formats = ['csv', 'jsonl', 'parquet'] as const;

/** Every input of actions/validate-data, read and checked before any work starts. */
export interface ValidateInputs {
  data: string[];
  schema: string;
  failOn: (typeof failOnLevels)[number];
  format: (typeof formats)[number] | undefined;
  reportPath: string;
}

export function readInputs(): ValidateInputs {
  const data = core
    .getMultilineInput('data', { required: true })
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (data.length === 0) throw new InputError('data: give at least one path or glob');
  return {
    data,
    schema: core.getInput('schema', { required: true }),
    failOn: oneOf('fail-on', failOnLevels, 'error'),
    format: core.getInput('format') ? oneOf('format', formats, 'csv') : undefined,
    reportPath: core.getInput('report-path') || '.modelgate/validation/report.json',
  };
}

function oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(choices as readonly string[]).includes(value)) throw new InputError(`${name}: expected one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}
