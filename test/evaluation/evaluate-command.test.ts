// `modelgate evaluate` and `modelgate compare` end to end through the CLI entry, on real files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonOutputSchema, evaluationOutputSchema } from '@modelgate/core';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../harness/cli.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sklearn');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8'));

const ties = ['evaluate', '--predictions', join(fixtures, 'binary_ties.csv'), '--task', 'binary', '--label-column', 'label', '--score-column', 'score'];

describe('modelgate evaluate', () => {
  it('writes metrics, intervals, slices and the confusion matrix', async () => {
    const dir = testdir();
    const result = await run([...ties, '--slice-by', 'region', '--bootstrap', '200', '--seed', '3', '--output', 'out/metrics.json'], dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/roc_auc\s+0\.8966\s+\[/);
    const output = evaluationOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'out/metrics.json'), 'utf8')));
    expect(output.metrics.roc_auc).toBeCloseTo(expected.cases.binary_ties.metrics.roc_auc, 12);
    expect(output.bootstrap).toEqual({ n: 200, seed: 3, confidence: 0.95 });
    expect(Object.keys(output.intervals!)).toEqual(Object.keys(output.metrics));
    for (const [name, interval] of Object.entries(output.intervals!)) {
      // 600 rows: every interval is a few points wide and sits around the point estimate.
      expect(interval![1] - interval![0], name).toBeGreaterThan(0.005);
      expect(interval![1] - interval![0], name).toBeLessThan(0.12);
      expect(output.metrics[name]!, name).toBeGreaterThan(interval![0] - 0.01);
      expect(output.metrics[name]!, name).toBeLessThan(interval![1] + 0.01);
    }
    expect(Object.keys(output.slices!)).toEqual(['apac', 'eu', 'us']);
    expect(output.slices!.eu!.rows + output.slices!.us!.rows + output.slices!.apac!.rows).toBe(600);
    for (const [value, slice] of Object.entries(output.slices!)) {
      expect(Object.keys(slice.intervals!), value).toEqual(Object.keys(output.metrics));
      // About a third of the rows: wider than the whole file's interval, still around the slice's value.
      const whole = output.intervals!.accuracy!;
      const part = slice.intervals!.accuracy!;
      expect(part[1] - part[0], value).toBeGreaterThan(whole[1] - whole[0]);
      expect(slice.metrics.accuracy!, value).toBeGreaterThan(part[0]);
      expect(slice.metrics.accuracy!, value).toBeLessThan(part[1]);
    }
    expect(output.confusion_matrix).toEqual(expected.cases.binary_ties.confusion_matrix);
  });

  it('gives the same intervals with 1 or 2 worker threads', async () => {
    const dir = testdir();
    await run([...ties, '--slice-by', 'region', '--bootstrap', '64', '--workers', '1', '--output', 'one.json'], dir);
    await run([...ties, '--slice-by', 'region', '--bootstrap', '64', '--workers', '2', '--output', 'two.json'], dir);
    expect(JSON.parse(readFileSync(join(dir, 'one.json'), 'utf8')).slices.eu.intervals.roc_auc).toHaveLength(2);
    expect(readFileSync(join(dir, 'two.json'), 'utf8')).toBe(readFileSync(join(dir, 'one.json'), 'utf8'));
  });

  it('writes null with a warning for an undefined metric, never NaN', async () => {
    const dir = testdir();
    const result = await run(['evaluate', '--predictions', join(fixtures, 'binary_one_class.csv'), '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--bootstrap', '20', '--output', 'm.json'], dir);
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, 'm.json'), 'utf8');
    expect(text).not.toMatch(/NaN/);
    const output = evaluationOutputSchema.parse(JSON.parse(text));
    expect(output.metrics.roc_auc).toBeNull();
    expect(output.intervals!.roc_auc).toBeNull();
    expect(output.warnings.join('\n')).toMatch(/roc_auc: undefined with only one class present/);
    expect(result.err).toMatch(/warning: roc_auc/);
  });
});

describe('bad input: one line, exit 2', () => {
  const cases: Array<[string, Record<string, string>, string[], RegExp]> = [
    ['missing column', { 'p.csv': 'id,label,score\n1,1,0.5\n' }, ['--label-column', 'lable', '--score-column', 'score'], /p\.csv: no column "lable" \(did you mean "label"\?\); columns: id, label, score/],
    ['non-numeric score', { 'p.csv': 'label,score\n1,0.5\n0,abc\n' }, ['--label-column', 'label', '--score-column', 'score'], /p\.csv: row 2 \(line 3\): score holds "abc", expected a finite number/],
    ['empty score', { 'p.csv': 'label,score\n1,\n' }, ['--label-column', 'label', '--score-column', 'score'], /row 1 \(line 2\): score holds an empty value/],
    ['header only', { 'p.csv': 'label,score\n' }, ['--label-column', 'label', '--score-column', 'score'], /p\.csv: no prediction rows/],
    ['empty file', { 'p.csv': '' }, ['--label-column', 'label', '--score-column', 'score'], /p\.csv: data file is empty/],
    ['string labels without --positive-label', { 'p.csv': 'label,score\nyes,0.5\nno,0.2\n' }, ['--label-column', 'label', '--score-column', 'score'], /name the positive class with --positive-label \(labels seen: "no", "yes"\)/],
    ['three labels in a binary task', { 'p.csv': 'label,pred\n0,1\n1,2\n' }, ['--label-column', 'label', '--prediction-column', 'pred'], /--task binary but 3 labels appear in label and pred: "0", "1", "2"; use --task multiclass/],
  ];
  for (const [name, files, args, message] of cases) {
    it(name, async () => {
      const dir = testdir(files);
      const result = await run(['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'binary', ...args, '--output', join(dir, 'out.json')]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err.trim().split('\n')).toHaveLength(1);
    });
  }

  it('an output path that is a directory or sits under a file', async () => {
    const dir = testdir({ 'p.csv': 'label,score\n1,0.5\n0,0.2\n', 'out/keep': '', 'file': 'x' });
    const args = ['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--output'];
    const directory = await run([...args, 'out'], dir);
    expect(directory.code).toBe(2);
    expect(directory.err).toBe('modelgate: --output out: is a directory; give a file path such as metrics.json\n');
    const underFile = await run([...args, 'file/m.json'], dir);
    expect(underFile.code).toBe(2);
    expect(underFile.err).toBe('modelgate: --output file/m.json: a part of this path is a file, not a directory\n');
  });

  it('probabilities that do not sum to 1, with the tolerance', async () => {
    const dir = testdir({ 'p.csv': 'y,p_a,p_b\na,0.6,0.4\nb,0.5,0.4\n' });
    const result = await run(['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'multiclass', '--label-column', 'y', '--proba-prefix', 'p_', '--output', join(dir, 'o.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/row 2: the p_\* probabilities sum to 0\.9, expected 1 \(tolerance 0\.00001001/);
  });

  it('a label outside the probability classes', async () => {
    const dir = testdir({ 'p.jsonl': '{"y":"a","p_a":1,"p_b":0}\n{"y":"fish","p_a":0.5,"p_b":0.5}\n' });
    const result = await run(['evaluate', '--predictions', join(dir, 'p.jsonl'), '--task', 'multiclass', '--label-column', 'y', '--proba-prefix', 'p_', '--output', join(dir, 'o.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/row 2: y "fish" is not one of the classes of the probability columns \("p_a", "p_b"\)/);
  });
});

describe('modelgate compare', () => {
  const base = 'id,label,score\n1,1,0.9\n2,0,0.2\n3,1,0.4\n4,0,0.6\n5,1,0.8\n6,0,0.1\n7,1,0.7\n8,0,0.3\n';
  const head = 'id,label,score\n8,0,0.2\n7,1,0.9\n6,0,0.1\n5,1,0.8\n4,0,0.3\n3,1,0.6\n2,0,0.2\n1,1,0.9\n';
  const args = (dir: string) => ['compare', '--base-predictions', join(dir, 'base.csv'), '--head-predictions', join(dir, 'head.csv'), '--id-column', 'id', '--task', 'binary', '--label-column', 'label', '--score-column', 'score', '--bootstrap', '100', '--workers', '1', '--output', join(dir, 'c.json')];

  it('joins by id and reports head minus base exactly', async () => {
    const dir = testdir({ 'base.csv': base, 'head.csv': head });
    const result = await run(args(dir));
    // 8 rows: some resamples hold one class only, where AUC is undefined (warned, not an error).
    for (const line of result.err.trim().split('\n')) expect(line).toMatch(/^modelgate: warning: (roc_auc|average_precision): undefined in \d+ of 100 paired resamples/);
    expect(result.code).toBe(0);
    const output = comparisonOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')));
    // By hand: base has 6/8 right at 0.5 (rows 3 and 4 wrong), head 8/8.
    expect(output.base.metrics.accuracy).toBe(0.75);
    expect(output.head.metrics.accuracy).toBe(1);
    for (const [name, d] of Object.entries(output.deltas)) expect(d.delta, name).toBe(output.head.metrics[name]! - output.base.metrics[name]!);
    expect(output.deltas.accuracy!.head_better_share).toBeGreaterThan(0.5);
    expect(result.out).toMatch(/accuracy\s+0\.7500\s+1\.0000\s+\+0\.2500/);
  });

  it('is within noise when comparing a model with itself', async () => {
    const dir = testdir({ 'base.csv': base, 'head.csv': base });
    expect((await run(args(dir))).code).toBe(0);
    const output = comparisonOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')));
    for (const d of Object.values(output.deltas)) expect(d).toMatchObject({ delta: 0, within_noise: true, head_better_share: 0 });
  });

  it('rejects files that do not hold the same ids', async () => {
    const dir = testdir({ 'base.csv': base, 'head.csv': head.replace('\n8,0,0.2', '\n9,0,0.2') });
    const result = await run(args(dir));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/do not hold the same evaluation rows by id: 1 id of the base file missing from the head file \(first: "8"\); 1 id only in the head file \(first: "9"\)/);
  });

  it('reads labels as evaluate does: 1 and 1.0, True and true are one class', async () => {
    const decimal = base.replace(/\n(\d),([01]),/g, '\n$1,$2.0,');
    expect(decimal).toContain('\n1,1.0,0.9\n');
    const capitalised = base.replace(/\n(\d),1,/g, '\n$1,True,').replace(/\n(\d),0,/g, '\n$1,False,');
    const lower = base.replace(/\n(\d),1,/g, '\n$1,true,').replace(/\n(\d),0,/g, '\n$1,false,');
    for (const [a, b] of [[base, decimal], [capitalised, lower]] as const) {
      const dir = testdir({ 'base.csv': a, 'head.csv': b });
      const result = await run(args(dir));
      expect(result.code, result.err).toBe(0);
      const output = comparisonOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')));
      // By hand: 6 of 8 right at threshold 0.5 in both files (same scores).
      expect(output.base.metrics.accuracy).toBe(0.75);
      expect(output.deltas.accuracy!.delta).toBe(0);
    }
  });

  it('rejects files that disagree on a label', async () => {
    const dir = testdir({ 'base.csv': base, 'head.csv': head.replace('\n7,1,0.9', '\n7,0,0.9') });
    const result = await run(args(dir));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/disagree on the label of id "7"/);
  });
});

describe('--proba-prefix', () => {
  // label,pred,part,p0,p1,p2: `pred` and `part` start with the prefix "p" but are named by other options.
  const csv = [
    'label,pred,part,p0,p1,p2',
    '2,0,a,0.788,0.141,0.071',
    '2,0,b,0.307,0.335,0.358',
    '0,0,a,0.059,0.568,0.373',
    '2,0,b,0.77,0.198,0.032',
    '1,0,a,0.14,0.182,0.678',
    '1,0,b,0.043,0.124,0.833',
    '1,0,a,0.158,0.311,0.531',
    '0,0,b,0.023,0.976,0.001',
    '2,0,a,0.635,0.275,0.09',
    '0,0,b,0.276,0.519,0.205',
    '0,0,a,0.144,0.362,0.494',
    '1,0,b,0.348,0.359,0.293',
  ].join('\n');

  it('leaves out the prediction and slice columns that start with the prefix', async () => {
    const dir = testdir({ 'p.csv': `${csv}\n` });
    const result = await run(['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'multiclass', '--label-column', 'label', '--prediction-column', 'pred', '--proba-prefix', 'p', '--slice-by', 'part', '--output', 'm.json'], dir);
    expect(result.err).not.toMatch(/absent|"(red|pred|part)"/);
    expect(result.code).toBe(0);
    const output = evaluationOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')));
    // scikit-learn 1.2: roc_auc_score(y, P, multi_class='ovr'), log_loss(y, P), accuracy_score(y, pred).
    expect(output.metrics.roc_auc_ovr).toBeCloseTo(0.20833333333333334, 12);
    expect(output.metrics.log_loss).toBeCloseTo(2.111137961061356, 12);
    expect(output.metrics.accuracy).toBeCloseTo(0.3333333333333333, 12);
    expect(output.confusion_matrix!.labels).toEqual(['0', '1', '2']);
  });

  it('rejects a prefixed column that is not a number, naming the prefix', async () => {
    const dir = testdir({ 'p.csv': 'y,p_a,p_b,p_note\na,0.6,0.4,ok\nb,0.5,0.5,fine\n' });
    const result = await run(['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'multiclass', '--label-column', 'y', '--proba-prefix', 'p_', '--output', 'o.json'], dir);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^modelgate: \S+p\.csv: row 1 \(line 2\): p_note holds "ok", expected a probability \(p_note starts with --proba-prefix "p_"\)\n$/);
  });
});

describe('--threshold', () => {
  const csv = 'label,pred,score\n1,1,0.6\n0,1,0.4\n1,0,0.8\n0,0,0.1\n';
  const args = (dir: string, ...more: string[]) => ['evaluate', '--predictions', join(dir, 'p.csv'), '--task', 'binary', '--label-column', 'label', ...more, '--output', join(dir, 'm.json')];
  const read = (dir: string) => evaluationOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')));

  it('turns scores into classes when no prediction column is given, and is recorded', async () => {
    const dir = testdir({ 'p.csv': csv });
    const result = await run(args(dir, '--score-column', 'score', '--threshold', '0.7'));
    expect(result.code).toBe(0);
    // By hand: 0.6 -> 0 (wrong), 0.4 -> 0, 0.8 -> 1, 0.1 -> 0: 3 of 4.
    expect(read(dir)).toMatchObject({ threshold: 0.7, metrics: { accuracy: 0.75 } });
    expect(read(dir).warnings).toEqual([]);
  });

  it('is reported as unused, in the output and on stderr, with --prediction-column', async () => {
    const dir = testdir({ 'p.csv': csv });
    const result = await run(args(dir, '--prediction-column', 'pred', '--score-column', 'score', '--threshold', '0.7'));
    expect(result.code).toBe(0);
    const output = read(dir);
    // By hand from pred: rows 1 and 4 right.
    expect(output.metrics.accuracy).toBe(0.5);
    expect(output.threshold).toBeUndefined();
    const warning = 'threshold 0.7 is not used: the predicted class comes from the prediction column "pred", and the score metrics do not depend on a threshold';
    expect(output.warnings).toEqual([warning]);
    expect(result.err).toBe(`modelgate: warning: ${warning}\n`);
    const without = testdir({ 'p.csv': csv });
    await run(args(without, '--prediction-column', 'pred', '--score-column', 'score'));
    expect(read(without).warnings).toEqual([]);
  });
});

describe('regression warnings', () => {
  const regression = (file: string, dir: string) => ['evaluate', '--predictions', join(fixtures, file), '--task', 'regression', '--label-column', 'target', '--prediction-column', 'predicted', '--output', join(dir, 'm.json')];

  it('explains a huge mape when labels are 0 (20 of the 400 rows of regression.csv, counted with pandas)', async () => {
    const dir = testdir();
    const result = await run(regression('regression.csv', dir), dir);
    expect(result.code).toBe(0);
    const output = evaluationOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')));
    const mape = expected.cases.regression.metrics.mape;
    expect(Math.abs(output.metrics.mape! - mape)).toBeLessThanOrEqual(1e-9 * mape);
    expect(output.warnings).toContain('mape: the label is 0 in 20 of 400 rows; scikit-learn divides their errors by machine epsilon (2.2e-16), so mape is huge and says little');
    expect(result.err).toMatch(/warning: mape: the label is 0 in 20 of 400 rows/);
  });

  it('says nothing about mape when no label is 0', async () => {
    const dir = testdir();
    await run(regression('regression_constant.csv', dir), dir);
    const output = evaluationOutputSchema.parse(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')));
    expect(output.warnings.join('\n')).not.toMatch(/mape/);
  });
});
