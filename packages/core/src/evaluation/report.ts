import { type BootstrapSettings, CONFIDENCE, bootstrapIntervals, pairedDeltas } from './bootstrap.ts';
import { confusionMatrix, perClassMetrics } from './confusion.ts';
import { evaluatorFor } from './evaluators.ts';
import type { ComparisonOutput, EvaluationOutput } from './schema.ts';
import type { EvaluationData, MetricEvaluator, MulticlassData } from './types.ts';
import { sliceMetricName } from '../metrics/snapshot.ts';

/** name -> value with undefined metrics as null, so the JSON never holds NaN. */
export function metricRecord(names: readonly string[], values: Float64Array): Record<string, number | null> {
  const record: Record<string, number | null> = {};
  names.forEach((name, m) => {
    record[name] = Number.isNaN(values[m]!) ? null : values[m]!;
  });
  return record;
}

/** Rows grouped by the value of the --slice-by column: `codes[i]` indexes `names`. */
export interface SliceColumn {
  column: string;
  names: readonly string[];
  codes: Int32Array;
}

export interface EvaluationReportInput {
  data: EvaluationData;
  evaluator?: MetricEvaluator;
  slices?: SliceColumn;
  /** Resample x metric tables from computeResamples (possibly gathered from workers): the whole
   * data's, and with slices one per slice in the order of `slices.names`. */
  bootstrap?: BootstrapSettings & { table: Float64Array; sliceTables?: Float64Array[] };
  positiveLabel?: string;
  threshold?: number;
  /** Warnings about the options themselves (an unused --threshold), listed first. */
  optionWarnings?: readonly string[];
}

/** The evaluate output: point metrics, slices, confusion matrix and bootstrap intervals. */
export function evaluationReport(input: EvaluationReportInput): EvaluationOutput {
  const { data } = input;
  const evaluator = input.evaluator ?? evaluatorFor(data);
  const warnings: string[] = [...(input.optionWarnings ?? [])];
  const point = evaluator.compute(null, warnings);
  // Keys in the order a reader scans the file: what was evaluated, the numbers, then the notes.
  const output: EvaluationOutput = { task: data.task, rows: evaluator.rows, metrics: metricRecord(evaluator.names, point), warnings };
  if (input.bootstrap) {
    output.intervals = bootstrapIntervals(evaluator.names, input.bootstrap.table, warnings);
    output.bootstrap = { n: input.bootstrap.n, seed: input.bootstrap.seed, confidence: CONFIDENCE };
  }
  if (input.slices) {
    output.slice_by = input.slices.column;
    output.slices = sliceMetrics(evaluator, input.slices, warnings, input.bootstrap?.sliceTables, data.task === 'multiclass' ? data : undefined);
  }
  if (data.task !== 'regression') output.confusion_matrix = confusionMatrix(data);
  if (data.task === 'multiclass') output.per_class = perClassMetrics(output.confusion_matrix!);
  const curves = evaluator.curves?.(warnings);
  if (curves) output.curves = curves;
  if (input.positiveLabel !== undefined) output.positive_label = input.positiveLabel;
  if (input.threshold !== undefined) output.threshold = input.threshold;
  const { warnings: notes, ...rest } = output;
  return { ...rest, warnings: notes };
}

/** Each slice's metrics (and intervals); for multiclass data also its per-class values. */
function sliceMetrics(evaluator: MetricEvaluator, slices: SliceColumn, warnings: string[], tables?: Float64Array[], multiclass?: MulticlassData): NonNullable<EvaluationOutput['slices']> {
  // Keyed by slice values, which are data: no prototype, so a value `__proto__` is a key like any other.
  const result: NonNullable<EvaluationOutput['slices']> = Object.create(null);
  const mask = new Uint8Array(slices.codes.length);
  slices.names.forEach((name, s) => {
    let rows = 0;
    for (let i = 0; i < mask.length; i++) {
      const inSlice = slices.codes[i] === s ? 1 : 0;
      mask[i] = inSlice;
      rows += inSlice;
    }
    const sliceWarnings: string[] = [];
    const values = evaluator.compute(mask, sliceWarnings);
    for (const warning of sliceWarnings) warnings.push(`slice ${slices.column}=${name}: ${warning}`);
    result[name] = { rows, metrics: metricRecord(evaluator.names, values) };
    if (multiclass) result[name].per_class = perClassMetrics(confusionMatrix(multiclass, mask));
    const table = tables?.[s];
    if (table) {
      const intervalWarnings: string[] = [];
      result[name].intervals = bootstrapIntervals(evaluator.names, table, intervalWarnings);
      for (const warning of intervalWarnings) warnings.push(`slice ${slices.column}=${name}: ${warning}`);
    }
  });
  return result;
}

export interface ComparisonReportInput {
  base: EvaluationData;
  head: EvaluationData;
  idColumn: string;
  /** Slices of the (row-aligned) evaluation rows, compared one by one too. */
  slices?: SliceColumn;
  /** `sliceTables`: for each slice in the order of `slices.names`, the base table then the head's. */
  bootstrap: BootstrapSettings & { baseTable: Float64Array; headTable: Float64Array; sliceTables?: Float64Array[] };
  positiveLabel?: string;
  threshold?: number;
  /** See EvaluationReportInput.optionWarnings. */
  optionWarnings?: readonly string[];
}

/** The compare output: both models' metrics and paired deltas (head minus base) with intervals. */
export function comparisonReport(input: ComparisonReportInput): ComparisonOutput {
  const base = evaluatorFor(input.base);
  const head = evaluatorFor(input.head);
  const baseWarnings: string[] = [];
  const headWarnings: string[] = [];
  const basePoint = base.compute(null, baseWarnings);
  const headPoint = head.compute(null, headWarnings);
  // Both files must have given the same metric set (same columns); compare what both have.
  const names = base.names.filter((name) => head.names.includes(name));
  const pick = (evaluator: MetricEvaluator, values: Float64Array) => Float64Array.from(names, (name) => values[evaluator.names.indexOf(name)]!);
  const pickTable = (evaluator: MetricEvaluator, table: Float64Array) => {
    const width = evaluator.names.length;
    const columns = names.map((name) => evaluator.names.indexOf(name));
    const resamples = table.length / width;
    const out = new Float64Array(resamples * names.length);
    for (let b = 0; b < resamples; b++) columns.forEach((c, m) => (out[b * names.length + m] = table[b * width + c]!));
    return out;
  };
  const warnings = [...(input.optionWarnings ?? []), ...baseWarnings.map((w) => `base: ${w}`), ...headWarnings.map((w) => `head: ${w}`)];
  const deltas = pairedDeltas(names, pick(base, basePoint), pick(head, headPoint), pickTable(base, input.bootstrap.baseTable), pickTable(head, input.bootstrap.headTable), warnings);
  const slices: NonNullable<ComparisonOutput['slices']> = Object.create(null); // see sliceMetrics
  const { sliceTables } = input.bootstrap;
  if (input.slices && sliceTables) {
    const { column, names: values, codes } = input.slices;
    const mask = new Uint8Array(codes.length);
    values.forEach((value, s) => {
      let rows = 0;
      for (let i = 0; i < mask.length; i++) {
        mask[i] = codes[i] === s ? 1 : 0;
        rows += mask[i]!;
      }
      const baseSliceWarnings: string[] = [];
      const headSliceWarnings: string[] = [];
      const baseSlice = base.compute(mask, baseSliceWarnings);
      const headSlice = head.compute(mask, headSliceWarnings);
      const sliceWarnings = [...baseSliceWarnings.map((w) => `base: ${w}`), ...headSliceWarnings.map((w) => `head: ${w}`)];
      const sliceDeltas = pairedDeltas(names, pick(base, baseSlice), pick(head, headSlice), pickTable(base, sliceTables[2 * s]!), pickTable(head, sliceTables[2 * s + 1]!), sliceWarnings);
      for (const [metric, delta] of Object.entries(sliceDeltas)) deltas[sliceMetricName(metric, column, value)] = delta;
      for (const warning of sliceWarnings) warnings.push(`slice ${column}=${value}: ${warning}`);
      slices[value] = { rows, base: { metrics: metricRecord(base.names, baseSlice) }, head: { metrics: metricRecord(head.names, headSlice) } };
    });
  }
  const output: ComparisonOutput = {
    task: input.base.task,
    rows: base.rows,
    id_column: input.idColumn,
    base: { metrics: metricRecord(base.names, basePoint) },
    head: { metrics: metricRecord(head.names, headPoint) },
    deltas,
    bootstrap: { n: input.bootstrap.n, seed: input.bootstrap.seed, confidence: CONFIDENCE },
    ...(input.slices && sliceTables ? { slice_by: input.slices.column, slices } : {}),
    warnings,
  };
  if (input.positiveLabel !== undefined) output.positive_label = input.positiveLabel;
  if (input.threshold !== undefined) output.threshold = input.threshold;
  return output;
}
