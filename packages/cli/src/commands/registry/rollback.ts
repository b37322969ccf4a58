import { rollbackModel } from '@modelgate/data';
import type { CommandSpec } from '../../command.ts';
import { openRegistry, registryOptions } from './shared.ts';
import { emitStageOutcome } from './stage-output.ts';

export const rollbackCommand: CommandSpec = {
  name: 'registry rollback',
  summary: 'Point a stage back at the version it held before its current one; recorded like a promotion',
  usage: 'NAME --stage STAGE [--reason TEXT] [--allow-unprotected] [--json] [--github]',
  options: {
    stage: { type: 'string', value: 'STAGE', description: 'the stage to roll back' },
    reason: { type: 'string', value: 'TEXT', description: 'why, recorded in the history' },
    'allow-unprotected': { type: 'boolean', description: 'with --github: roll back a protected stage without an approval (its environment has no required reviewers, or this is not an approved workflow run, e.g. on a laptop)' },
    ...registryOptions,
  },
  details: [
    'Rollbacks undo promotions in order: after v1 -> v2 -> v3, one rollback returns to v2, a second to v1.',
    '--json prints {name, stage, version, previous_version, digest, changed, event}.',
  ].join('\n'),
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const stage = context.requireString('stage');
    const opened = await openRegistry(context);
    const outcome = await rollbackModel(opened.backend, {
      name,
      stage,
      reason: context.string('reason') ?? null,
      allowUnprotected: context.flag('allow-unprotected'),
      config: opened.config,
      configSource: opened.configSource,
      actor: opened.actor,
    });
    return emitStageOutcome(context, opened, outcome);
  },
};
