import { ExitCode, historyJson } from '@modelgate/core';
import { type StageOutcome, reportedVersions } from '@modelgate/data';
import type { CommandContext } from '../../command.ts';
import { emit, type OpenedRegistry } from './shared.ts';

/** What `promote` and `rollback` print: JSON of the recorded change, or one line; exit 1 when refused. */
export function emitStageOutcome(context: CommandContext, opened: OpenedRegistry, outcome: StageOutcome): number {
  const { version, stage, event } = outcome;
  const reported = reportedVersions(outcome);
  const json = {
    name: version.name,
    stage,
    version: reported.version,
    previous_version: reported.previous,
    digest: version.digest,
    changed: event !== null,
    ...(outcome.refused ? { refused: outcome.refused.summary } : {}),
    ...(event ? { event: historyJson([event])[0] } : {}),
  };
  if (outcome.refused) {
    if (context.flag('json')) emit(context, json, '');
    context.io.err(`modelgate: promotion refused: ${outcome.refused.summary}\n`);
    return ExitCode.checkFailed;
  }
  const line = event
    ? `${version.name}: ${stage} ${event.action === 'rollback' ? 'rolled back' : 'promoted'} ${event.previous_version === null ? '' : `v${event.previous_version} -> `}v${version.version} in ${opened.backend.location}\n`
    : `${version.name}: v${version.version} already holds ${stage}; nothing changed\n`;
  emit(context, json, line);
  return ExitCode.ok;
}
