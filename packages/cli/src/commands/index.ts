import type { CommandSpec } from '../command.ts';
import { compareCommand } from './compare.ts';
import { diffCommand } from './diff.ts';
import { evaluateCommand } from './evaluate.ts';
import { gateCommand } from './gate.ts';
import { trainCommand } from './train.ts';

/** Every `modelgate` command, in the order `--help` lists them. Add new commands here. */
export const commands: CommandSpec[] = [diffCommand, gateCommand, trainCommand, evaluateCommand, compareCommand];
