import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { type HistoryEntry, InputError, type MetricsFileInput, type ReviewReport, type RunRecord, buildReviewReport, errorMessage, version } from '@modelgate/core';
import { isGlob, loadComparison, loadConfig, loadMetricsFile, loadSideFiles, matchDataFiles, parseHistoryText, parseRunRecordText, sideValue } from '@modelgate/data';
import { describeApiError } from '../api-errors.ts';
import { type GitHubClient, type Logger, createGitHubClient } from '../client.ts';
import { findPullRequest } from '../pr/find-pull-request.ts';
import { type BaselineFiles, type BaselineFilesRequest, type FoundText, resolveBaselineFiles } from '../baseline/resolve-baseline.ts';
import { type PullRequestInfo, type RunContext, readRunContext } from '../run-context.ts';
import { z } from 'zod';
import { input } from './inputs.ts';

/** Inputs shared by the report and gate actions (see their action.yml). */
export interface ReviewActionInputs {
  /** Metrics files or globs, one per line; several are shown per file as DVC does. */
  metrics: string[];
  /** Baseline files, one per metrics file, in the same order. */
  baseline?: string[];
  /** The metrics files' paths in the repository, when they differ from `metrics` (one per file). */
  baseMetricsPath?: string[];
  baselineArtifact?: string;
  config?: string;
  comparison?: string;
  token?: string;
  reportId: string;
  pullRequest?: number;
  /** run.json of this change's `modelgate train` (report only): "what changed". */
  run?: string;
  /** A base run.json; when empty it is found like the base metrics. */
  baseRun?: string;
  /** Output of `modelgate validate` or actions/validate-data (report only): data quality. */
  validation?: string;
  /** Output of `modelgate drift` (report only): data drift. */
  drift?: string;
}

/** The inputs both actions read (each adds its own; see their action.yml). */
export const reviewInputsSchema = z.object({
  metrics: input.lines().refine((lines) => lines.length > 0, 'expected at least one metrics file'),
  'report-id': input
    .text()
    .regex(/^[\w.-]{1,64}$/, 'use letters, digits, ".", "_" or "-" (at most 64)')
    .default('default'),
  baseline: input.lines().optional(),
  'base-metrics-path': input.lines().optional(),
  'baseline-artifact': input.text().optional(),
  config: input.text().optional(),
  comparison: input.text().optional(),
  'github-token': input.text().optional(),
  'pull-request': input.number({ integer: true, min: 1 }).optional(),
});

export function reviewInputsFrom(raw: z.output<typeof reviewInputsSchema>): ReviewActionInputs {
  const inputs: ReviewActionInputs = { metrics: raw.metrics, reportId: raw['report-id'] };
  if (raw.baseline !== undefined && raw.baseline.length > 0) inputs.baseline = raw.baseline;
  if (raw['base-metrics-path'] !== undefined && raw['base-metrics-path'].length > 0) inputs.baseMetricsPath = raw['base-metrics-path'];
  if (raw['baseline-artifact'] !== undefined) inputs.baselineArtifact = raw['baseline-artifact'];
  if (raw.config !== undefined) inputs.config = raw.config;
  if (raw.comparison !== undefined) inputs.comparison = raw.comparison;
  if (raw['github-token'] !== undefined) inputs.token = raw['github-token'];
  if (raw['pull-request'] !== undefined) inputs.pullRequest = raw['pull-request'];
  return inputs;
}

export const actionLog: Logger = { info: (m) => core.info(m), warning: (m) => core.warning(m) };

export interface ReviewOptions {
  /**
   * Read history.jsonl from the baseline artifact: on a PR for the trend of the gated metrics, on
   * a push to the default branch for `pushHistory` (the report action appends this run to it).
   */
  history?: boolean;
}

export interface PreparedReview {
  report: ReviewReport;
  context: RunContext;
  client?: GitHubClient;
  pullRequest?: PullRequestInfo;
  /** Set when the PR could not be looked up (an API fault), so "not a pull request" is not claimed. */
  lookupFault?: string;
  /** A push to the default branch with `history`: the history found (empty when there is none yet). */
  pushHistory?: { entries: HistoryEntry[]; source: string | null };
}

/** A metrics file as given and where it is. */
interface MetricsFile {
  shown: string;
  path: string;
}

/**
 * Everything up to the rendering: run context, head metrics, config, the PR, the baseline
 * (given file, else base commit contents, else base-branch artifact), and the side files (run.json,
 * validation, history). File problems are InputErrors; API faults become warnings and a "no
 * baseline" reason that says what failed; a malformed side file is one warning and a note, and its
 * section is left out.
 */
export async function prepareReview(inputs: ReviewActionInputs, env: Record<string, string | undefined>, options: ReviewOptions = {}): Promise<PreparedReview> {
  const context = await readRunContext(env);
  const workspace = context.workspace;
  const notes: string[] = [];
  const warn = (problem: string) => {
    core.warning(problem);
    notes.push(problem);
  };
  const files = await metricsFiles(inputs.metrics, workspace);
  const at = (path: string) => resolve(workspace, path);
  const [heads, { config }, paired, side] = await Promise.all([
    Promise.all(files.map((file) => loadMetricsFile(file.path))),
    loadConfig(inputs.config ? at(inputs.config) : undefined, workspace),
    inputs.comparison ? loadComparison(at(inputs.comparison)) : undefined,
    loadSideFiles({ headRun: inputs.run, validation: inputs.validation, drift: inputs.drift }, at),
  ]);
  const headRun = sideValue(side.headRun, 'what changed', warn);
  const dataQuality = sideValue(side.dataQuality, 'data quality', warn);
  const dataDrift = sideValue(side.dataDrift, 'data drift', warn);

  const client = inputs.token ? createGitHubClient({ token: inputs.token, baseUrl: context.apiUrl, log: actionLog, userAgent: `modelgate/${version}`, env }) : undefined;
  let pullRequest: PullRequestInfo | undefined;
  let lookupFault: string | undefined;
  if (client) {
    try {
      pullRequest = await findPullRequest(client, context, inputs.pullRequest);
    } catch (error) {
      lookupFault = describeApiError(error, 'finding the pull request');
      core.warning(lookupFault);
    }
  } else {
    pullRequest = context.pullRequest;
  }

  // A PR draws the trend of its gated metrics only; a default-branch push keeps every run's metrics.
  const gated = Object.keys(config.gate.rules).length > 0;
  const baselines = await findBaselines(inputs, files, { context, client, pullRequest, lookupFault, history: Boolean(options.history), trend: Boolean(options.history && gated) });

  let runs: { base: RunRecord; head: RunRecord } | undefined;
  if (headRun) {
    const baseRun = inputs.baseRun
      ? (await loadSideFiles({ baseRun: inputs.baseRun }, at)).baseRun
      : baselines.run && 'text' in baselines.run
        ? parseRunRecordText(baselines.run.text, `base run.json (${baselines.run.source})`)
        : undefined;
    const base = sideValue(baseRun, 'what changed', warn);
    if (base) runs = { base, head: headRun };
    else if (!baseRun && baselines.run && 'reason' in baselines.run) {
      // No base run.json yet (the first runs after adding `run`) is normal; a failed lookup is not.
      const line = `what changed left out: no base run.json (${baselines.run.reason})`;
      if (baselines.run.fault) warn(line);
      else core.info(line);
    }
  }

  let history: HistoryEntry[] | undefined;
  if (baselines.history && 'text' in baselines.history) history = sideValue(parseHistoryText(baselines.history.text, `history.jsonl (${baselines.history.source})`), 'trend', warn);
  else if (baselines.history && pullRequest) core.info(`no trend: no history.jsonl yet (${baselines.history.reason})`);

  const report = buildReviewReport({
    files: files.map((file, i): MetricsFileInput => ({ path: file.shown, head: heads[i]!, baseline: baselines.metrics[i]! })),
    config,
    ...(paired ? { paired } : {}),
    id: inputs.reportId,
    context: {
      version,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(pullRequest ? { baseSha: pullRequest.baseSha, headSha: pullRequest.headSha } : context.sha ? { headSha: context.sha } : {}),
    },
    ...(runs ? { runs } : {}),
    ...(history && pullRequest ? { history } : {}),
    ...(dataQuality ? { dataQuality } : {}),
    ...(dataDrift ? { dataDrift } : {}),
    notes,
  });
  const prepared: PreparedReview = { report, context, ...(client ? { client } : {}), ...(pullRequest ? { pullRequest } : {}), ...(lookupFault ? { lookupFault } : {}) };
  if (options.history && !pullRequest && context.push?.isDefaultBranch) prepared.pushHistory = { entries: history ?? [], source: baselines.history && 'source' in baselines.history ? baselines.history.source : null };
  return prepared;
}

/** Paths and globs, one per line; a glob that matches nothing is an InputError (as validate-data's). */
async function metricsFiles(patterns: readonly string[], workspace: string): Promise<MetricsFile[]> {
  const files: MetricsFile[] = [];
  for (const pattern of patterns) {
    if (!isGlob(pattern)) files.push({ shown: pattern, path: resolve(workspace, pattern) });
    else for (const path of await matchDataFiles([pattern], workspace, 'metrics')) files.push({ shown: relative(workspace, path).split(sep).join('/'), path });
  }
  return files;
}

interface BaselineContext {
  context: RunContext;
  client: GitHubClient | undefined;
  pullRequest: PullRequestInfo | undefined;
  lookupFault: string | undefined;
  /** Read the history on a default-branch push (to append this run). */
  history: boolean;
  /** Read the history on a PR (to draw the gated metrics' trend). */
  trend: boolean;
}

/** Each metrics file's baseline, the base run.json and the history, from files or from GitHub. */
async function findBaselines(inputs: ReviewActionInputs, files: readonly MetricsFile[], at: BaselineContext): Promise<BaselineFiles> {
  const { context, client, pullRequest } = at;
  const workspace = context.workspace;
  const every = (result: MetricsFileInput['baseline']) => files.map(() => result);
  const repoRun = inputs.run && !inputs.baseRun ? repositoryPath(workspace, resolve(workspace, inputs.run)) : undefined;
  if (inputs.baseline) {
    if (inputs.baseline.length !== files.length) throw new InputError(`baseline: give one file per metrics file (${files.length}), got ${inputs.baseline.length}`);
    const snapshots = await Promise.all(inputs.baseline.map((path) => loadMetricsFile(resolve(workspace, path))));
    const found: BaselineFiles = { metrics: snapshots.map((snapshot, i) => ({ snapshot, source: `file ${inputs.baseline![i]}` })) };
    // With baseline files given, the base run.json and the history can still come from GitHub.
    if ((!repoRun && !at.trend) || !client || !pullRequest) return found;
    const side = await lookUp(client, context, inputs, { baseSha: pullRequest.baseSha, baseRef: pullRequest.baseRef, metricsPaths: [], ...(repoRun ? { runPath: repoRun } : {}), history: at.trend });
    return { ...found, ...(side.run ? { run: side.run } : {}), ...(side.history ? { history: side.history } : {}) };
  }
  if (at.lookupFault) return { metrics: every({ reason: at.lookupFault, fault: true }) };
  if (!pullRequest) {
    const metrics = every({ reason: `not a pull request (event "${context.eventName}"); set the baseline input to compare` });
    // A push to the default branch: the history of earlier runs, from the artifact of the latest one.
    if (at.history && client && context.push?.isDefaultBranch) {
      const side = await lookUp(client, context, inputs, { baseRef: context.push.branch, metricsPaths: [], history: true });
      return { metrics, ...(side.history ? { history: side.history } : {}) };
    }
    return { metrics };
  }
  if (!client) return { metrics: every({ reason: 'no github-token to fetch the base branch metrics' }) };
  if (inputs.baseMetricsPath && inputs.baseMetricsPath.length !== files.length) {
    throw new InputError(`base-metrics-path: give one path per metrics file (${files.length}), got ${inputs.baseMetricsPath.length}`);
  }
  const repoPaths = files.map((file, i) => inputs.baseMetricsPath?.[i]?.replace(/^\.?\//, '') ?? repositoryPath(workspace, file.path));
  const inside = repoPaths.flatMap((path) => (path ? [path] : []));
  const looked = await lookUp(client, context, inputs, { baseSha: pullRequest.baseSha, baseRef: pullRequest.baseRef, metricsPaths: inside, ...(repoRun ? { runPath: repoRun } : {}), history: at.trend });
  let next = 0;
  const metrics = files.map((file, i): MetricsFileInput['baseline'] =>
    repoPaths[i] ? looked.metrics[next++]! : { reason: `${file.shown} is outside the workspace, so it has no counterpart at the base commit` },
  );
  return { ...looked, metrics };
}

/** What to look up on GitHub: files at a base commit (if any) and in the latest artifact of `baseRef`. */
type LookUpRequest = Pick<BaselineFilesRequest, 'baseSha' | 'baseRef' | 'metricsPaths' | 'runPath' | 'history'>;

/** resolveBaselineFiles with the run's repository and the action's inputs; an error becomes a fault of every file. */
async function lookUp(client: GitHubClient, context: RunContext, inputs: ReviewActionInputs, request: LookUpRequest): Promise<BaselineFiles> {
  try {
    return await resolveBaselineFiles(client, {
      owner: context.owner,
      repo: context.repo,
      ...request,
      ...(inputs.baselineArtifact ? { artifactName: inputs.baselineArtifact } : {}),
      ...(context.workflowPath ? { workflowPath: context.workflowPath } : {}),
      isEnterpriseServer: context.isEnterpriseServer,
      log: actionLog,
    });
  } catch (error) {
    const failed: FoundText = { reason: `baseline lookup failed: ${errorMessage(error)}`, fault: true };
    return { metrics: request.metricsPaths.map(() => failed), ...(request.runPath ? { run: failed } : {}), ...(request.history ? { history: failed } : {}) };
  }
}

// A file's path inside the repository, in GitHub's form (forward slashes).
function repositoryPath(workspace: string, file: string): string | undefined {
  const inside = relative(workspace, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}
