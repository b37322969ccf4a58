import type { CheckResult, ValidationReport } from '@modelgate/core';
import { describe, expect, it } from 'vitest';
import { annotationsFor } from './annotations.ts';

function reportWith(failedChecks: number): ValidationReport {
  const checks: CheckResult[] = Array.from({ length: failedChecks }, (_, i) => ({
    column: `c${i}`, check: 'max', severity: 'error', passed: false, failed: 1, failed_share: 1, examples: [{ row: 1, value: 1, line: 2 }], message: '1 of 1 non-null values are above max 0',
  }));
  return { passed: false, rows: 1, columns: checks.map((c) => c.column!), checks };
}

describe('annotationsFor', () => {
  it("leaves one of GitHub's 10 error annotations for the step's own failure", () => {
    const annotations = annotationsFor([{ report: reportWith(12), file: 'd.csv' }], true);
    // 8 checks + "4 more" = 9, plus setFailed = 10.
    expect(annotations).toHaveLength(9);
    expect(annotations[8]!.message).toMatch(/^4 more failed error-level checks/);
    expect(annotationsFor([{ report: reportWith(9), file: 'd.csv' }], true)).toHaveLength(9);
    expect(annotationsFor([{ report: reportWith(10), file: 'd.csv' }], true).at(-1)!.message).toMatch(/^2 more/);
  });

  it('uses all 10 when the step does not fail (fail-on never)', () => {
    const annotations = annotationsFor([{ report: reportWith(12), file: 'd.csv' }], false);
    expect(annotations).toHaveLength(10);
    expect(annotations[9]!.message).toMatch(/^3 more failed error-level checks/);
  });
});
