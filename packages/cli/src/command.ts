import { InputError } from '@modelgate/core';

/** One option of a command, described once: the parser, `--help` and the README all read it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  short?: string;
  multiple?: boolean;
  /** Shown in help; the command applies it. */
  default?: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Usage line after `modelgate NAME`, e.g. `--base FILE --head FILE [options]`. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Extra help text (positionals, examples, exit codes). */
  details?: string;
  /** Accept `-- command...` after the options (train). */
  passThrough?: boolean;
  run(context: CommandContext): Promise<number>;
}

/** A command made of subcommands (`modelgate registry promote ...`); each subcommand's name includes the group's. */
export interface CommandGroup {
  name: string;
  summary: string;
  subcommands: CommandSpec[];
  details?: string;
}

/** Where a command writes; the CLI passes the process streams, tests pass buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colour, widths). */
  isTty: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Parsed argv with typed accessors that turn a bad or missing option into an InputError (exit 2). */
export class CommandContext {
  readonly command: CommandSpec;
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
  /** Everything after `--` (only for commands with passThrough). */
  readonly rest: string[];
  readonly io: Io;

  constructor(command: CommandSpec, values: CommandContext['values'], positionals: string[], rest: string[], io: Io) {
    this.command = command;
    this.values = values;
    this.positionals = positionals;
    this.rest = rest;
    this.io = io;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (Array.isArray(value)) return value.at(-1);
    return typeof value === 'string' ? value : undefined;
  }

  requireString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw new InputError(`missing required option --${name} (see: modelgate ${this.command.name} --help)`);
    return value;
  }

  /** Every value of a repeatable option, which must be given (checked as requireString checks its last). */
  requireStrings(name: string): string[] {
    this.requireString(name);
    return this.strings(name);
  }

  strings(name: string): string[] {
    const value = this.values[name];
    if (Array.isArray(value)) return value;
    return typeof value === 'string' ? [value] : [];
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  number(name: string, options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    const kind = options.integer ? 'an integer' : 'a number';
    if (raw.trim() === '' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
      throw new InputError(`--${name}: expected ${kind}, got "${raw}"`);
    }
    if (options.min !== undefined && value < options.min) throw new InputError(`--${name}: must be at least ${options.min}, got ${raw}`);
    if (options.max !== undefined && value > options.max) throw new InputError(`--${name}: must be at most ${options.max}, got ${raw}`);
    return value;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback?: T): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!(choices as readonly string[]).includes(raw)) throw new InputError(`--${name}: expected one of ${choices.join(', ')}, got "${raw}"`);
    return raw as T;
  }

  positional(index: number, name: string): string {
    const value = this.positionals[index];
    if (value === undefined) throw new InputError(`missing ${name} (see: modelgate ${this.command.name} --help)`);
    return value;
  }
}
