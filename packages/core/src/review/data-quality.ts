// Data quality in the report: the output of `modelgate validate` (or actions/validate-data) as one
// status line and the failed checks, worst first. The drift report sits beside it (data-drift.ts).
import { markdownTable } from 'markdown-table';
import type { ValidationFile } from '../validation/report-schema.ts';
import { escapeMarkdown } from './escape.ts';
import { formatCount } from '../validation/format.ts';
import { formatPercent } from './format.ts';

export interface FailedCheck {
  /** The data file, when the validation covered several (or named its source). */
  file: string | null;
  column: string | null;
  check: string;
  failed: number;
  share: number;
  severity: 'error' | 'warn';
  message: string;
}

export interface DataQuality {
  /** The validation file as given (input or option). */
  source: string;
  files: number;
  rows: number;
  checks: number;
  /** Failed checks, errors first, then by failing share and count. */
  failed: FailedCheck[];
}

/** Summarise a parsed validation file for the report. */
export function dataQualityFrom(file: ValidationFile, source: string): DataQuality {
  const reports = 'checks' in file ? [file] : file.reports;
  const failed: FailedCheck[] = [];
  let rows = 0;
  let checks = 0;
  for (const report of reports) {
    rows += report.rows;
    checks += report.checks.length;
    for (const check of report.checks) {
      if (check.passed) continue;
      failed.push({ file: report.source?.path ?? null, column: check.column, check: check.check, failed: check.failed, share: check.failed_share, severity: check.severity, message: check.message });
    }
  }
  const rank = (c: FailedCheck) => (c.severity === 'error' ? 0 : 1);
  failed.sort((a, b) => rank(a) - rank(b) || b.share - a.share || b.failed - a.failed);
  return { source, files: reports.length, rows, checks, failed };
}

/** The line at the top of the report: passed, or how many checks failed at which level. */
export function dataQualityLine(quality: DataQuality): string {
  const errors = quality.failed.filter((c) => c.severity === 'error').length;
  const warnings = quality.failed.length - errors;
  const scope = `${quality.checks} ${quality.checks === 1 ? 'check' : 'checks'} on ${quality.files === 1 ? '1 file' : `${quality.files} files`}, ${formatCount(quality.rows)} rows`;
  if (errors > 0) return `❌ Data validation failed: ${errors} ${errors === 1 ? 'check' : 'checks'} failed${warnings > 0 ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''} (${scope})`;
  if (warnings > 0) return `⚠️ Data validation passed with ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} (${scope})`;
  return `✅ Data validation passed (${scope})`;
}

/** The failed checks as a table, `maxRows` at most; undefined when every check passed. */
export function failedChecksTable(quality: DataQuality, maxRows = Infinity): string | undefined {
  if (quality.failed.length === 0) return undefined;
  const withFile = quality.failed.some((c) => c.file !== null);
  const shown = quality.failed.slice(0, maxRows);
  const rows = shown.map((c) => [
    ...(withFile ? [c.file === null ? '' : escapeMarkdown(c.file)] : []),
    c.column === null ? '(table)' : escapeMarkdown(c.column),
    escapeMarkdown(c.check),
    formatCount(c.failed),
    formatPercent(c.share),
    c.severity === 'error' ? '❌ error' : '⚠️ warn',
  ]);
  const header = [...(withFile ? ['File'] : []), 'Column', 'Check', 'Failed', 'Share', 'Severity'];
  const more = quality.failed.length - shown.length;
  return [
    markdownTable([header, ...rows], { align: [...(withFile ? ['l'] : []), 'l', 'l', 'r', 'r', 'l'], alignDelimiters: false }),
    ...(more > 0 ? ['', `_${more} more failed checks; the job summary lists them all._`] : []),
  ].join('\n');
}
