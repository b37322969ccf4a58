import { resolve } from 'node:path';
import * as core from '@actions/core';
import { comparisonMarkdown, errorMessage, evaluationMarkdown, formatResultJson, oneLine } from '@modelgate/core';
import { comparePredictionFiles, evaluatePredictionsFile, isBootstrapWorker, runBootstrapJob, writeOutputFile } from '@modelgate/data';
import { DEFAULT_COMPARISON_RESAMPLES, type EvaluateInputs, readInputs } from './inputs.ts';

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
    core.summary.addRaw(evaluationMarkdown(result));
    core.info(`${result.task} metrics of ${result.rows} rows written to ${outputPath}`);
    core.setOutput('comparison-path', inputs.comparison ? await compare(inputs, inputs.comparison, workspace) : '');
    await core.summary.write();
  } catch (error) {
    core.setFailed(oneLine(errorMessage(error)));
  }
}

/** The paired comparison against the base predictions: written as `modelgate compare` writes it, added to the summary. */
async function compare(inputs: EvaluateInputs, comparison: NonNullable<EvaluateInputs['comparison']>, workspace: string): Promise<string> {
  const result = await comparePredictionFiles({
    ...inputs.options,
    base: resolve(workspace, comparison.basePredictions),
    head: resolve(workspace, inputs.predictions),
    idColumn: comparison.idColumn,
    bootstrap: inputs.options.bootstrap ?? DEFAULT_COMPARISON_RESAMPLES,
    workerScript: new URL(import.meta.url),
  });
  const path = resolve(workspace, comparison.output);
  await writeOutputFile(path, formatResultJson(result), `comparison-output ${comparison.output}`);
  for (const warning of result.warnings) core.warning(`comparison: ${warning}`);
  core.summary.addRaw(`\n#### Paired comparison with ${comparison.basePredictions} (delta = this - base)\n\n`).addRaw(comparisonMarkdown(result));
  core.info(`paired comparison of ${result.rows} rows with ${comparison.basePredictions} written to ${path}`);
  return path;
}
