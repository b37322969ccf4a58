import { input, inputsSchema, readInputs as readActionInputs } from '@modelgate/github';

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

const schema = inputsSchema({
  data: input.lines().refine((paths) => paths.length > 0, 'give at least one path or glob'),
  schema: input.text(),
  'fail-on': input.oneOf(failOnLevels).default('error'),
  format: input.oneOf(formats).optional(),
  'report-path': input.text().default('.modelgate/validation/report.json'),
});

export function readInputs(): ValidateInputs {
  const raw = readActionInputs(schema);
  return { data: raw.data, schema: raw.schema, failOn: raw['fail-on'], format: raw.format, reportPath: raw['report-path'] };
}
