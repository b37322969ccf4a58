// Builders shared by this folder's tests (not exported from the package).
import type { BinaryData } from './types.ts';

/** Binary data with labels 1/0 and a prediction at score >= 0.5. */
export function binaryData(truth: number[], score: number[]): BinaryData {
  return {
    task: 'binary',
    truth: Uint8Array.from(truth),
    predicted: Uint8Array.from(score, (s) => (s >= 0.5 ? 1 : 0)),
    score: Float64Array.from(score),
    positiveLabel: '1',
    negativeLabel: '0',
    positiveSortsFirst: false,
  };
}
