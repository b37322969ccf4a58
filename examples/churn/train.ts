// Train the churn model: logistic regression (ml-logistic-regression, batch gradient descent) on
// standardised numeric and one-hot categorical features. Writes the model directory and the
// predictions for the test split (id, label, score, predicted, contract) that `modelgate evaluate` reads.
//
//   node examples/churn/train.ts --data out/churn-data --model-dir out/model --predictions out/predictions.csv
//     [--params examples/churn/params.yaml] [--features full|basic]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { parse as parseYaml } from 'yaml';
import { encode, featureSets, fitEncoding, type FeatureSetName } from './src/features.ts';
import { readCustomers } from './src/read-customers.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'out/churn-data' },
    'model-dir': { type: 'string', default: 'out/churn-model' },
    predictions: { type: 'string', default: 'out/churn-predictions.csv' },
    params: { type: 'string', default: new URL('params.yaml', import.meta.url).pathname },
    features: { type: 'string' },
  },
});

interface Params {
  model: { features: FeatureSetName; learning_rate: number; steps: number };
  threshold: number;
}
const params = parseYaml(readFileSync(values.params, 'utf8')) as Params;
const featureSet = (values.features ?? params.model.features) as FeatureSetName;
if (!(featureSet in featureSets)) throw new Error(`unknown feature set "${featureSet}" (expected ${Object.keys(featureSets).join(' or ')})`);

const train = readCustomers(join(values.data, 'train.csv'));
const test = readCustomers(join(values.data, 'test.csv'));
const encoding = fitEncoding(train, featureSet);
console.log(`training logistic regression on ${train.length} rows, ${encoding.columns.length - 1} features (${featureSet}), ${params.model.steps} steps`);

// The library sums the gradient over rows, so the per-row rate is divided by the row count.
const model = new LogisticRegression({ numSteps: params.model.steps, learningRate: params.model.learning_rate / train.length });
model.train(new Matrix(encode(train, encoding)), Matrix.columnVector(train.map((row) => row.churned)));
// One-vs-all: classifier 0 separates class 0 from the rest, so its score is P(churned = 1).
const churnClassifier = model.classifiers[0]!;
const weights = churnClassifier.weights.to1DArray();
const score = (rows: typeof test) => churnClassifier.testScores(new Matrix(encode(rows, encoding)));

const trainScores = score(train);
const logLoss = -trainScores.reduce((sum, p, i) => sum + (train[i]!.churned === 1 ? Math.log(p) : Math.log(1 - p)), 0) / train.length;
console.log(`train log loss ${logLoss.toFixed(4)}`);
for (const [column, weight] of encoding.columns.map((c, i) => [c, weights[i]!] as const)) console.log(`  ${column.padEnd(34)} ${weight >= 0 ? ' ' : ''}${weight.toFixed(4)}`);

mkdirSync(values['model-dir'], { recursive: true });
writeFileSync(
  join(values['model-dir'], 'model.json'),
  `${JSON.stringify({ kind: 'logistic-regression', library: 'ml-logistic-regression', threshold: params.threshold, encoding, weights: Object.fromEntries(encoding.columns.map((c, i) => [c, weights[i]])) }, null, 2)}\n`,
);
writeFileSync(join(values['model-dir'], 'training.json'), `${JSON.stringify({ rows: train.length, steps: params.model.steps, learning_rate: params.model.learning_rate, train_log_loss: logLoss }, null, 2)}\n`);

const testScores = score(test);
// The contract column is carried along so reports can slice by it (modelgate evaluate --slice-by contract).
const lines = test.map((row, i) => `${row.id},${row.churned},${testScores[i]},${testScores[i]! >= params.threshold ? 1 : 0},${row.contract}`);
mkdirSync(dirname(values.predictions), { recursive: true });
writeFileSync(values.predictions, `id,label,score,predicted,contract\n${lines.join('\n')}\n`);
console.log(`wrote ${values['model-dir']}/model.json and ${test.length} predictions to ${values.predictions}`);
