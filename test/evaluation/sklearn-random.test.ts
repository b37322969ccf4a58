// An independent check of the curves and per-class values on other data than the committed
// fixtures: test/fixtures/sklearn/random_cases.py draws fresh files (1 to 20,000 rows, ties from
// none to three distinct scores, one class only, scores beyond [0, 1]) and scikit-learn's values
// for them. Needs Debian's /usr/bin/python3 with scikit-learn, as the fixture generator does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BinaryCurves, type PerClassMetrics, evaluationReport } from '@modelgate/core';
import { loadPredictions } from '@modelgate/data';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

const python = '/usr/bin/python3';
const script = join(import.meta.dirname, '..', 'fixtures', 'sklearn', 'random_cases.py');
const hasSklearn = spawnSync(python, ['-c', 'import sklearn, pandas'], { stdio: 'ignore' }).status === 0;

interface RandomCase {
  file: string;
  task: 'binary' | 'multiclass';
  kind: string;
  curves?: BinaryCurves;
  per_class?: PerClassMetrics;
}

/** Largest |ours - scikit-learn's| over two series; a null on one side only is a mismatch. */
function largestError(ours: readonly (number | null)[] | undefined, theirs: readonly (number | null)[], what: string): number {
  expect(ours?.length, `${what}: length`).toBe(theirs.length);
  return Math.max(0, ...theirs.map((want, i) => {
    const got = ours![i];
    expect(got === null, `${what}[${i}]: ${got} vs scikit-learn ${want}`).toBe(want === null);
    return want === null ? 0 : Math.abs(got! - want);
  }));
}

describe.skipIf(!hasSklearn)(`curves and per-class values on fresh random data (${python} with scikit-learn)`, () => {
  it.each([1, 2, 3])('seed %i: 12 binary and 12 multiclass files agree with scikit-learn to 1e-9', async (seed) => {
    const dir = testdir();
    const run = spawnSync(python, [script, dir, String(seed), '12'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: RandomCase[] };
    let largest = 0;
    for (const c of cases) {
      const spec = c.task === 'binary'
        ? { task: 'binary' as const, labelColumn: 'label', scoreColumn: 'score', positiveLabel: 'yes' }
        : { task: 'multiclass' as const, labelColumn: 'label', predictionColumn: 'pred' };
      const report = evaluationReport({ data: (await loadPredictions(c.file, spec)).data });
      if (c.curves) {
        const { roc, pr, calibration } = report.curves!;
        expect(roc.fpr).toEqual(c.curves.roc.fpr);
        largest = Math.max(largest, largestError(roc.tpr, c.curves.roc.tpr, `${c.kind}: roc`), largestError(pr.precision, c.curves.pr.precision, `${c.kind}: pr`));
        if (c.curves.calibration) {
          expect(calibration?.count, c.kind).toEqual(c.curves.calibration.count);
          largest = Math.max(largest, largestError(calibration!.mean_predicted, c.curves.calibration.mean_predicted, `${c.kind}: calibration`));
          largest = Math.max(largest, largestError(calibration!.fraction_positive, c.curves.calibration.fraction_positive, `${c.kind}: calibration`));
        } else expect(calibration, c.kind).toBeUndefined();
      }
      for (const [label, want] of Object.entries(c.per_class ?? {})) {
        const got = report.per_class![label]!;
        expect(got.support, `${c.kind}: ${label}`).toBe(want.support);
        largest = Math.max(largest, ...(['precision', 'recall', 'f1'] as const).map((k) => Math.abs(got[k] - want[k])));
      }
      if (c.per_class) expect(Object.keys(report.per_class!)).toEqual(Object.keys(c.per_class));
    }
    expect(largest).toBeLessThanOrEqual(1e-9);
  });
});
