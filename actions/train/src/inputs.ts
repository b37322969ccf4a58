import { input, inputsSchema, readInputs as readActionInputs } from '@modelgate/github';

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

const schema = inputsSchema({
  command: input.text(),
  name: input.text().default('model'),
  params: input.text().optional(),
  data: input.lines().default([]),
  'model-dir': input.text().optional(),
  metrics: input.text().optional(),
  'run-dir': input.text().default('.modelgate/run'),
  'artifact-name': input.text().optional(),
  upload: input.boolean().default(true),
  'retention-days': input.number({ integer: true, min: 1, max: 90 }).optional(),
  'working-directory': input.text().optional(),
});

export function readInputs(): TrainInputs {
  const raw = readActionInputs(schema);
  return {
    command: raw.command,
    name: raw.name,
    params: raw.params,
    data: raw.data,
    modelDir: raw['model-dir'],
    metrics: raw.metrics,
    runDir: raw['run-dir'],
    artifactName: raw['artifact-name'] ?? `${raw.name}-model`,
    upload: raw.upload,
    retentionDays: raw['retention-days'],
    workingDirectory: raw['working-directory'],
  };
}
