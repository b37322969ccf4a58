import { resolve } from 'node:path';
import { ExitCode, shortDigest } from '@modelgate/core';
import { pullModel } from '@modelgate/data';
import type { CommandSpec } from '../../command.ts';
import { emit, openRegistry, registryOptions, versionOption } from './shared.ts';

export const pullCommand: CommandSpec = {
  name: 'registry pull',
  summary: 'Write a version\'s files and manifest into a new directory, every byte checked against its digest',
  usage: 'NAME (--version N | --stage STAGE) --output DIR [--json] [--github]',
  options: {
    version: { type: 'string', value: 'N', description: 'the version to pull (3 or v3)' },
    stage: { type: 'string', value: 'STAGE', description: 'pull the version this stage holds (e.g. production)' },
    output: { type: 'string', value: 'DIR', description: 'directory to create (or an empty one)' },
    ...registryOptions,
  },
  details: [
    'Every file is checked against the version\'s manifest and the manifest against the registered digest. On a',
    'mismatch nothing is left in DIR and the exit code is 2: a deploy job gets the approved bytes or nothing.',
    '--json prints {name, version, digest, output, files}.',
  ].join('\n'),
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const output = context.requireString('output');
    const opened = await openRegistry(context);
    const version = versionOption(context);
    const stage = context.string('stage');
    const result = await pullModel(opened.backend, {
      name,
      ...(version !== undefined ? { version } : {}),
      ...(stage !== undefined ? { stage } : {}),
      config: opened.config,
      output: resolve(context.io.cwd, output),
      shownOutput: output,
    });
    emit(context, result, `pulled ${result.name} v${result.version} (${shortDigest(result.digest)}, ${result.files} files) into ${result.output}\n`);
    return ExitCode.ok;
  },
};
