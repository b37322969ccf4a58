import { resolve } from 'node:path';
import { ExitCode, shortDigest } from '@modelgate/core';
import { registerModel } from '@modelgate/data';
import type { CommandSpec } from '../../command.ts';
import { emit, openRegistry, registryOptions } from './shared.ts';

export const registerCommand: CommandSpec = {
  name: 'registry register',
  summary: 'Register a packaged model directory as a new immutable version (idempotent per digest)',
  usage: 'NAME --package DIR [--metrics FILE] [--json] [--github]',
  options: {
    package: { type: 'string', value: 'DIR', description: 'model directory written by `modelgate train --model-dir` (holds manifest.json)' },
    metrics: { type: 'string', value: 'FILE', description: 'metrics to record with the version, e.g. the output of `modelgate evaluate`', default: 'the manifest\'s metrics' },
    ...registryOptions,
  },
  details: [
    'Versions are numbered 1, 2, ... per model in registration order. A package whose digest is already a version',
    'of NAME returns that version ("created": false) and stores nothing, so a re-run workflow never mints a copy.',
    'Every file is hashed on its way in and checked against manifest.json; a mismatch stores nothing and exits 2.',
    '--json prints {name, version, digest, created}.',
  ].join('\n'),
  async run(context) {
    const name = context.positional(0, 'model NAME');
    const packageDir = context.requireString('package');
    const metrics = context.string('metrics');
    const { backend, actor } = await openRegistry(context);
    const { cwd } = context.io;
    const { version, created } = await registerModel(backend, {
      name,
      packageDir: resolve(cwd, packageDir),
      shownPackage: packageDir,
      ...(metrics ? { metricsFile: { path: resolve(cwd, metrics), shown: metrics } } : {}),
      actor,
      now: new Date(),
    });
    emit(
      context,
      { name: version.name, version: version.version, digest: version.digest, created },
      created
        ? `registered ${version.name} v${version.version} (${shortDigest(version.digest)}, ${version.files} files) in ${backend.location}\n`
        : `${version.name} v${version.version} already has digest ${shortDigest(version.digest)}: nothing registered\n`,
    );
    return ExitCode.ok;
  },
};
