export { main, processIo, version } from './main.ts';
export type { CommandSpec, Io, OptionSpec } from './command.ts';
export { CommandContext } from './command.ts';
