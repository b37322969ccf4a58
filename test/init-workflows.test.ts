// The workflows `modelgate init` writes must be workflows GitHub accepts (its own parser) with no
// actionlint findings, for every starter workflow and for branch names that need escaping.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '@modelgate/test-utils';
import { starterTemplates } from '../packages/cli/src/commands/init-templates.ts';
import { runCli } from './harness/cli.ts';
import { actionlintErrors, workflowParserErrors } from './harness/workflow-lint.ts';

const env = { PATH: process.env.PATH, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const names = starterTemplates().map((template) => template.name);

describe('workflows written by modelgate init', () => {
  it.each(['main', 'release/2.x', 'v1+hotfix'])('pass the workflow parser and actionlint (default branch %s)', async (branch) => {
    const dir = testdir();
    execFileSync('git', ['init', '--quiet', '--initial-branch', branch], { cwd: dir, env });
    const { code, err } = await runCli(['init', '--workflows', names.join(',')], dir, env);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const written = readdirSync(join(dir, '.github/workflows')).sort();
    expect(written).toEqual(names.map((name) => `${name}.yml`).sort());
    for (const file of written) {
      const content = readFileSync(join(dir, '.github/workflows', file), 'utf8');
      expect(await workflowParserErrors(file, content), file).toEqual([]);
      expect(await actionlintErrors(file, content), file).toEqual([]);
    }
  });
});
