// Every actions/NAME (found by its action.yml, so a new action is covered without listing it) has
// metadata GitHub's own action parser accepts, branding, and a README with what it does, an example
// step that uses it with real inputs, and input and output tables equal to action.yml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { INPUT_HEADER, OUTPUT_HEADER, actionDirs, findTable, inputRows, outputRows, readAction, renderTable, skeletonReadme, syncTables } from '../scripts/action-readmes.ts';
import { repoRoot } from '../scripts/bundle.ts';
import { actionParserErrors } from './harness/action-lint.ts';

const names = actionDirs();
const readmeOf = (name: string) => readFileSync(join(repoRoot, 'actions', name, 'README.md'), 'utf8');
const fix = 'run `pnpm docs:actions` to rewrite the tables from action.yml';

/** Every object with a `uses:` in the README's YAML code blocks. */
function exampleSteps(readme: string): { uses: string; with?: Record<string, unknown> }[] {
  const steps: { uses: string; with?: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if (typeof (node as { uses?: unknown }).uses === 'string') steps.push(node as { uses: string });
      Object.values(node).forEach(visit);
    }
  };
  for (const [, block] of readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)) for (const document of parseAllDocuments(block!)) if ('toJS' in document) visit(document.toJS());
  return steps;
}

describe('actions/*/action.yml', () => {
  it('finds every action', () => {
    expect(names).toEqual(expect.arrayContaining(['evaluate', 'gate', 'promote', 'report', 'train', 'validate-data']));
  });

  it.each(names)('actions/%s/action.yml passes GitHub\'s action parser (keys, inputs, runs, branding icon and colour)', async (name) => {
    expect(await actionParserErrors(`actions/${name}/action.yml`, readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8'))).toEqual([]);
  });

  it.each(names)('actions/%s/action.yml has branding for the Marketplace', (name) => {
    expect(readAction(name).branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  });
});

describe('actions/*/README.md', () => {
  it.each(names)('actions/%s/README.md says what the action does', (name) => {
    expect(existsSync(join(repoRoot, 'actions', name, 'README.md')), `actions/${name}/README.md`).toBe(true);
    const [title, blank, firstLine] = readmeOf(name).split('\n');
    expect(title).toBe(`# ${readAction(name).name}`);
    expect(blank).toBe('');
    expect(firstLine!.length, 'a first paragraph').toBeGreaterThan(20);
  });

  it.each(names)('actions/%s/README.md has an example step with the action\'s inputs', (name) => {
    const action = readAction(name);
    const steps = exampleSteps(readmeOf(name)).filter((step) => step.uses.startsWith(`modelgate/modelgate/actions/${name}@`));
    expect(steps.length, `a YAML example with uses: modelgate/modelgate/actions/${name}@...`).toBeGreaterThan(0);
    const known = action.inputs.map((input) => input.name);
    const required = action.inputs.filter((input) => input.required && input.default === '').map((input) => input.name);
    for (const step of steps) {
      const given = Object.keys(step.with ?? {});
      expect(given.filter((input) => !known.includes(input)), 'inputs the action does not have').toEqual([]);
      expect(required.filter((input) => !given.includes(input)), 'required inputs left out').toEqual([]);
    }
  });

  it.each(names)('actions/%s/README.md lists every input as action.yml declares it', (name) => {
    const table = findTable(readmeOf(name), 'Inputs');
    expect(table, `actions/${name}/README.md: a "## Inputs" table; ${fix}`).toBeDefined();
    expect(table!.header).toEqual(INPUT_HEADER);
    expect(table!.rows, `actions/${name}/README.md inputs differ from action.yml: ${fix}`).toEqual(inputRows(readAction(name)));
  });

  it.each(names)('actions/%s/README.md lists every output as action.yml declares it', (name) => {
    const action = readAction(name);
    const table = findTable(readmeOf(name), 'Outputs');
    if (action.outputs.length === 0) return expect(table).toBeUndefined();
    expect(table, `actions/${name}/README.md: a "## Outputs" table; ${fix}`).toBeDefined();
    expect(table!.header).toEqual(OUTPUT_HEADER);
    expect(table!.rows, `actions/${name}/README.md outputs differ from action.yml: ${fix}`).toEqual(outputRows(action));
  });
});

describe('the table helpers', () => {
  it('read back the table they render, with pipes and line breaks in the descriptions', () => {
    const action = {
      name: 't', description: '',
      inputs: [{ name: 'a', description: 'one | two\nlines `c|d`', default: 'x|y', required: true }, { name: 'b', description: '', default: '', required: false }],
      outputs: [],
    };
    const readme = `# t\n\n## Inputs\n\n${renderTable(INPUT_HEADER, inputRows(action))}\n\nafter\n`;
    expect(findTable(readme, 'Inputs')).toMatchObject({ header: INPUT_HEADER, rows: inputRows(action) });
    expect(inputRows(action)[0]).toEqual(['`a`', '`x\\|y`', 'yes', 'one \\| two lines `c\\|d`']);
  });

  it('start a README for a new action with its title, description and filled tables, leaving the example to its author', () => {
    const action = { name: 'modelgate x', description: 'Does x.', inputs: [{ name: 'a', description: 'A.', default: '', required: true }], outputs: [{ name: 'o', description: 'O.' }] };
    const readme = syncTables(skeletonReadme(action), action, 'README.md');
    expect(readme.split('\n').slice(0, 3)).toEqual(['# modelgate x', '', 'Does x.']);
    expect(findTable(readme, 'Inputs')?.rows).toEqual(inputRows(action));
    expect(findTable(readme, 'Outputs')?.rows).toEqual(outputRows(action));
    expect(exampleSteps(readme)).toEqual([]);
  });
});
