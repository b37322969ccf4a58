import { relative, resolve } from 'node:path';
import { type DataDrift, type DataQuality, type HistoryEntry, InputError, type MetricsFileInput, type ReviewReport, type RunRecord, buildReviewReport, dataDriftFrom, dataQualityFrom } from '@modelgate/core';
import {
  isGlob,
  loadComparison,
  loadConfig,
  loadMetricsFile,
  loadSideFile,
  matchDataFiles,
  parseDriftText,
  parseHistoryText,
  parseRunRecordText,
  parseValidationText,
} from '@modelgate/data';
import type { CommandContext, OptionSpec } from './command.ts';
import { version } from './version.ts';

/** Options shared by `diff` and `gate`. */
export const reviewOptions = {
  config: { type: 'string', value: 'FILE', description: 'modelgate.yml with metric settings and gate rules', default: './modelgate.yml if present' },
  comparison: { type: 'string', value: 'FILE', description: 'output of `modelgate compare`: paired-bootstrap intervals decide what is noise' },
  id: { type: 'string', value: 'ID', description: 'report id (several reports can share a PR)', default: 'default' },
  format: { type: 'string', value: 'FORMAT', description: 'text, markdown or json', default: 'text' },
  output: { type: 'string', value: 'FILE', description: 'also write the rendering to FILE (written atomically)' },
} satisfies Record<string, OptionSpec>;

/** Side files of `diff`: what changed, trend and data quality (validation, drift). */
export interface SideFileOptions {
  headRun?: string;
  baseRun?: string;
  history?: string;
  validation?: string;
  drift?: string;
}

/**
 * Load heads, bases, config, comparison and side files named on the command line and build the
 * report. Several heads (paths or globs) pair with as many bases, in order. A side file that does
 * not exist is an InputError (exit 2); a malformed one is a warning on stderr and its section is
 * left out.
 */
export async function reportFromOptions(context: CommandContext, head: string | readonly string[], base: string | readonly string[] | undefined, sides: SideFileOptions = {}): Promise<ReviewReport> {
  // Paths stay as typed (so messages name them as the user wrote them) unless run for another cwd.
  const at = (path: string) => (context.io.cwd === process.cwd() ? path : resolve(context.io.cwd, path));
  const heads = await expand(context, typeof head === 'string' ? [head] : head, '--head');
  const bases = await expand(context, typeof base === 'string' ? [base] : (base ?? []), '--base');
  if (bases.length > 0 && bases.length !== heads.length) throw new InputError(`--base: give one base per head file (${heads.length}), got ${bases.length}`);
  const configPath = context.string('config');
  const comparisonPath = context.string('comparison');
  const notes: string[] = [];
  const warn = (problem: string) => {
    context.io.err(`warning: ${problem}\n`);
    notes.push(problem);
  };
  const side = <T>(path: string | undefined, what: string, parse: Parameters<typeof loadSideFile<T>>[3]) => (path ? loadSideFile(at(path), path, what, parse) : undefined);
  const [headSnapshots, baseSnapshots, { config }, paired, headRun, baseRun, history, validation, drift] = await Promise.all([
    Promise.all(heads.map((path) => loadMetricsFile(at(path)))),
    Promise.all(bases.map((path) => loadMetricsFile(at(path)))),
    loadConfig(configPath ? at(configPath) : undefined, context.io.cwd),
    comparisonPath ? loadComparison(at(comparisonPath)) : undefined,
    side(sides.headRun, 'run.json', parseRunRecordText),
    side(sides.baseRun, 'run.json', parseRunRecordText),
    side(sides.history, 'history file', parseHistoryText),
    side(sides.validation, 'validation report', parseValidationText),
    side(sides.drift, 'drift report', parseDriftText),
  ]);
  const id = context.string('id') ?? 'default';
  if (!/^[\w.-]{1,64}$/.test(id)) throw new InputError(`--id: use letters, digits, ".", "_" or "-" (at most 64), got "${id}"`);

  let runs: { base: RunRecord; head: RunRecord } | undefined;
  if (headRun && baseRun) {
    for (const file of [headRun, baseRun]) if ('problem' in file) warn(`what changed left out: ${file.problem}`);
    if ('value' in headRun && 'value' in baseRun) runs = { base: baseRun.value, head: headRun.value };
  } else if (headRun || baseRun) warn(`what changed left out: give both --base-run and --head-run`);
  let entries: HistoryEntry[] | undefined;
  if (history) {
    if ('value' in history) entries = history.value;
    else warn(`trend left out: ${history.problem}`);
  }
  let dataQuality: DataQuality | undefined;
  if (validation) {
    if ('value' in validation) dataQuality = dataQualityFrom(validation.value, sides.validation!);
    else warn(`data quality left out: ${validation.problem}`);
  }

  let dataDrift: DataDrift | undefined;
  if (drift) {
    if ('value' in drift) dataDrift = dataDriftFrom(drift.value, sides.drift!);
    else warn(`data drift left out: ${drift.problem}`);
  }

  const files = heads.map((path, i): MetricsFileInput => ({
    path,
    head: headSnapshots[i]!,
    baseline: bases[i] ? { snapshot: baseSnapshots[i]!, source: bases[i]! } : { reason: 'no --base file given' },
  }));
  return buildReviewReport({
    files,
    config,
    ...(paired ? { paired } : {}),
    id,
    context: { version },
    ...(runs ? { runs } : {}),
    ...(entries ? { history: entries } : {}),
    ...(dataQuality ? { dataQuality } : {}),
    ...(dataDrift ? { dataDrift } : {}),
    notes,
  });
}

/** Paths as typed, globs expanded (sorted, relative to the working directory). */
async function expand(context: CommandContext, patterns: readonly string[], option: string): Promise<string[]> {
  const paths: string[] = [];
  for (const pattern of patterns) {
    if (!isGlob(pattern)) paths.push(pattern);
    else for (const path of await matchDataFiles([pattern], context.io.cwd, option)) paths.push(relative(context.io.cwd, path));
  }
  return paths;
}
