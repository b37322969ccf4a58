// The input and output tables of every actions/NAME/README.md, made from its action.yml, so the
// page users read says what the runner will do. `pnpm docs:actions` rewrites the tables;
// test/action-readmes.test.ts fails when one differs.
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './bundle.ts';

export interface ActionInput {
  name: string;
  description: string;
  default: string;
  required: boolean;
}

export interface ActionDocument {
  name: string;
  description: string;
  inputs: ActionInput[];
  outputs: { name: string; description: string }[];
  branding?: { icon?: string; color?: string };
}

export const INPUT_HEADER = ['input', 'default', 'required', 'description'];
export const OUTPUT_HEADER = ['output', 'description'];

/** Every action directory with an action.yml (new actions are covered without listing them). */
export function actionDirs(): string[] {
  const dir = join(repoRoot, 'actions');
  return readdirSync(dir).filter((name) => existsSync(join(dir, name, 'action.yml'))).sort();
}

export function readAction(name: string): ActionDocument {
  const raw = parse(readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8')) as {
    name: string;
    description: string;
    inputs?: Record<string, { description?: string; default?: unknown; required?: boolean } | null>;
    outputs?: Record<string, { description?: string } | null>;
    branding?: { icon?: string; color?: string };
  };
  return {
    name: raw.name,
    description: raw.description,
    inputs: Object.entries(raw.inputs ?? {}).map(([input, spec]) => ({
      name: input,
      description: spec?.description ?? '',
      default: spec?.default === undefined || spec.default === null ? '' : String(spec.default),
      required: spec?.required === true,
    })),
    outputs: Object.entries(raw.outputs ?? {}).map(([output, spec]) => ({ name: output, description: spec?.description ?? '' })),
    ...(raw.branding ? { branding: raw.branding } : {}),
  };
}

/** One table cell: on one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replaceAll('|', '\\|');
}

const code = (text: string) => (text === '' ? '' : `\`${text}\``);

export function inputRows(action: ActionDocument): string[][] {
  return action.inputs.map((input) => [code(input.name), cell(code(input.default)), input.required ? 'yes' : 'no', cell(input.description)]);
}

export function outputRows(action: ActionDocument): string[][] {
  return action.outputs.map((output) => [code(output.name), cell(output.description)]);
}

export function renderTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Splits a markdown table row into its cells (an escaped `\|` stays inside its cell). */
export function tableCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((part) => part.trim());
}

/** The table under `## heading` in a README: its line range and rows (header excluded). */
export function findTable(readme: string, heading: string): { start: number; end: number; header: string[]; rows: string[][] } | undefined {
  const lines = readme.split('\n');
  const at = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (at < 0) return undefined;
  let start = at + 1;
  while (start < lines.length && !lines[start]!.startsWith('|') && !lines[start]!.startsWith('#')) start++;
  if (start >= lines.length || !lines[start]!.startsWith('|')) return undefined;
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  const [header, , ...rows] = lines.slice(start, end).map(tableCells);
  return { start, end, header: header ?? [], rows };
}

/** The README with its Inputs and Outputs tables made from action.yml (sections must exist). */
export function syncTables(readme: string, action: ActionDocument, file: string): string {
  let text = readme;
  for (const [heading, header, rows] of [['Inputs', INPUT_HEADER, inputRows(action)], ['Outputs', OUTPUT_HEADER, outputRows(action)]] as const) {
    if (rows.length === 0) continue;
    const table = findTable(text, heading);
    if (!table) throw new Error(`${file}: no "## ${heading}" section with a table; add one and run again`);
    const lines = text.split('\n');
    lines.splice(table.start, table.end - table.start, renderTable([...header], rows));
    text = lines.join('\n');
  }
  return text;
}

/** A README to start from for an action that has none: its title, description and tables; the example step is the author's to write. */
export function skeletonReadme(action: ActionDocument): string {
  const sections = [`# ${action.name}`, '', action.description.trim(), '', '## Inputs', '', renderTable(INPUT_HEADER, [])];
  if (action.outputs.length > 0) sections.push('', '## Outputs', '', renderTable(OUTPUT_HEADER, []));
  return `${sections.join('\n')}\n`;
}

if (import.meta.main) {
  let failed = false;
  for (const name of actionDirs()) {
    const file = join(repoRoot, 'actions', name, 'README.md');
    try {
      const action = readAction(name);
      const existed = existsSync(file);
      const before = existed ? readFileSync(file, 'utf8') : skeletonReadme(action);
      const after = syncTables(before, action, `actions/${name}/README.md`);
      if (!existed || after !== before) writeFileSync(file, after);
      const state = !existed ? 'written from action.yml: add an example step and what users should know' : after !== before ? 'tables rewritten' : 'up to date';
      console.log(`actions/${name}/README.md ${state}`);
    } catch (error) {
      failed = true;
      console.error(`actions/${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
