import { resolve } from 'node:path';
import * as core from '@actions/core';
import { errorMessage, evaluationMarkdown, formatResultJson, oneLine } from '@modelgate/core';
import { evaluatePredictionsFile, isBootstrapWorker, runBootstrapJob, writeOutputFile } from '@modelgate/data';
import { readInputs } from './inputs.ts';

export async function run(): Promise<void> {
  // The bootstrap runs this same bundle in worker threads; there it only computes resamples.
  if (isBootstrapWorker()) return runBootstrapJob();
  try {
    const inputs = readInputs();
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const result = await evaluatePredictionsFile({ ...inputs.options, predictions: resolve(workspace, inputs.predictions), workerScript: new URL(import.meta.url) });
    const outputPath = resolve(workspace, inputs.output);
    await writeOutputFile(outputPath, formatResultJson(result), `output ${inputs.output}`);
    // Annotations, so zero-division and undefined-metric notes are seen on the run page.
    for (const warning of result.warnings) core.warning(warning);
    core.setOutput('metrics-path', outputPath);
    core.setOutput('metrics', JSON.stringify(result.metrics));
    core.setOutput('intervals', JSON.stringify(result.intervals ?? {}));
    core.setOutput('rows', String(result.rows));
    await core.summary.addRaw(evaluationMarkdown(result)).write();
    core.info(`${result.task} metrics of ${result.rows} rows written to ${outputPath}`);
  } catch (error) {
    core.setFailed(oneLine(errorMessage(error)));
  }
}
