import type { CommandGroup, CommandSpec } from './command.ts';

export function commandHelp(command: CommandSpec): string {
  const lines = [`Usage: modelgate ${command.name} ${command.usage}`, '', command.summary, '', 'Options:'];
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const extra = [spec.multiple ? 'repeatable' : '', spec.default !== undefined ? `default: ${spec.default}` : ''].filter(Boolean).join('; ');
    return [flag, extra ? `${spec.description} (${extra})` : spec.description] as const;
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  for (const [flag, description] of rows) lines.push(`  ${flag.padEnd(width)}  ${description}`);
  if (command.details) lines.push('', command.details.trimEnd());
  lines.push('', 'Exit codes: 0 ok, 1 a check failed, 2 usage or input error.');
  return `${lines.join('\n')}\n`;
}

export function mainHelp(commands: readonly (CommandSpec | CommandGroup)[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `modelgate ${version}: CI/CD for machine learning, the same logic locally and in GitHub Actions.`,
    '',
    'Usage: modelgate <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `modelgate <command> --help` for the options of one command.',
    'Exit codes: 0 ok, 1 a check failed, 2 usage or input error.',
    '',
  ].join('\n');
}

export function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.subcommands.map((c) => c.name.length));
  return [
    `Usage: modelgate ${group.name} <command> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...group.subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    ...(group.details ? ['', group.details.trimEnd()] : []),
    '',
    `Run \`modelgate ${group.name} <command> --help\` for the options of one command.`,
    'Exit codes: 0 ok, 1 a check failed, 2 usage or input error.',
    '',
  ].join('\n');
}
