import { InputError } from '@modelgate/core';
import { promoteModel } from '@modelgate/data';
import type { CommandContext, CommandSpec } from '../../command.ts';
import { openRegistry, registryOptions, versionOption } from './shared.ts';
import { emitStageOutcome } from './stage-output.ts';

export const promoteCommand: CommandSpec = {
  name: 'registry promote',
  summary: 'Point a stage (staging, production, ...) at a version; recorded in the history',
  usage: 'NAME (--version N | --from-stage STAGE) --to STAGE [--reason TEXT] [--require-better [--compare-with STAGE]] [--allow-unprotected] [--json] [--github]',
  options: {
    version: { type: 'string', value: 'N', description: 'the version to promote (3 or v3)' },
    'from-stage': { type: 'string', value: 'STAGE', description: 'promote the version this stage holds (e.g. staging -> production)' },
    to: { type: 'string', value: 'STAGE', description: 'the stage to point at it (registry.stages in modelgate.yml)' },
    reason: { type: 'string', value: 'TEXT', description: 'why, recorded in the history' },
    'require-better': { type: 'boolean', description: 'champion/challenger: refuse (exit 1) unless the version passes gate.rules against the stage\'s current holder' },
    'compare-with': { type: 'string', value: 'STAGE', description: 'with --require-better: the stage whose holder is the champion (e.g. promote to staging only what beats production)', default: 'the --to stage' },
    'allow-unprotected': { type: 'boolean', description: 'with --github: promote to a protected stage without an approval (its environment has no required reviewers, or this is not an approved workflow run, e.g. on a laptop)' },
    ...registryOptions,
  },
  details: [
    'Each stage holds one version at a time; a version may hold several stages. Promoting a version to the stage',
    'it already holds succeeds and changes nothing. Concurrent promotions are ordered (a lock file; on GitHub the',
    'deployment ids) and each lands in the history. With --github the change is a Deployment to the stage\'s',
    'Environment; a protected stage (registry.protected, default production) must have required reviewers.',
    '--json prints {name, stage, version, previous_version, digest, changed, event}, and refused (why) when --require-better refused it.',
  ].join('\n'),
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const to = context.requireString('to');
    const opened = await openRegistry(context);
    const version = versionOption(context);
    const fromStage = context.string('from-stage');
    const outcome = await promoteModel(opened.backend, {
      name,
      ...(version !== undefined ? { version } : {}),
      ...(fromStage !== undefined ? { fromStage } : {}),
      to,
      reason: context.string('reason') ?? null,
      requireBetter: context.flag('require-better'),
      ...championStage(context),
      allowUnprotected: context.flag('allow-unprotected'),
      config: opened.config,
      configSource: opened.configSource,
      actor: opened.actor,
    });
    return emitStageOutcome(context, opened, outcome);
  },
};

function championStage(context: CommandContext): { championStage?: string } {
  const stage = context.string('compare-with');
  if (stage === undefined) return {};
  if (!context.flag('require-better')) throw new InputError('--compare-with names the champion for --require-better: add --require-better');
  return { championStage: stage };
}
