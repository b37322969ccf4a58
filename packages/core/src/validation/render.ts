import { markdownTable } from 'markdown-table';
import { escapeMarkdown, escapeTerminal } from '../review/escape.ts';
import { formatCount, formatNumber, formatShare } from './format.ts';
import type { CheckExample, CheckResult, ValidationReport } from './report.ts';

const examplesShown = 3;

function checkName(check: CheckResult): string {
  const what = check.quantile !== undefined ? `${check.check}[${check.quantile}]` : check.check;
  return check.column === null ? `table ${what}` : `${check.column} ${what}`;
}

function status(check: CheckResult): 'passed' | 'error' | 'warn' {
  return check.passed ? 'passed' : check.severity;
}

function tally(report: ValidationReport): { errors: number; warnings: number; passed: number } {
  let errors = 0;
  let warnings = 0;
  for (const check of report.checks) {
    if (!check.passed) {
      if (check.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { errors, warnings, passed: report.checks.length - errors - warnings };
}

function exampleText(example: CheckExample, escape: (text: string) => string): string {
  const value = example.value === null ? 'null' : typeof example.value === 'string' ? JSON.stringify(example.value.length > 60 ? `${example.value.slice(0, 60)}…` : example.value) : String(example.value);
  return `row ${formatCount(example.row)}: ${escape(value)}`;
}

function summaryLine(report: ValidationReport): string {
  const { errors, warnings, passed } = tally(report);
  return `${formatCount(report.rows)} rows, ${report.columns.length} columns; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${passed} passed`;
}

export interface ValidationTextOptions {
  color?: boolean;
  /** List passing checks too (the CLI's --verbose). */
  verbose?: boolean;
}

const ansi = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' } as const;

/** Terminal rendering: one line per failed check with its first examples. Pure. */
export function renderValidationText(report: ValidationReport, options: ValidationTextOptions = {}): string {
  const paint = (color: keyof typeof ansi, text: string) => (options.color ? `${ansi[color]}${text}${ansi.reset}` : text);
  const where = report.source ? ` ${escapeTerminal(report.source.path)}` : '';
  const head = report.passed ? paint('green', `PASSED${where}`) : paint('red', `FAILED${where}`);
  const lines = [`${paint('bold', head)}: ${summaryLine(report)}`];
  const shown = options.verbose ? report.checks : report.checks.filter((check) => !check.passed);
  const labels = shown.map((check) => escapeTerminal(checkName(check)));
  const width = Math.max(0, ...labels.map((label) => label.length));
  shown.forEach((check, i) => {
    const level = status(check);
    const tag = level === 'passed' ? paint('green', 'ok   ') : level === 'error' ? paint('red', 'error') : paint('yellow', 'warn ');
    lines.push(`  ${tag}  ${labels[i]!.padEnd(width)}  ${escapeTerminal(check.message)}`);
    if (!check.passed && check.examples.length > 0) {
      const more = check.failed > examplesShown ? `, ... (${formatCount(check.examples.length)} examples in the JSON report)` : '';
      lines.push(paint('dim', `  ${' '.repeat(5)}  ${' '.repeat(width)}  e.g. ${check.examples.slice(0, examplesShown).map((e) => exampleText(e, escapeTerminal)).join('; ')}${more}`));
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The share of values that failed; for a check on one statistic (mean, rows, missing_share,
 * ...) that share is 0% or 100% and says nothing, so the observed value shows instead.
 */
function shareOrObserved(check: CheckResult): string {
  if (check.observed === undefined) return check.failed > 0 ? formatShare(check.failed_share) : '';
  if (check.passed) return '';
  if (check.observed === null) return 'not computable';
  return check.check === 'missing_share' ? formatShare(check.observed) : formatNumber(check.observed);
}

/**
 * Markdown for a job summary or PR comment. Every user string (column names, values, file
 * paths, messages quoting values) goes through escapeMarkdown, so `<img>`, `@org/team` or `| x |`
 * in the data shows as text, pings nobody and keeps the table intact. Pure.
 */
export function renderValidationMarkdown(report: ValidationReport): string {
  const where = report.source ? `: \`${report.source.path.replace(/`/g, "'")}\`` : '';
  const lines = [`### ${report.passed ? '✅ Data validation passed' : '❌ Data validation failed'}${where}`, '', escapeMarkdown(summaryLine(report)), ''];
  const failed = report.checks.filter((check) => !check.passed);
  const passed = report.checks.filter((check) => check.passed);
  const row = (check: CheckResult) => {
    const level = status(check);
    const icon = level === 'passed' ? '✅' : level === 'error' ? '❌' : '⚠️';
    const examples = check.passed ? '' : check.examples.slice(0, examplesShown).map((e) => exampleText(e, escapeMarkdown)).join('; ');
    return [
      icon,
      check.column === null ? '*table*' : escapeMarkdown(check.column),
      escapeMarkdown(check.quantile !== undefined ? `${check.check} ${check.quantile}` : check.check),
      formatCount(check.failed),
      shareOrObserved(check),
      escapeMarkdown(check.message),
      examples,
    ];
  };
  const header = ['', 'column', 'check', 'failed', 'share / observed', 'details', 'first failing rows'];
  if (failed.length > 0) lines.push(markdownTable([header, ...failed.map(row)]), '');
  if (passed.length > 0) {
    lines.push(`<details><summary>${passed.length} check${passed.length === 1 ? '' : 's'} passed</summary>`, '', markdownTable([header.slice(0, 3).concat('details'), ...passed.map((check) => [...row(check).slice(0, 3), row(check)[5]!])]), '', '</details>', '');
  }
  return lines.join('\n');
}
