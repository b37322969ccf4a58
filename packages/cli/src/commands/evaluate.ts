import { resolve } from 'node:path';
import { ExitCode, evaluationText, formatResultJson } from '@modelgate/core';
import { evaluatePredictionsFile, writeOutputFile } from '@modelgate/data';
import type { CommandSpec } from '../command.ts';
import { bootstrapOptions, bootstrapSettings, predictionOptions, predictionSpec, printWarnings } from './evaluation-options.ts';

export const evaluateCommand: CommandSpec = {
  name: 'evaluate',
  summary: 'Metrics of a predictions file with scikit-learn definitions, bootstrap intervals and slices',
  usage: '--predictions FILE --task binary|multiclass|regression --label-column C [--prediction-column C] [--score-column C | --proba-prefix P] [--threshold 0.5] [--slice-by C] [--bootstrap N] [--seed S] --output FILE',
  options: {
    predictions: { type: 'string', value: 'FILE', description: 'predictions file: CSV, TSV, JSONL (optionally gzipped) or Parquet' },
    ...predictionOptions,
    'slice-by': { type: 'string', value: 'C', description: 'also compute every metric per value of column C' },
    bootstrap: { type: 'string', value: 'N', description: '95% percentile bootstrap intervals from N resamples' },
    ...bootstrapOptions,
  },
  details: [
    'Metrics (scikit-learn names and defaults):',
    '  binary      accuracy precision recall f1, and with scores roc_auc average_precision log_loss brier',
    '  multiclass  accuracy balanced_accuracy precision_macro recall_macro f1_macro f1_weighted,',
    '              and with probabilities log_loss roc_auc_ovr',
    '  regression  mae mse rmse r2 mape (a fraction) median_ae',
    'Zero division gives 0.0 with a warning; an undefined metric (AUC with one class) is null with a warning.',
    'Also written: the confusion matrix; multiclass per_class (classification_report: precision, recall,',
    'f1, support per class, per slice too); binary with scores, curves on fixed grids: roc (best tpr at',
    'fpr 0, 0.02, ..., 1), pr (best precision at recall >= 0, 0.02, ..., 1) and calibration (10 uniform',
    'score bins as calibration_curve: mean predicted, fraction positive, count).',
    'Per-class probabilities must sum to 1 within 1.001e-5 (numpy.allclose, as scikit-learn checks).',
  ].join('\n'),
  async run(context) {
    const output = context.requireString('output');
    const result = await evaluatePredictionsFile({
      predictions: context.requireString('predictions'),
      ...predictionSpec(context),
      ...bootstrapSettings(context),
      ...(context.string('slice-by') !== undefined ? { sliceBy: context.string('slice-by')! } : {}),
    });
    await writeOutputFile(resolve(context.io.cwd, output), formatResultJson(result), `--output ${output}`);
    context.io.out(evaluationText(result));
    printWarnings(context, result.warnings);
    context.io.out(`wrote ${output}\n`);
    return ExitCode.ok;
  },
};
