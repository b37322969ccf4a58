import { relative, resolve } from 'node:path';
import { InputError, type MetricsFileInput, type ReviewReport, type RunRecord, buildReviewReport } from '@modelgate/core';
import { type SideFilePaths, isGlob, loadComparison, loadConfig, loadMetricsFile, loadSideFiles, matchDataFiles, sideValue } from '@modelgate/data';
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

/**
 * Load heads, bases, config, comparison and side files named on the command line and build the
 * report. Several heads (paths or globs) pair with as many bases, in order. A side file that does
 * not exist is an InputError (exit 2); a malformed one is a warning on stderr and its section is
 * left out.
 */
export async function reportFromOptions(context: CommandContext, head: readonly string[], base: readonly string[], sides: SideFilePaths = {}): Promise<ReviewReport> {
  // Paths stay as typed (so messages name them as the user wrote them) unless run for another cwd.
  const at = (path: string) => (context.io.cwd === process.cwd() ? path : resolve(context.io.cwd, path));
  const heads = await expand(context, head, '--head');
  const bases = await expand(context, base, '--base');
  if (bases.length > 0 && bases.length !== heads.length) throw new InputError(`--base: give one base per head file (${heads.length}), got ${bases.length}`);
  const configPath = context.string('config');
  const comparisonPath = context.string('comparison');
  const notes: string[] = [];
  const warn = (problem: string) => {
    context.io.err(`warning: ${problem}\n`);
    notes.push(problem);
  };
  const [headSnapshots, baseSnapshots, { config }, paired, side] = await Promise.all([
    Promise.all(heads.map((path) => loadMetricsFile(at(path)))),
    Promise.all(bases.map((path) => loadMetricsFile(at(path)))),
    loadConfig(configPath ? at(configPath) : undefined, context.io.cwd),
    comparisonPath ? loadComparison(at(comparisonPath)) : undefined,
    loadSideFiles(sides, at),
  ]);
  const id = context.string('id') ?? 'default';
  if (!/^[\w.-]{1,64}$/.test(id)) throw new InputError(`--id: use letters, digits, ".", "_" or "-" (at most 64), got "${id}"`);

  let runs: { base: RunRecord; head: RunRecord } | undefined;
  if (side.headRun && side.baseRun) {
    const headRun = sideValue(side.headRun, 'what changed', warn);
    const baseRun = sideValue(side.baseRun, 'what changed', warn);
    if (headRun && baseRun) runs = { base: baseRun, head: headRun };
  } else if (side.headRun || side.baseRun) warn(`what changed left out: give both --base-run and --head-run`);
  const history = sideValue(side.history, 'trend', warn);
  const dataQuality = sideValue(side.dataQuality, 'data quality', warn);
  const dataDrift = sideValue(side.dataDrift, 'data drift', warn);

  const files = heads.map((path, i): MetricsFileInput => ({
    path,
    head: headSnapshots[i]!,
    baseline: bases[i] ? { snapshot: baseSnapshots[i]!, source: bases[i]! } : { reason: 'no --base file given' },
  }));
  return buildReviewReport({
    files,
    config,
    paired,
    id,
    context: { version },
    runs,
    history,
    dataQuality,
    dataDrift,
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
