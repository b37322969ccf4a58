import { ExitCode, historyJson, listJson, renderHistoryText, renderListText, renderShowText, showJson } from '@modelgate/core';
import { readModelOrFail } from '@modelgate/data';
import type { CommandSpec } from '../../command.ts';
import { emit, openRegistry, registryOptions } from './shared.ts';

export const showCommand: CommandSpec = {
  name: 'registry show',
  summary: 'A model\'s versions and which version each stage holds',
  usage: 'NAME [--json] [--github]',
  options: registryOptions,
  details: '--json prints {name, stages: {STAGE: version or null}, versions: [...]}.',
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const { backend, config } = await openRegistry(context);
    const state = await readModelOrFail(backend, name);
    emit(context, showJson(state, config.registry.stages), renderShowText(state, config.registry.stages));
    return ExitCode.ok;
  },
};

export const historyCommand: CommandSpec = {
  name: 'registry history',
  summary: 'Every stage change of a model, oldest first: who, when, why, approvers',
  usage: 'NAME [--json] [--github]',
  options: registryOptions,
  details: '--json prints [{stage, version, previous_version, action, at, by, reason, approved_by, source_run}].',
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const { backend } = await openRegistry(context);
    const state = await readModelOrFail(backend, name);
    emit(context, historyJson(state.events), renderHistoryText(state.name, state.events));
    return ExitCode.ok;
  },
};

export const listCommand: CommandSpec = {
  name: 'registry list',
  summary: 'Every registered model with its newest version and the holder of each stage',
  usage: '[--json] [--github]',
  options: registryOptions,
  details: '--json prints [{name, versions, latest, stages: {STAGE: version or null}}].',
  async run(context) {
    const { backend, config } = await openRegistry(context);
    const models = await backend.listModels();
    emit(context, listJson(models, config.registry.stages), renderListText(models, config.registry.stages));
    return ExitCode.ok;
  },
};
