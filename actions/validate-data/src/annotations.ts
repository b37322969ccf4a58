import type { CheckResult, ValidationReport } from '@modelgate/core';

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  file: string;
  line?: number;
}

/**
 * One annotation per failed check, pointing at its first failing CSV row (file-level for other
 * formats and table checks). Within the 10 per level GitHub shows, the checks with the most
 * failures come first; when more fail, the last slot says how many are left and where to look.
 * `stepFails`: the step will end with `setFailed`, itself an error annotation, so one error slot
 * is left for it (otherwise GitHub drops the step's own failure line).
 */
export function annotationsFor(reports: readonly { report: ValidationReport; file: string }[], stepFails = false): Annotation[] {
  const failed: { check: CheckResult; file: string }[] = [];
  for (const { report, file } of reports) for (const check of report.checks) if (!check.passed) failed.push({ check, file });
  const out: Annotation[] = [];
  for (const level of ['error', 'warn'] as const) {
    const ofLevel = failed.filter(({ check }) => check.severity === level).sort((a, b) => b.check.failed - a.check.failed);
    const budget = level === 'error' && stepFails ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
    const fits = ofLevel.length > budget ? budget - 1 : ofLevel.length;
    for (const { check, file } of ofLevel.slice(0, fits)) out.push(annotation(check, file));
    const rest = ofLevel.length - fits;
    if (rest > 0) {
      out.push({
        level: level === 'error' ? 'error' : 'warning',
        file: ofLevel[fits]!.file,
        message: `${rest} more failed ${level === 'error' ? 'error' : 'warning'}-level checks are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step, including the step's own failure); see the job summary or the JSON report`,
      });
    }
  }
  return out;
}

function annotation(check: CheckResult, file: string): Annotation {
  const first = check.examples[0];
  const what = check.column === null ? check.check : `${check.column} ${check.check}`;
  const example = first ? ` (first at row ${first.row}: ${JSON.stringify(first.value)})` : '';
  return {
    level: check.severity === 'error' ? 'error' : 'warning',
    file,
    ...(first?.line !== undefined ? { line: first.line } : {}),
    message: `${what}: ${check.message}${example}`,
  };
}
