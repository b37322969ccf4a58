import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { type Config, InputError, parseVersionNumber } from '@modelgate/core';
import { type Actor, LocalRegistry, type RegistryBackend, actorFromEnv, defaultLocalRegistry, loadConfig } from '@modelgate/data';
import type { CommandContext, OptionSpec } from '../../command.ts';
import { version } from '../../version.ts';

/** Options every `modelgate registry` command takes. */
export const registryOptions = {
  github: { type: 'boolean', description: 'use the GitHub backend (Releases, Environments, Deployments) of GITHUB_REPOSITORY with GITHUB_TOKEN at GITHUB_API_URL' },
  registry: { type: 'string', value: 'DIR', description: 'directory of the embedded registry', default: defaultLocalRegistry },
  config: { type: 'string', value: 'FILE', description: 'modelgate.yml: registry.stages, registry.protected, gate.rules', default: './modelgate.yml if present' },
  json: { type: 'boolean', description: 'print only JSON on stdout' },
} satisfies Record<string, OptionSpec>;

export interface OpenedRegistry {
  backend: RegistryBackend;
  config: Config;
  configSource: string | null;
  actor: Actor;
}

/** The backend the options name (the embedded store by default) and the config. */
export async function openRegistry(context: CommandContext): Promise<OpenedRegistry> {
  const { io } = context;
  const configPath = context.string('config');
  const { config, source } = await loadConfig(configPath ? resolve(io.cwd, configPath) : undefined, io.cwd);
  const actor = actorFromEnv(io.env, localUser());
  if (context.flag('github')) {
    if (context.string('registry') !== undefined) throw new InputError('--registry names the embedded registry; it cannot be combined with --github');
    const repository = io.env.GITHUB_REPOSITORY;
    if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) throw new InputError(`--github needs GITHUB_REPOSITORY=OWNER/REPO${repository ? `, got "${repository}"` : ''}`);
    const token = io.env.GITHUB_TOKEN;
    if (!token) throw new InputError('--github needs GITHUB_TOKEN: a token with contents: write (releases), deployments: write and actions: read');
    const [owner, repo] = repository.split('/') as [string, string];
    // Loaded only here: octokit and its plugins cost start-up time that local commands never need.
    const { createGitHubRegistry } = await import('@modelgate/github/registry');
    const backend = createGitHubRegistry({
      owner, repo, token,
      apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com',
      serverUrl: io.env.GITHUB_SERVER_URL ?? 'https://github.com',
      runId: io.env.GITHUB_ACTIONS === 'true' ? io.env.GITHUB_RUN_ID : undefined,
      env: io.env,
      log: { info: (message: string) => io.err(`${message}\n`), warning: (message: string) => io.err(`modelgate: warning: ${message}\n`) },
      userAgent: `modelgate/${version}`,
    });
    return { backend, config, configSource: source, actor };
  }
  const shown = context.string('registry') ?? defaultLocalRegistry;
  return { backend: new LocalRegistry(resolve(io.cwd, shown), shown), config, configSource: source, actor };
}

function localUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** `--version 3` / `--version v3`, when given. */
export function versionOption(context: CommandContext): number | undefined {
  const raw = context.string('version');
  return raw === undefined ? undefined : parseVersionNumber(raw);
}

/** Print JSON alone with --json, else the text. */
export function emit(context: CommandContext, json: unknown, text: string): void {
  context.io.out(context.flag('json') ? `${JSON.stringify(json, null, 2)}\n` : text);
}
