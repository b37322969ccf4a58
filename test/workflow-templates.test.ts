// Every starter workflow in workflows-templates/ must be a workflow GitHub accepts (its own parser)
// with no actionlint findings, and come with the properties file GitHub's template picker reads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionlintErrors, parseWorkflow, workflowParserErrors, writeScopes } from './harness/workflow-lint.ts';

const templatesDir = new URL('../workflows-templates/', import.meta.url).pathname;
const files = existsSync(templatesDir) ? readdirSync(templatesDir).sort() : [];
const templates = files.filter((file) => file.endsWith('.yml')).map((file) => file.slice(0, -'.yml'.length));
const workflowText = (name: string) => readFileSync(join(templatesDir, `${name}.yml`), 'utf8');

const regex = z.string().refine(
  (pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

// docs: "Using workflow templates" (name and description required; iconName, categories, filePatterns optional).
const propertiesSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  iconName: z.string().min(1),
  categories: z.array(z.string().min(1)).min(1),
  filePatterns: z.array(regex).min(1),
  creator: z.string().optional(),
  labels: z.array(z.string()).optional(),
});

describe('workflows-templates/', () => {
  it('pairs every NAME.yml with NAME.properties.json and holds nothing else but icons', () => {
    const expected = templates.flatMap((name) => [`${name}.properties.json`, `${name}.yml`]);
    const icons = files.filter((file) => file.endsWith('.svg'));
    expect(files.filter((file) => !file.endsWith('.svg'))).toEqual(expected.sort());
    for (const icon of icons) expect(templates.some((name) => readFileSync(join(templatesDir, `${name}.properties.json`), 'utf8').includes(icon.slice(0, -4)))).toBe(true);
  });

  it.each(templates)('%s.yml parses with @actions/workflow-parser without errors', async (name) => {
    expect(await workflowParserErrors(`${name}.yml`, workflowText(name))).toEqual([]);
  });

  it.each(templates)('%s.yml passes actionlint', async (name) => {
    expect(await actionlintErrors(`${name}.yml`, workflowText(name))).toEqual([]);
  });

  it.each(templates)('%s.properties.json has name, description, iconName, categories and regex filePatterns', (name) => {
    const properties = propertiesSchema.parse(JSON.parse(readFileSync(join(templatesDir, `${name}.properties.json`), 'utf8')));
    if (!properties.iconName.startsWith('octicon ')) {
      expect(existsSync(join(templatesDir, `${properties.iconName}.svg`)), `${properties.iconName}.svg next to the template`).toBe(true);
    }
  });
});

describe('the template checks themselves', () => {
  for (const name of templates) {
    it(`${name}.yml runs the repository's own code only in jobs whose token cannot write`, () => {
      const workflow = parseWorkflow(workflowText(name));
      expect(workflow.permissions, 'workflow-level permissions').toEqual({});
      for (const [job, { permissions = {}, steps }] of Object.entries(workflow.jobs)) {
        // A map of scopes: `write-all` or `read-all` (strings) are not least privilege.
        expect(typeof permissions, `job ${job} permissions`).toBe('object');
        // A run: step, or modelgate's train action (it runs the training command), is the repository's code.
        const runsOwnCode = steps.some((step) => step.run !== undefined || step.uses?.includes('/actions/train@'));
        if (runsOwnCode) expect(writeScopes(permissions), `job ${job} runs the repository's code`).toEqual([]);
      }
    });
  }

  it('catch an unknown event, an unknown job key and an undefined context property', async () => {
    const broken = 'on: pull_requestt\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo ${{ github.foo }}\n';
    expect(await workflowParserErrors('broken.yml', broken)).toEqual(expect.arrayContaining([expect.stringMatching(/Unexpected value 'pull_requestt'/)]));
    const lint = await actionlintErrors('broken.yml', 'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.foo }}\n');
    expect(lint).toEqual([expect.stringMatching(/^6:23: property "foo" is not defined/)]);
  });

  it('reject a properties file with an invalid filePatterns regex or a missing description', () => {
    expect(propertiesSchema.safeParse({ name: 'x', description: 'y', iconName: 'octicon beaker', categories: ['Python'], filePatterns: ['(unclosed'] }).success).toBe(false);
    expect(propertiesSchema.safeParse({ name: 'x', iconName: 'octicon beaker', categories: ['Python'], filePatterns: ['.*'] }).success).toBe(false);
    expect(propertiesSchema.safeParse({ name: 'x', description: 'y', iconName: 'octicon beaker', categories: ['Python'], filePatterns: ['dvc\\.yaml$'] }).success).toBe(true);
  });
});
