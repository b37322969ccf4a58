import { parseArgs } from 'node:util';
import { ExitCode, InputError, errorMessage, nearest, oneLine } from '@modelgate/core';
import { CommandContext, type CommandGroup, type CommandSpec, type Io } from './command.ts';
import { commands } from './commands/index.ts';
import { commandHelp, groupHelp, mainHelp } from './help.ts';

export { version } from './version.ts';
import { version } from './version.ts';

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Run one CLI invocation and return its exit code; never throws, never prints a stack trace. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp(commands, version));
    return name === undefined ? ExitCode.inputError : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return ExitCode.ok;
  }
  const found = commands.find((c) => c.name === name);
  if (!found) {
    const suggestion = nearest(name, commands.map((c) => c.name));
    io.err(`modelgate: unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; run \`modelgate --help\` for the list\n`);
    return ExitCode.inputError;
  }
  const command = isGroup(found) ? subcommandOf(found, args[0], io) : found;
  if (typeof command === 'number') return command;
  try {
    const context = parseCommandArgs(command, isGroup(found) ? args.slice(1) : args, io);
    if (context === 'help') {
      io.out(commandHelp(command));
      return ExitCode.ok;
    }
    return await command.run(context);
  } catch (error) {
    return reportError(error, io);
  }
}

function isGroup(command: CommandSpec | CommandGroup): command is CommandGroup {
  return 'subcommands' in command;
}

/** The subcommand `sub` names (`registry promote`), else the exit code once help or the error is printed. */
function subcommandOf(group: CommandGroup, sub: string | undefined, io: Io): CommandSpec | number {
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(groupHelp(group));
    return sub === undefined ? ExitCode.inputError : ExitCode.ok;
  }
  const subcommand = group.subcommands.find((c) => c.name === `${group.name} ${sub}`);
  if (subcommand) return subcommand;
  const names = group.subcommands.map((c) => c.name.slice(group.name.length + 1));
  const suggestion = nearest(sub, names);
  io.err(`modelgate: unknown command "${group.name} ${sub}"${suggestion ? ` (did you mean "${group.name} ${suggestion}"?)` : ''}; one of: ${names.join(', ')}\n`);
  return ExitCode.inputError;
}

function parseCommandArgs(command: CommandSpec, args: string[], io: Io): CommandContext | 'help' {
  const split = command.passThrough ? args.indexOf('--') : -1;
  const own = split >= 0 ? args.slice(0, split) : args;
  const rest = split >= 0 ? args.slice(split + 1) : [];
  if (own.includes('--help') || own.includes('-h')) return 'help';
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [key, spec] of Object.entries(command.options)) {
    options[key] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const parsed = parseArgs({ args: own, options, allowPositionals: true, strict: true });
    return new CommandContext(command, parsed.values as CommandContext['values'], parsed.positionals, rest, io);
  } catch (error) {
    throw new InputError(describeArgError(command, errorMessage(error)));
  }
}

// node:util's messages are long and mention internals; name the option and the nearest valid one.
function describeArgError(command: CommandSpec, message: string): string {
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(message);
  if (unknown) {
    const suggestion = nearest(unknown[2]!, Object.keys(command.options));
    const hint = suggestion ? ` (did you mean --${suggestion}?)` : '';
    return `${command.name}: unknown option ${unknown[1]}${unknown[2]}${hint}; see \`modelgate ${command.name} --help\``;
  }
  const missing = /Option '(?:-\w, )?--([^ ]+) <value>' argument missing/.exec(message);
  if (missing) return `${command.name}: option --${missing[1]} needs a value`;
  return `${command.name}: ${oneLine(message.split('. To specify')[0] ?? message)}`;
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof InputError) {
    io.err(`modelgate: ${oneLine(error.message)}\n`);
    return ExitCode.inputError;
  }
  // A bug of ours: still one line, with a way to see the stack when asked.
  io.err(`modelgate: internal error: ${oneLine(errorMessage(error))} (set MODELGATE_DEBUG=1 for details)\n`);
  if (io.env.MODELGATE_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return ExitCode.inputError;
}
