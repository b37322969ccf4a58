// Generate the churn data set: train and test splits from one population and, with --shift, a
// "production" sample from a shifted one. The same --seed always gives the same bytes.
//
//   node examples/churn/generate.ts --out out/churn-data [--seed 42] [--train 20000] [--test 5000] [--shift]
//     [--train-rows N]   write only the first N training rows: an older, smaller snapshot of the same
//                        customers, with the same test split (the committed baseline was trained on one)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCustomers, referencePopulation, shiftedPopulation, toCsv } from './src/customers.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/churn-data' },
    seed: { type: 'string', default: '42' },
    train: { type: 'string', default: '20000' },
    test: { type: 'string', default: '5000' },
    shift: { type: 'boolean', default: false },
    production: { type: 'string', default: '5000' },
    'train-rows': { type: 'string' },
  },
});

const count = (name: 'seed' | 'train' | 'test' | 'production' | 'train-rows'): number => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`generate: --${name} must be a whole number, got "${values[name]}"`);
    process.exit(2);
  }
  return value;
};

const seed = count('seed');
const train = count('train');
const test = count('test');
mkdirSync(values.out, { recursive: true });
// Train and test come from one stream; production from its own, so --shift never changes the splits.
const reference = generateCustomers(seed, train + test, referencePopulation, 'C');
const trainRows = values['train-rows'] === undefined ? train : Math.min(train, count('train-rows'));
writeFileSync(join(values.out, 'train.csv'), toCsv(reference.slice(0, trainRows)));
writeFileSync(join(values.out, 'test.csv'), toCsv(reference.slice(train)));
const written = [`train.csv (${trainRows} rows)`, `test.csv (${test} rows)`];
if (values.shift) {
  const production = count('production');
  writeFileSync(join(values.out, 'production.csv'), toCsv(generateCustomers(seed + 1, production, shiftedPopulation, 'P')));
  written.push(`production.csv (${production} rows, shifted)`);
}
const churnRate = reference.reduce((sum, row) => sum + row.churned, 0) / reference.length;
console.log(`wrote ${written.join(', ')} to ${values.out}; churn rate ${(100 * churnRate).toFixed(1)}%`);
