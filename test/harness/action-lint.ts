// action.yml checks with GitHub's own action schema (@actions/workflow-parser's action parser):
// keys, input and output shapes, runs, and branding (the Feather icons and colours GitHub allows).
// Bundled once with esbuild and imported from a temp file, as workflow-lint.ts does for the
// workflow parser (its schema JSON is imported without an import attribute).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

interface ActionParser {
  parseAction(file: { name: string; content: string }, trace: object): { context: { errors: { getErrors(): { message: string }[] } } };
  NoOperationTraceWriter: new () => object;
}

let parser: Promise<ActionParser> | undefined;

function loadParser(): Promise<ActionParser> {
  parser ??= (async () => {
    const result = await build({
      stdin: {
        contents: "export { parseAction } from '@actions/workflow-parser/actions/index'; export { NoOperationTraceWriter } from '@actions/workflow-parser';",
        resolveDir: new URL('../../', import.meta.url).pathname,
        loader: 'js',
      },
      bundle: true, format: 'esm', platform: 'node', target: 'node24', write: false, logLevel: 'error',
    });
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-action-parser-'));
    try {
      const file = join(dir, 'action-parser.mjs');
      writeFileSync(file, result.outputFiles[0]!.contents);
      return (await import(/* @vite-ignore */ file)) as ActionParser;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return parser;
}

/** Error messages of GitHub's action metadata parser for one action.yml. */
export async function actionParserErrors(name: string, content: string): Promise<string[]> {
  const { parseAction, NoOperationTraceWriter } = await loadParser();
  return parseAction({ name, content }, new NoOperationTraceWriter()).context.errors.getErrors().map((error) => error.message);
}
