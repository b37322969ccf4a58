import type { CommandGroup, CommandSpec } from '../command.ts';
import { compareCommand } from './compare.ts';
import { diffCommand } from './diff.ts';
import { driftCommand } from './drift.ts';
import { evaluateCommand } from './evaluate.ts';
import { gateCommand } from './gate.ts';
import { inferSchemaCommand } from './infer-schema.ts';
import { initCommand } from './init.ts';
import { profileCommand } from './profile.ts';
import { registryCommand } from './registry/index.ts';
import { trainCommand } from './train.ts';
import { validateCommand } from './validate.ts';

/** Every `modelgate` command, in the order `--help` lists them. Add new commands here. */
export const commands: (CommandSpec | CommandGroup)[] = [initCommand, diffCommand, gateCommand, trainCommand, evaluateCommand, compareCommand, validateCommand, inferSchemaCommand, driftCommand, profileCommand, registryCommand];
