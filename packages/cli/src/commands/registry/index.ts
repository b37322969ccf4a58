import type { CommandGroup } from '../../command.ts';
import { historyCommand, listCommand, showCommand } from './inspect.ts';
import { promoteCommand } from './promote.ts';
import { pullCommand } from './pull.ts';
import { registerCommand } from './register.ts';
import { rollbackCommand } from './rollback.ts';

export const registryCommand: CommandGroup = {
  name: 'registry',
  summary: 'Model registry: immutable versions, stages with approvals, history, rollback, verified pulls',
  subcommands: [registerCommand, promoteCommand, rollbackCommand, pullCommand, showCommand, historyCommand, listCommand],
  details: [
    'The embedded registry (default) lives in .modelgate/registry, created by the first register. With --github the',
    'registry is the repository itself: each version a Release (tag model/NAME/vN) with the model card as notes and',
    'the package as assets; each stage a GitHub Environment; each stage change a Deployment to it.',
  ].join('\n'),
};
