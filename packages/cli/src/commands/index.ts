import type { CommandSpec } from '../command.ts';
import { compareCommand } from './compare.ts';
import { evaluateCommand } from './evaluate.ts';
import { trainCommand } from './train.ts';

/** Every `modelgate` command, in the order `--help` lists them. Add new commands here. */
export const commands: CommandSpec[] = [trainCommand, evaluateCommand, compareCommand];
