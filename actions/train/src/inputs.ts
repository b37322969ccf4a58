import * as core from '@actions/core';
import { InputError } from '@modelgate/core';

/** Every input of actions/train, read and checked once before any work starts. */
export interface TrainInputs {
  command: string;
  name: string;
  params: string | undefined;
  data: string[];
  modelDir: string | undefined;
  metrics: string | undefined;
  runDir: string;
  artifactName: string;
  upload: boolean;
  retentionDays: number | undefined;
  workingDirectory: string | undefined;
}

export function readInputs(): TrainInputs {
  const optional = (name: string) => core.getInput(name) || undefined;
  const name = core.getInput('name') || 'model';
  const retention = optional('retention-days');
  const retentionDays = retention === undefined ? undefined : Number(retention);
  if (retentionDays !== undefined && !(Number.isInteger(retentionDays) && retentionDays >= 1 && retentionDays <= 90)) {
    throw new InputError(`retention-days: expected a whole number of days from 1 to 90, got "${retention}"`);
  }
  return {
    command: core.getInput('command', { required: true }),
    name,
    params: optional('params'),
    // One path per line; blank lines and `#` comments are allowed in the YAML block.
    data: core
      .getMultilineInput('data')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
    modelDir: optional('model-dir'),
    metrics: optional('metrics'),
    runDir: core.getInput('run-dir') || '.modelgate/run',
    artifactName: core.getInput('artifact-name') || `${name}-model`,
    // getBooleanInput accepts only YAML booleans and throws naming the input: a typo never means false.
    upload: core.getBooleanInput('upload'),
    retentionDays,
    workingDirectory: optional('working-directory'),
  };
}
