import { resolve } from 'node:path';
import { type ReviewReport, renderMarkdown, renderText, reportToJson, summaryLimit } from '@modelgate/core';
import { writeFileAtomic } from '@modelgate/data';
import type { CommandContext } from './command.ts';

/** Print the report in the chosen format, and write it to --output when given. */
export async function emitReport(context: CommandContext, report: ReviewReport): Promise<void> {
  const format = context.choice('format', ['text', 'markdown', 'json'] as const, 'text')!;
  const color = context.io.isTty && !context.io.env.NO_COLOR && format === 'text';
  const rendering =
    format === 'json' ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : format === 'markdown' ? renderMarkdown(report, { maxLength: summaryLimit, unit: 'utf8-bytes' }) : renderText(report, { color });
  context.io.out(rendering);
  const output = context.string('output');
  if (output) await writeFileAtomic(resolve(context.io.cwd, output), color ? renderText(report) : rendering);
}
