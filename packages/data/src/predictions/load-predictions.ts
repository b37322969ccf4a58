import {
  InputError,
  type EvaluationData,
  type LabelColumn,
  type ProbabilityColumns,
  type SliceColumn,
  type Task,
  binaryDataFrom,
  multiclassDataFrom,
  nearest,
} from '@modelgate/core';
import { type DataFormat, openTable } from '../readers/index.ts';
import { LabelCollector, NumberColumn, type RowLocator, TextCollector } from './columns.ts';

/** Which columns hold what, as the evaluate and compare options name them. */
export interface PredictionSpec {
  task: Task;
  labelColumn: string;
  predictionColumn?: string;
  scoreColumn?: string;
  probaPrefix?: string;
  /** Binary, with --score-column and no --prediction-column: a score >= threshold predicts the positive class. Default 0.5. */
  threshold?: number;
  positiveLabel?: string;
  sliceBy?: string;
  idColumn?: string;
}

export interface LoadedPredictions {
  path: string;
  data: EvaluationData;
  slices?: SliceColumn;
  /** Values of the id column, when one was asked for. */
  ids?: string[];
}

/**
 * scikit-learn's roc_auc_score checks probabilities with numpy.allclose(1, row sums): an absolute
 * 1e-8 plus a relative 1e-5, so rows must sum to 1 within 1.001e-5.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-8 + 1e-5;

/** scikit-learn's predict() for a binary classifier: positive when the probability is at least 0.5. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * A threshold the options make unused: it only turns --score-column into predicted classes, so
 * with --prediction-column (or another task) it is recorded as a warning rather than ignored.
 */
export function thresholdWarnings(spec: PredictionSpec): string[] {
  if (spec.threshold === undefined) return [];
  if (spec.task !== 'binary') return [`threshold ${spec.threshold} is not used: it applies to --task binary only`];
  if (spec.predictionColumn !== undefined) {
    return [`threshold ${spec.threshold} is not used: the predicted class comes from the prediction column ${JSON.stringify(spec.predictionColumn)}${spec.scoreColumn ? ', and the score metrics do not depend on a threshold' : ''}`];
  }
  return [];
}

/**
 * Read the needed columns of a predictions file (CSV, JSONL or Parquet) into typed arrays and check
 * them: every bad value is one InputError line naming the file, the row and what was expected.
 */
export async function loadPredictions(path: string, spec: PredictionSpec, options: { format?: DataFormat } = {}): Promise<LoadedPredictions> {
  const raw = await readPredictions(path, spec, options);
  const loaded: LoadedPredictions = { path, data: predictionData(raw) };
  if (raw.slices) loaded.slices = raw.slices;
  if (raw.ids) loaded.ids = raw.ids;
  return loaded;
}

/** The checked columns of a predictions file, before labels become classes. */
export interface RawPredictions {
  path: string;
  spec: PredictionSpec;
  rows: number;
  truthLabels?: LabelColumn;
  truthNumbers?: Float64Array;
  predictedLabels?: LabelColumn;
  predictedNumbers?: Float64Array;
  score?: Float64Array;
  proba?: ProbabilityColumns;
  slices?: SliceColumn;
  ids?: string[];
}

/** Read and check the columns `spec` names; see loadPredictions. */
export async function readPredictions(path: string, spec: PredictionSpec, options: { format?: DataFormat } = {}): Promise<RawPredictions> {
  checkSpec(spec);
  const header = await openTable(path, options.format ? { format: options.format } : {});
  const available = header.columns;
  const wanted = [spec.labelColumn, spec.predictionColumn, spec.scoreColumn, spec.sliceBy, spec.idColumn].filter((c): c is string => c !== undefined);
  for (const column of wanted) requireColumn(path, column, available);
  const probaColumns = spec.probaPrefix !== undefined ? probabilityColumns(path, spec.probaPrefix, available, wanted) : [];
  const columns = [...new Set([...wanted, ...probaColumns])];
  const table = await openTable(path, { ...(options.format ? { format: options.format } : {}), columns });
  const at = (name: string) => table.columns.indexOf(name);

  const numericLabel = spec.task === 'regression';
  const truthLabels = numericLabel ? null : new LabelCollector(spec.labelColumn);
  const truthNumbers = numericLabel ? new NumberColumn(spec.labelColumn) : null;
  const predictedLabels = !numericLabel && spec.predictionColumn ? new LabelCollector(spec.predictionColumn) : null;
  const predictedNumbers = numericLabel && spec.predictionColumn ? new NumberColumn(spec.predictionColumn) : null;
  const score = spec.scoreColumn ? new NumberColumn(spec.scoreColumn) : null;
  const probabilities = probaColumns.map((c) => new NumberColumn(c, `a probability (${c} starts with --proba-prefix ${JSON.stringify(spec.probaPrefix)})`));
  const slices = spec.sliceBy ? new TextCollector(spec.sliceBy) : null;
  const ids = spec.idColumn ? new TextCollector(spec.idColumn) : null;

  let rows = 0;
  for await (const batch of table.batches()) {
    const locate: RowLocator = (row) => {
      const line = batch.sourceLine?.(row - batch.firstRow);
      return `${path}: row ${row}${line !== undefined ? ` (line ${line})` : ''}`;
    };
    truthLabels?.addBatch(batch, at(spec.labelColumn), locate);
    truthNumbers?.addBatch(batch, at(spec.labelColumn), locate);
    if (spec.predictionColumn) {
      predictedLabels?.addBatch(batch, at(spec.predictionColumn), locate);
      predictedNumbers?.addBatch(batch, at(spec.predictionColumn), locate);
    }
    if (spec.scoreColumn) score!.addBatch(batch, at(spec.scoreColumn), locate);
    probabilities.forEach((column, j) => column.addBatch(batch, at(probaColumns[j]!), locate));
    if (spec.sliceBy) slices!.add(batch.column(at(spec.sliceBy)));
    if (spec.idColumn) ids!.add(batch.column(at(spec.idColumn)));
    rows += batch.rowCount;
  }
  if (rows === 0) throw new InputError(`${path}: no prediction rows (the file has a header but no data)`);

  const raw: RawPredictions = { path, spec, rows };
  if (truthLabels) raw.truthLabels = truthLabels.toColumn();
  if (truthNumbers) raw.truthNumbers = truthNumbers.toArray();
  if (predictedLabels) raw.predictedLabels = predictedLabels.toColumn();
  if (predictedNumbers) raw.predictedNumbers = predictedNumbers.toArray();
  if (score) raw.score = score.toArray();
  if (probabilities.length > 0) raw.proba = interleave(path, spec.probaPrefix!, probabilities);
  if (slices) raw.slices = sliceColumn(slices);
  if (ids) raw.ids = ids.values;
  return raw;
}

/**
 * Typed evaluation data from the columns read. `otherLabels` adds the label texts of another file
 * (compare), so that both files share one class order.
 */
export function predictionData(raw: RawPredictions, otherLabels: string[] = []): EvaluationData {
  const { path, spec } = raw;
  if (spec.task === 'regression') return { task: 'regression', truth: raw.truthNumbers!, predicted: raw.predictedNumbers! };
  const truth = raw.truthLabels!;
  const predicted = raw.predictedLabels;
  if (spec.task === 'binary') {
    return binaryDataFrom({
      source: path,
      truth,
      ...(predicted ? { predicted } : {}),
      ...(raw.score ? { score: raw.score } : {}),
      threshold: spec.threshold ?? DEFAULT_THRESHOLD,
      ...(spec.positiveLabel !== undefined ? { positiveLabel: spec.positiveLabel } : {}),
      otherLabels,
    });
  }
  return multiclassDataFrom({ source: path, truth, ...(predicted ? { predicted } : {}), ...(raw.proba ? { proba: raw.proba } : {}), otherLabels });
}

/** Every label text a file holds (labels and predicted classes), for a shared class order. */
export function labelTexts(raw: RawPredictions): string[] {
  return [...(raw.truthLabels?.keys ?? []), ...(raw.predictedLabels?.keys ?? [])];
}

function checkSpec(spec: PredictionSpec): void {
  if (spec.task === 'regression') {
    if (!spec.predictionColumn) throw new InputError('--task regression needs --prediction-column');
    if (spec.scoreColumn || spec.probaPrefix) throw new InputError('--task regression takes --prediction-column only, not --score-column or --proba-prefix');
  }
  if (spec.task === 'binary' && spec.probaPrefix) throw new InputError('--task binary takes --score-column (the positive class probability), not --proba-prefix');
  if (spec.task === 'multiclass' && spec.scoreColumn) throw new InputError('--task multiclass takes --proba-prefix (one column per class), not --score-column');
  if (spec.task === 'binary' && !spec.predictionColumn && !spec.scoreColumn) throw new InputError('--task binary needs --prediction-column or --score-column');
  if (spec.task === 'multiclass' && !spec.predictionColumn && spec.probaPrefix === undefined) throw new InputError('--task multiclass needs --prediction-column or --proba-prefix');
}

function requireColumn(path: string, column: string, available: readonly string[]): void {
  if (available.includes(column)) return;
  const suggestion = nearest(column, available);
  throw new InputError(`${path}: no column ${JSON.stringify(column)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}; columns: ${available.join(', ')}`);
}

/** The `<prefix><class>` columns, leaving out the columns other options name (`pred` with prefix `p`). */
function probabilityColumns(path: string, prefix: string, available: readonly string[], named: readonly string[]): string[] {
  const columns = available.filter((c) => c.startsWith(prefix) && c.length > prefix.length && !named.includes(c));
  if (columns.length < 2) {
    throw new InputError(`${path}: --proba-prefix ${JSON.stringify(prefix)} needs one column per class (${prefix}<class>), found ${columns.length === 0 ? 'none' : columns.join(', ')}; columns: ${available.join(', ')}`);
  }
  return columns;
}

/** Row-major probabilities, each row checked to be probabilities that sum to 1. */
function interleave(path: string, prefix: string, columns: NumberColumn[]): ProbabilityColumns {
  const arrays = columns.map((c) => c.toArray());
  const k = arrays.length;
  const rows = arrays[0]!.length;
  const values = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const p = arrays[j]![i]!;
      if (p < 0 || p > 1) throw new InputError(`${path}: row ${i + 1}: ${columns[j]!.name} is ${p}, expected a probability in [0, 1]`);
      values[i * k + j] = p;
      sum += p;
    }
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      throw new InputError(`${path}: row ${i + 1}: the ${prefix}* probabilities sum to ${sum}, expected 1 (tolerance ${PROBABILITY_SUM_TOLERANCE}, as scikit-learn checks)`);
    }
  }
  return { prefix, classes: columns.map((c) => c.name.slice(prefix.length)), values };
}

/** Slice values in sorted order, each row coded by its value. */
function sliceColumn(collector: TextCollector): SliceColumn {
  const names = [...new Set(collector.values)].sort();
  const index = new Map(names.map((name, s) => [name, s]));
  const codes = Int32Array.from(collector.values, (value) => index.get(value)!);
  return { column: collector.name, names, codes };
}
