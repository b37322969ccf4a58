// action.yml checks with GitHub's own action schema (@actions/workflow-parser's action parser):
// keys, input and output shapes, runs, and branding (the Feather icons and colours GitHub allows).
import { importBundled } from './bundled-import.ts';

interface ActionParser {
  parseAction(file: { name: string; content: string }, trace: object): { context: { errors: { getErrors(): { message: string }[] } } };
  NoOperationTraceWriter: new () => object;
}

/** Error messages of GitHub's action metadata parser for one action.yml. */
export async function actionParserErrors(name: string, content: string): Promise<string[]> {
  const { parseAction, NoOperationTraceWriter } = await importBundled<ActionParser>(
    "export { parseAction } from '@actions/workflow-parser/actions/index'; export { NoOperationTraceWriter } from '@actions/workflow-parser';",
  );
  return parseAction({ name, content }, new NoOperationTraceWriter()).context.errors.getErrors().map((error) => error.message);
}
