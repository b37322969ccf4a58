// ml-logistic-regression ships no type declarations; these cover what train.ts uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  /** One one-vs-all classifier: classifier i scores P(label != i). */
  interface TwoClassClassifier {
    weights: Matrix;
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: TwoClassClassifier[];
    train(features: Matrix, labels: Matrix): void;
    predict(features: Matrix): number[];
    toJSON(): unknown;
  }
}
