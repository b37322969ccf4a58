import { afterEach, describe, expect, it } from 'vitest';
import { input, inputsSchema, readInputs } from './inputs.ts';

const schema = inputsSchema({
  command: input.text(),
  level: input.oneOf(['error', 'warn']).default('error'),
  upload: input.boolean().default(true),
  seed: input.number({ integer: true, min: 0, max: 10 }).optional(),
  data: input.lines().default([]),
});

/** Inputs as the runner passes them: INPUT_<NAME> environment variables. */
function withInputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) process.env[`INPUT_${name.toUpperCase()}`] = value;
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
});

describe('readInputs', () => {
  it('parses every input the schema names, with defaults for the empty ones', () => {
    withInputs({ command: 'python train.py', upload: 'False', seed: '7', data: 'a.csv\n\n# a comment\n  b.csv  \n', level: '' });
    expect(readInputs(schema)).toEqual({ command: 'python train.py', level: 'error', upload: false, seed: 7, data: ['a.csv', 'b.csv'] });
  });

  it('names each bad input in one line, up to three problems', () => {
    withInputs({ level: 'loud', upload: 'yes', seed: '7.5' });
    expect(() => readInputs(schema)).toThrow(
      'input "command": required string is missing; input "level": expected one of error, warn, got "loud"; input "upload": expected true or false, got "yes" (and 1 more problem)',
    );
  });

  it('checks number limits', () => {
    withInputs({ command: 'x', seed: '11' });
    expect(() => readInputs(schema)).toThrow('input "seed": expected an integer of at most 10, got 11');
    withInputs({ seed: 'many' });
    expect(() => readInputs(schema)).toThrow('input "seed": expected an integer, got "many"');
  });
});
