import * as core from '@actions/core';
import { InputError } from '@modelgate/core';

/** A trimmed input, or undefined when empty. */
export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

export function requiredInput(name: string): string {
  const value = optionalInput(name);
  if (value === undefined) throw new InputError(`input "${name}" is required`);
  return value;
}

/** Booleans are read strictly: a typo is an error, never a silent false. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const value = optionalInput(name);
  if (value === undefined) return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new InputError(`input "${name}": expected true or false, got "${value}"`);
}

export function positiveIntegerInput(name: string): number | undefined {
  const value = optionalInput(name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InputError(`input "${name}": expected a positive whole number, got "${value}"`);
  return number;
}
