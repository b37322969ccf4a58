// Action inputs, parsed like every other boundary: each action declares a zod schema whose keys are
// its input names (as in action.yml), and a bad value is one line naming the input.
import * as core from '@actions/core';
import { parseWith } from '@modelgate/core';
import { z } from 'zod';

/**
 * Reads every input the schema names (an empty input is absent, as the runner leaves unset inputs
 * empty) and parses them: `input "bootstrap": expected an integer, got "many"`.
 */
export function readInputs<S extends z.ZodObject>(schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = core.getInput(name);
    if (value !== '') raw[name] = value;
  }
  return parseWith(schema, raw, null, (name) => `input "${name}": `);
}

/** An action's inputs: keys are the input names of its action.yml, values `input.*` schemas. */
export function inputsSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape);
}

// Worded as parseWith words any missing value (`input "command": required string is missing`).
const missing = (issue: { input?: unknown }) => (issue.input === undefined ? 'required string is missing' : undefined);

/** Building blocks for input schemas; each keeps the exact text GitHub passed in its message. */
export const input = {
  text: () => z.string(),

  oneOf: <const T extends readonly [string, ...string[]]>(choices: T) =>
    z.enum(choices, { error: (issue) => missing(issue) ?? `expected one of ${choices.join(', ')}, got "${String(issue.input)}"` }),

  /** `true` or `false` (any case), as GitHub's getBooleanInput reads them: a typo is an error, never a silent false. */
  boolean: () =>
    z.string().transform((raw, context) => {
      if (/^true$/i.test(raw)) return true;
      if (/^false$/i.test(raw)) return false;
      context.addIssue({ code: 'custom', message: `expected true or false, got "${raw}"` });
      return z.NEVER;
    }),

  number: (limits: { integer?: boolean; min?: number; max?: number } = {}) =>
    z.string().transform((raw, context) => {
      const value = Number(raw);
      const kind = limits.integer ? 'an integer' : 'a number';
      if (raw.trim() === '' || !Number.isFinite(value) || (limits.integer && !Number.isInteger(value))) {
        context.addIssue({ code: 'custom', message: `expected ${kind}, got "${raw}"` });
      } else if (limits.min !== undefined && value < limits.min) {
        context.addIssue({ code: 'custom', message: `expected ${kind} of at least ${limits.min}, got ${raw}` });
      } else if (limits.max !== undefined && value > limits.max) {
        context.addIssue({ code: 'custom', message: `expected ${kind} of at most ${limits.max}, got ${raw}` });
      } else return value;
      return z.NEVER;
    }),

  /** One entry per line; blank lines and `#` comments are allowed in the YAML block. */
  lines: () =>
    z.string().transform((raw) =>
      raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#')),
    ),
};
