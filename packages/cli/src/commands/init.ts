import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ExitCode, InputError, errorMessage, nearest, oneLine, version } from '@modelgate/core';
import { defaultConfigNames, parseYamlText, writeFileAtomic } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';
import { checklist } from './init-checklist.ts';
import { starterConfig } from './init-config.ts';
import { checkBranchName, defaultBranch, repositoryRoot } from './init-git.ts';
import { majorOf, renderWorkflow } from './init-render.ts';
import { type StarterTemplate, starterTemplates } from './init-templates.ts';

const DEFAULT_WORKFLOWS = ['model-pr-check'];

interface PlannedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
  state: 'new' | 'unchanged' | 'differs';
}

/** What init says it does to a file in each state: with --dry-run, and done. */
const VERBS = {
  new: ['would write', 'wrote'],
  differs: ['would overwrite', 'overwrote'],
  unchanged: ['would keep (unchanged)', 'kept (unchanged)'],
} as const satisfies Record<PlannedFile['state'], readonly [string, string]>;

export const initCommand: CommandSpec = {
  name: 'init',
  summary: 'Set up a repository: a commented modelgate.yml and starter workflows in .github/workflows/',
  usage: '[--workflows NAME,...] [--branch NAME] [--force] [--dry-run] [--skip-config]',
  options: {
    workflows: { type: 'string', value: 'NAMES', multiple: true, description: 'starter workflows to write, comma-separated; see the list below', default: DEFAULT_WORKFLOWS.join(',') },
    branch: { type: 'string', value: 'NAME', description: 'default branch the workflows run on', default: 'origin/HEAD, else the checked-out branch' },
    force: { type: 'boolean', description: 'overwrite files that exist and differ' },
    'dry-run': { type: 'boolean', description: 'print the files and the checklist, write nothing' },
    'skip-config': { type: 'boolean', description: 'write only the workflows (keep your modelgate.yml)' },
  },
  // A getter: the templates are read only when `init --help` shows them.
  get details() {
    const templates = starterTemplates();
    const width = Math.max(...templates.map((t) => t.name.length));
    return [
      'Writes into the git repository holding the current directory: modelgate.yml at its root and',
      `.github/workflows/NAME.yml, with $default-branch filled in and modelgate's actions pinned to @v${majorOf(version)}.`,
      'Prints what you must do next (gate check in branch protection, Environments and reviewers).',
      'A file that exists with other content is refused unless --force: it is named, nothing is written, exit 2.',
      '',
      'Starter workflows:',
      ...templates.map((t) => `  ${t.name.padEnd(width)}  ${t.description}`),
    ].join('\n');
  },
  async run(context) {
    const { io } = context;
    const templates = starterTemplates();
    const chosen = chosenTemplates(context.strings('workflows'), templates);
    const root = repositoryRoot(io.cwd, io.env);
    const branchOption = context.string('branch');
    if (branchOption !== undefined) checkBranchName(branchOption, root, io.env);
    const { branch, source } = branchOption !== undefined ? { branch: branchOption, source: '--branch' } : defaultBranch(root, io.env);
    const writeConfig = !context.flag('skip-config');
    // The config loadConfig would read is the file to keep or replace.
    const configPath = defaultConfigNames.find((name) => existsSync(join(root, name))) ?? defaultConfigNames[0]!;
    const files = [
      ...(writeConfig ? [{ path: configPath, content: starterConfig(version) }] : []),
      ...chosen.map((template) => ({ path: `.github/workflows/${template.name}.yml`, content: renderWorkflow(template, branch, version) })),
    ].map((file): PlannedFile => ({ ...file, state: stateOf(join(root, file.path), file.content) }));
    const shown = (path: string) => relative(io.cwd, join(root, path)) || path;

    const refused = files.filter((file) => file.state === 'differs');
    if (refused.length > 0 && !context.flag('force')) {
      const names = refused.map((file) => shown(file.path)).join(', ');
      const hint = refused.some((file) => file.path === configPath) ? '; --skip-config keeps your config' : '';
      throw new InputError(`init: ${names} already exist${refused.length === 1 ? 's' : ''} with other content; nothing was written (--force overwrites${hint})`);
    }

    const workflows = files.filter((file) => file.path.startsWith('.github/'));
    const steps = checklist({ workflows, branch, config: writeConfig, otherWorkflowNames: otherWorkflowNames(root, workflows.map((w) => w.path)) });
    const dryRun = context.flag('dry-run');
    io.out(`modelgate init: default branch ${branch} (from ${source}), modelgate's actions pinned to @v${majorOf(version)}\n`);
    // Each line once its file is written: a failed write leaves no claim about it.
    for (const file of files) {
      if (!dryRun && file.state !== 'unchanged') await write(join(root, file.path), file.content, shown(file.path));
      io.out(`${VERBS[file.state][dryRun ? 0 : 1]} ${shown(file.path)}\n`);
    }
    if (dryRun) for (const file of files.filter((f) => f.state !== 'unchanged')) io.out(`\n==> ${shown(file.path)} <==\n${file.content}`);
    io.out(`\n${dryRun ? 'Then' : 'Next'}:\n${steps.map((step, index) => `  ${index + 1}. ${step}\n`).join('')}`);
    return ExitCode.ok;
  },
};

function chosenTemplates(values: string[], templates: StarterTemplate[]): StarterTemplate[] {
  const names = [...new Set((values.length > 0 ? values : DEFAULT_WORKFLOWS).flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean))];
  const known = templates.map((t) => t.name);
  if (names.length === 0) throw new InputError(`init: --workflows names no workflow; known: ${known.join(', ')}`);
  return names.map((name) => {
    const template = templates.find((t) => t.name === name.replace(/\.ya?ml$/, ''));
    if (template) return template;
    const suggestion = nearest(name, known);
    throw new InputError(`init: unknown workflow "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${known.join(', ')}`);
  });
}

function stateOf(path: string, content: string): PlannedFile['state'] {
  if (!existsSync(path)) return 'new';
  try {
    return readFileSync(path, 'utf8') === content ? 'unchanged' : 'differs';
  } catch {
    return 'differs'; // a directory or an unreadable file: never replaced silently
  }
}

async function write(path: string, content: string, shown: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (error) {
    throw new InputError(`init: cannot write ${shown}: ${oneLine(errorMessage(error))}`);
  }
}

/** The `name:` (else the path, as GitHub shows it) of every workflow in .github/workflows this run does not write. */
function otherWorkflowNames(root: string, written: string[]): string[] {
  let files: string[];
  try {
    files = readdirSync(join(root, '.github', 'workflows'));
  } catch {
    return []; // none yet; if it is not a directory, writing into it fails with its own message
  }
  return files
    .filter((file) => /\.ya?ml$/.test(file) && !written.includes(`.github/workflows/${file}`))
    .map((file) => {
      const path = `.github/workflows/${file}`;
      try {
        const name = (parseYamlText(readFileSync(join(root, path), 'utf8'), path) as { name?: unknown } | null)?.name;
        return typeof name === 'string' ? name : path;
      } catch {
        return path;
      }
    });
}
