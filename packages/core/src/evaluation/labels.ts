import { InputError } from '../errors.ts';
import type { BinaryData, MulticlassData } from './types.ts';

/**
 * A column of class labels as read: each row holds a code into `keys`, the distinct label texts
 * in order of first appearance (booleans as "true"/"false", numbers as written).
 */
export interface LabelColumn {
  column: string;
  keys: string[];
  codes: Int32Array;
}

/** Per-class probability columns `<prefix><class>`: `classes[j]` is the suffix of column j. */
export interface ProbabilityColumns {
  prefix: string;
  classes: string[];
  /** Row-major rows x classes.length. */
  values: Float64Array;
}

type LabelKind = 'boolean' | 'numeric' | 'text';

/**
 * How scikit-learn would order these labels: numbers numerically, booleans false < true, anything
 * else as text. "1" and "1.0" are one class when every label is a number.
 */
export function labelKind(keys: Iterable<string>): LabelKind {
  let boolean = true;
  let numeric = true;
  for (const key of keys) {
    if (!/^(true|false)$/i.test(key)) boolean = false;
    if (key.trim() === '' || !Number.isFinite(Number(key))) numeric = false;
  }
  return boolean ? 'boolean' : numeric ? 'numeric' : 'text';
}

export function canonicalLabel(key: string, kind: LabelKind): string {
  if (kind === 'boolean') return key.toLowerCase();
  if (kind === 'numeric') return String(Number(key));
  return key;
}

export function compareLabels(kind: LabelKind): (a: string, b: string) => number {
  if (kind === 'numeric') return (a, b) => Number(a) - Number(b);
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0); // false < true holds as text too
}

interface ClassSpace {
  kind: LabelKind;
  /** Sorted canonical classes. */
  classes: string[];
  index: Map<string, number>;
}

function classSpace(keyLists: string[][], extra: string[] = []): ClassSpace {
  const all = [...keyLists.flat(), ...extra];
  const kind = labelKind(all);
  const classes = [...new Set(all.map((key) => canonicalLabel(key, kind)))].sort(compareLabels(kind));
  return { kind, classes, index: new Map(classes.map((c, j) => [c, j])) };
}

/** Codes of a label column re-expressed as class indices of `space`. */
function toClassIndex(column: LabelColumn, space: ClassSpace): Int32Array {
  const byCode = Int32Array.from(column.keys, (key) => space.index.get(canonicalLabel(key, space.kind)) ?? -1);
  const out = new Int32Array(column.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = byCode[column.codes[i]!]!;
  return out;
}

function firstRowOf(column: LabelColumn, key: string): number {
  const code = column.keys.indexOf(key);
  return column.codes.indexOf(code) + 1;
}

function quoted(values: readonly string[], limit = 10): string {
  const shown = values.slice(0, limit).map((v) => JSON.stringify(v));
  return values.length > limit ? `${shown.join(', ')} and ${values.length - limit} more` : shown.join(', ');
}

export interface BinaryLabelOptions {
  source: string;
  truth: LabelColumn;
  predicted?: LabelColumn;
  score?: Float64Array;
  threshold: number;
  positiveLabel?: string;
  /** Labels of another file compared with this one, so both share one class order. */
  otherLabels?: string[];
}

/**
 * Binary data from label, prediction and score columns. The positive class is `1` or `true`
 * unless `positiveLabel` names another; a score at or above `threshold` predicts positive when
 * there is no prediction column.
 */
export function binaryDataFrom(options: BinaryLabelOptions): BinaryData {
  const { source, truth, predicted, score } = options;
  const space = classSpace([truth.keys, predicted?.keys ?? [], options.otherLabels ?? []]);
  const seen = space.classes;
  if (seen.length > 2) {
    throw new InputError(`${source}: --task binary but ${seen.length} labels appear in ${truth.column}${predicted ? ` and ${predicted.column}` : ''}: ${quoted(seen)}; use --task multiclass`);
  }
  let positive: string;
  if (options.positiveLabel !== undefined) {
    const asked = canonicalLabel(options.positiveLabel, labelKind([...seen, options.positiveLabel]) === space.kind ? space.kind : 'text');
    if (seen.length === 2 && !seen.includes(asked)) {
      throw new InputError(`${source}: --positive-label ${JSON.stringify(options.positiveLabel)} is not one of the labels seen: ${quoted(seen)}`);
    }
    positive = asked;
  } else if (seen.includes('1') || (space.kind === 'numeric' && seen.every((c) => c === '0'))) positive = '1';
  else if (seen.includes('true') || (space.kind === 'boolean' && seen.every((c) => c === 'false'))) positive = 'true';
  else throw new InputError(`${source}: the labels are not 1/0 or true/false, so name the positive class with --positive-label (labels seen: ${quoted(seen)})`);
  const negative = seen.find((c) => c !== positive) ?? (positive === '1' ? '0' : positive === 'true' ? 'false' : `not ${positive}`);

  const isPositive = (column: LabelColumn) => {
    const byCode = Uint8Array.from(column.keys, (key) => (canonicalLabel(key, space.kind) === positive ? 1 : 0));
    const out = new Uint8Array(column.codes.length);
    for (let i = 0; i < out.length; i++) out[i] = byCode[column.codes[i]!]!;
    return out;
  };
  let predictedPositive: Uint8Array;
  if (predicted) predictedPositive = isPositive(predicted);
  else if (score) {
    predictedPositive = new Uint8Array(score.length);
    for (let i = 0; i < score.length; i++) predictedPositive[i] = score[i]! >= options.threshold ? 1 : 0;
  } else throw new InputError(`${source}: a binary evaluation needs --prediction-column or --score-column`);
  return {
    task: 'binary',
    truth: isPositive(truth),
    predicted: predictedPositive,
    score: score ?? null,
    positiveLabel: positive,
    negativeLabel: negative,
    positiveSortsFirst: compareLabels(space.kind)(positive, negative) < 0,
  };
}

export interface MulticlassLabelOptions {
  source: string;
  truth: LabelColumn;
  predicted?: LabelColumn;
  proba?: ProbabilityColumns;
  /** Labels of another file compared with this one, so both share one class order. */
  otherLabels?: string[];
}

/**
 * Multiclass data. Classes are the sorted union of labels and predictions, as in scikit-learn;
 * with probability columns the classes are the columns', every label and prediction must be one
 * of them, and a missing prediction column means the most probable class (first on ties).
 */
export function multiclassDataFrom(options: MulticlassLabelOptions): MulticlassData {
  const { source, truth, predicted, proba } = options;
  const space = classSpace([truth.keys, predicted?.keys ?? [], options.otherLabels ?? []], proba?.classes ?? []);
  if (proba) {
    const columnClasses = new Set(proba.classes.map((c) => canonicalLabel(c, space.kind)));
    for (const column of [truth, predicted]) {
      const outside = column?.keys.filter((key) => !columnClasses.has(canonicalLabel(key, space.kind))) ?? [];
      if (column && outside.length > 0) {
        const columns = proba.classes.map((c) => `${proba.prefix}${c}`);
        throw new InputError(
          `${source}: row ${firstRowOf(column, outside[0]!)}: ${column.column} ${JSON.stringify(outside[0])} is not one of the classes of the probability columns (${quoted(columns)})${outside.length > 1 ? `; also outside: ${quoted(outside.slice(1))}` : ''}`,
        );
      }
    }
    const unknown = (options.otherLabels ?? []).filter((key) => !columnClasses.has(canonicalLabel(key, space.kind)));
    if (unknown.length > 0) throw new InputError(`${source}: the other predictions file has class ${quoted(unknown)}, which has no ${proba.prefix}* column here`);
  }
  const k = space.classes.length;
  let probabilities: Float64Array | null = null;
  if (proba) {
    // Reorder the file's columns into sorted class order.
    const columnOf = space.classes.map((c) => proba.classes.findIndex((suffix) => canonicalLabel(suffix, space.kind) === c));
    const width = proba.classes.length;
    const rows = truth.codes.length;
    probabilities = new Float64Array(rows * k);
    for (let i = 0; i < rows; i++) for (let j = 0; j < k; j++) probabilities[i * k + j] = proba.values[i * width + columnOf[j]!]!;
  }
  let predictedIndex: Int32Array;
  if (predicted) predictedIndex = toClassIndex(predicted, space);
  else if (probabilities) {
    predictedIndex = new Int32Array(truth.codes.length);
    for (let i = 0; i < predictedIndex.length; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (probabilities[i * k + j]! > probabilities[i * k + best]!) best = j;
      predictedIndex[i] = best;
    }
  } else throw new InputError(`${source}: a multiclass evaluation needs --prediction-column or --proba-prefix`);
  return { task: 'multiclass', classes: space.classes, truth: toClassIndex(truth, space), predicted: predictedIndex, proba: probabilities };
}
