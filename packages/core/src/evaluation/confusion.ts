import type { PerClassMetrics } from './schema.ts';
import type { BinaryData, MulticlassData } from './types.ts';

export interface ConfusionMatrix {
  /** The classes present in the labels or predictions, in scikit-learn's sorted order. */
  labels: string[];
  /** matrix[t][p]: rows with true class labels[t] predicted as labels[p] (scikit-learn's orientation). */
  matrix: number[][];
}

/**
 * scikit-learn's confusion_matrix with its default labels: the sorted union of truth and
 * predictions. With `mask`, only the rows where it is 1 (a slice).
 */
export function confusionMatrix(data: BinaryData | MulticlassData, mask?: Uint8Array): ConfusionMatrix {
  const classes = data.task === 'binary' ? binaryClassOrder(data) : data.classes;
  const k = classes.length;
  const counts = new Float64Array(k * k);
  const { truth, predicted } = data;
  if (mask) {
    for (let i = 0; i < truth.length; i++) counts[truth[i]! * k + predicted[i]!]! += mask[i]!;
  } else {
    for (let i = 0; i < truth.length; i++) counts[truth[i]! * k + predicted[i]!]!++;
  }
  const present: number[] = [];
  for (let j = 0; j < k; j++) {
    let seen = 0;
    for (let m = 0; m < k; m++) seen += counts[j * k + m]! + counts[m * k + j]!;
    if (seen > 0) present.push(j);
  }
  // Binary data is indexed 0 = negative, 1 = positive; reorder to the labels' sort order.
  const order = data.task === 'binary' && data.positiveSortsFirst ? present.slice().reverse() : present;
  return {
    labels: order.map((j) => classes[j]!),
    matrix: order.map((t) => order.map((p) => counts[t * k + p]!)),
  };
}

function binaryClassOrder(data: BinaryData): string[] {
  return [data.negativeLabel, data.positiveLabel];
}

/**
 * classification_report's per-class values from a confusion matrix: precision, recall, f1 and
 * support of each class it lists, 0.0 where a ratio has no denominator (zero_division's default).
 * Keyed by label with no prototype: a class named `__proto__` is a key like any other.
 */
export function perClassMetrics(confusion: ConfusionMatrix): PerClassMetrics {
  const result: PerClassMetrics = Object.create(null);
  const { labels, matrix } = confusion;
  labels.forEach((label, j) => {
    const hits = matrix[j]![j]!;
    const support = matrix[j]!.reduce((sum, count) => sum + count, 0);
    const predicted = matrix.reduce((sum, row) => sum + row[j]!, 0);
    const precision = predicted > 0 ? hits / predicted : 0;
    const recall = support > 0 ? hits / support : 0;
    result[label] = { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  return result;
}
