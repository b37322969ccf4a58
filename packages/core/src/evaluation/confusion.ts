import type { BinaryData, MulticlassData } from './types.ts';

export interface ConfusionMatrix {
  /** The classes present in the labels or predictions, in scikit-learn's sorted order. */
  labels: string[];
  /** matrix[t][p]: rows with true class labels[t] predicted as labels[p] (scikit-learn's orientation). */
  matrix: number[][];
}

/** scikit-learn's confusion_matrix with its default labels: the sorted union of truth and predictions. */
export function confusionMatrix(data: BinaryData | MulticlassData): ConfusionMatrix {
  const classes = data.task === 'binary' ? binaryClassOrder(data) : data.classes;
  const k = classes.length;
  const counts = new Float64Array(k * k);
  const { truth, predicted } = data;
  for (let i = 0; i < truth.length; i++) counts[truth[i]! * k + predicted[i]!]!++;
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
