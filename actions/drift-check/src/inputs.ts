import { input, inputsSchema, readInputs as readActionInputs } from '@modelgate/github';

/** Every input of actions/drift-check, read and checked before any work starts. */
export interface DriftCheckInputs {
  reference: string[];
  current: string[];
  config: string | undefined;
  name: string;
  issue: boolean;
  dispatchWorkflow: string | undefined;
  failOnDrift: boolean;
  token: string;
}

const schema = inputsSchema({
  reference: input.lines().refine((lines) => lines.length > 0, 'name at least one file'),
  current: input.lines().refine((lines) => lines.length > 0, 'name at least one file'),
  config: input.text().optional(),
  name: input.text().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (at most 64)').default('default'),
  issue: input.boolean().default(true),
  'dispatch-workflow': input.text().regex(/^[\w.-]+\.ya?ml$/, 'expected a workflow file name such as retrain.yml').optional(),
  'fail-on-drift': input.boolean().default(false),
  'github-token': input.text(),
});

export function readInputs(): DriftCheckInputs {
  const raw = readActionInputs(schema);
  return {
    reference: raw.reference,
    current: raw.current,
    config: raw.config,
    name: raw.name,
    issue: raw.issue,
    dispatchWorkflow: raw['dispatch-workflow'],
    failOnDrift: raw['fail-on-drift'],
    token: raw['github-token'],
  };
}
