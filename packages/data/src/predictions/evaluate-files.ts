import {
  type ComparisonOutput,
  type EvaluationOutput,
  InputError,
  type SliceColumn,
  comparisonReport,
  evaluationReport,
  evaluatorFor,
} from '@modelgate/core';
import type { DataFormat } from '../readers/index.ts';
import { alignById } from './join-predictions.ts';
import { DEFAULT_THRESHOLD, type PredictionSpec, type RawPredictions, labelTexts, loadPredictions, predictionData, readPredictions, thresholdWarnings } from './load-predictions.ts';
import { runBootstrap } from './run-bootstrap.ts';

export interface EvaluateFileOptions extends PredictionSpec {
  predictions: string;
  format?: DataFormat;
  /** Bootstrap resamples for 95% intervals; none when undefined. */
  bootstrap?: number;
  seed: number;
  workers?: number;
  /** See BootstrapRunOptions.workerScript. */
  workerScript?: URL;
}

/** `modelgate evaluate`: metrics of one predictions file, with slices, confusion matrix and intervals. */
export async function evaluatePredictionsFile(options: EvaluateFileOptions): Promise<EvaluationOutput> {
  const loaded = await loadPredictions(options.predictions, options, options.format ? { format: options.format } : {});
  const evaluator = evaluatorFor(loaded.data);
  let bootstrap: { n: number; seed: number; table: Float64Array; sliceTables?: Float64Array[] } | undefined;
  if (options.bootstrap !== undefined) {
    const slices = loaded.slices ? { codes: loaded.slices.codes, count: loaded.slices.names.length } : undefined;
    const [table, ...sliceTables] = await runBootstrap([loaded.data], { n: options.bootstrap, seed: options.seed }, { ...workerOption(options), ...(slices ? { slices } : {}) });
    bootstrap = { n: options.bootstrap, seed: options.seed, table: table!, ...(slices ? { sliceTables } : {}) };
  }
  return evaluationReport({
    data: loaded.data,
    evaluator,
    ...(loaded.slices ? { slices: loaded.slices } : {}),
    ...(bootstrap ? { bootstrap } : {}),
    ...binaryFields(loaded.data, options),
    optionWarnings: thresholdWarnings(options),
  });
}

export interface CompareFilesOptions extends PredictionSpec {
  base: string;
  head: string;
  idColumn: string;
  format?: DataFormat;
  bootstrap: number;
  seed: number;
  workers?: number;
  /** See BootstrapRunOptions.workerScript. */
  workerScript?: URL;
}

/** `modelgate compare`: both models on the same rows joined by id, paired-bootstrap deltas. */
export async function comparePredictionFiles(options: CompareFilesOptions): Promise<ComparisonOutput> {
  const readOptions = options.format ? { format: options.format } : {};
  const base = await readPredictions(options.base, options, readOptions);
  const head = alignById(base, await readPredictions(options.head, options, readOptions), options.idColumn);
  const baseData = predictionData(base, labelTexts(head));
  const headData = predictionData(head, labelTexts(base));
  if (baseData.task === 'binary' && headData.task === 'binary' && baseData.positiveLabel !== headData.positiveLabel) {
    throw new InputError(`${options.base} and ${options.head} give different positive classes (${baseData.positiveLabel} vs ${headData.positiveLabel}); pass --positive-label`);
  }
  const slices = base.slices && head.slices ? sameSlices(base, head, options.idColumn) : undefined;
  const resampleSlices = slices ? { slices: { codes: slices.codes, count: slices.names.length } } : {};
  const [baseTable, headTable, ...sliceTables] = await runBootstrap([baseData, headData], { n: options.bootstrap, seed: options.seed }, { ...workerOption(options), ...resampleSlices });
  return comparisonReport({
    base: baseData,
    head: headData,
    idColumn: options.idColumn,
    ...(slices ? { slices } : {}),
    bootstrap: { n: options.bootstrap, seed: options.seed, baseTable: baseTable!, headTable: headTable!, ...(slices ? { sliceTables } : {}) },
    ...binaryFields(baseData, options),
    optionWarnings: thresholdWarnings(options),
  });
}

/**
 * The slices of the rows both files hold (head aligned to base): a row's slice is a property of
 * the row, so the two files must agree on it, as on its label.
 */
function sameSlices(base: RawPredictions, head: RawPredictions, idColumn: string): SliceColumn {
  const ours = base.slices!;
  const theirs = head.slices!;
  for (let i = 0; i < ours.codes.length; i++) {
    const a = ours.names[ours.codes[i]!]!;
    const b = theirs.names[theirs.codes[i]!]!;
    if (a !== b) throw new InputError(`${base.path} and ${head.path} disagree on ${ours.column} for ${idColumn} ${JSON.stringify(base.ids![i])}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  return ours;
}

function workerOption(options: { workers?: number; workerScript?: URL }) {
  return { ...(options.workers !== undefined ? { workers: options.workers } : {}), ...(options.workerScript ? { workerScript: options.workerScript } : {}) };
}

function binaryFields(data: { task: string; positiveLabel?: string }, options: PredictionSpec) {
  if (data.task !== 'binary') return {};
  return { positiveLabel: data.positiveLabel!, ...(options.scoreColumn && !options.predictionColumn ? { threshold: options.threshold ?? DEFAULT_THRESHOLD } : {}) };
}
