import { relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { errorMessage, failsOn, oneLine, renderValidationMarkdown, renderValidationText, type ValidationReport } from '@modelgate/core';
import { isValidationWorker, loadValidationSchema, matchDataFiles, runValidationWorker, validateFile, writeFileAtomic } from '@modelgate/data';
import { annotationsFor } from './annotations.ts';
import { readInputs } from './inputs.ts';

export async function run(): Promise<void> {
  // The bundle is also the worker script for large files (one file ships; see validateFile).
  if (isValidationWorker()) return runValidationWorker();
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  try {
    const inputs = readInputs();
    const schema = await loadValidationSchema(resolve(workspace, inputs.schema));
    const files = await matchDataFiles(inputs.data, workspace);
    const results: { report: ValidationReport; file: string }[] = [];
    for (const path of files) {
      const file = relative(workspace, path);
      const report = await validateFile(path, schema, { ...(inputs.format ? { format: inputs.format } : {}), workerScript: new URL(import.meta.url) });
      report.source = { path: file, format: report.source?.format ?? 'csv' };
      results.push({ report, file });
      core.info(renderValidationText(report).trimEnd());
    }
    const passed = results.every(({ report }) => report.passed);
    const reportPath = resolve(workspace, inputs.reportPath);
    await writeFileAtomic(reportPath, `${JSON.stringify({ passed, reports: results.map((r) => r.report) }, null, 2)}\n`);
    core.setOutput('passed', String(passed));
    core.setOutput('report-path', reportPath);
    await core.summary.addRaw(results.map(({ report }) => renderValidationMarkdown(report)).join('\n')).write();
    const failing = results.filter(({ report }) => failsOn(report, inputs.failOn));
    for (const { level, message, file, line } of annotationsFor(results, failing.length > 0)) {
      const properties = { title: 'modelgate validate-data', file, ...(line !== undefined ? { startLine: line } : {}) };
      if (level === 'error') core.error(message, properties);
      else core.warning(message, properties);
    }
    if (failing.length > 0) {
      const level = inputs.failOn === 'warn' ? 'failed checks' : 'failed error-level checks';
      core.setFailed(`data validation: ${failing.length} of ${results.length} file${results.length === 1 ? '' : 's'} with ${level}: ${failing.map((r) => r.file).join(', ')}`);
    }
  } catch (error) {
    // Messages name files by absolute path; in a workflow the path in the repository reads better.
    core.setFailed(oneLine(errorMessage(error)).replaceAll(`${workspace}/`, ''));
  }
}
