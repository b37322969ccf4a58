import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import { InputError, type ReviewInputs, type ReviewReport, buildReviewReport, errorMessage, version } from '@modelgate/core';
import { loadComparison, loadConfig, loadMetricsFile } from '@modelgate/data';
import { describeApiError } from '../api-errors.ts';
import { type GitHubClient, type Logger, createGitHubClient } from '../client.ts';
import { findPullRequest } from '../pr/find-pull-request.ts';
import { resolveBaseline } from '../baseline/resolve-baseline.ts';
import { type PullRequestInfo, type RunContext, readRunContext } from '../run-context.ts';
import { z } from 'zod';
import { input } from './inputs.ts';


/** Inputs shared by the report and gate actions (see their action.yml). */
export interface ReviewActionInputs {
  metrics: string;
  baseline?: string;
  /** The metrics file's path in the repository, when it differs from `metrics`. */
  baseMetricsPath?: string;
  baselineArtifact?: string;
  config?: string;
  comparison?: string;
  token?: string;
  reportId: string;
  pullRequest?: number;
}

/** The inputs both actions read (each adds its own; see their action.yml). */
export const reviewInputsSchema = z.object({
  metrics: input.text(),
  'report-id': input
    .text()
    .regex(/^[\w.-]{1,64}$/, 'use letters, digits, ".", "_" or "-" (at most 64)')
    .default('default'),
  baseline: input.text().optional(),
  'base-metrics-path': input.text().optional(),
  'baseline-artifact': input.text().optional(),
  config: input.text().optional(),
  comparison: input.text().optional(),
  'github-token': input.text().optional(),
  'pull-request': input.number({ integer: true, min: 1 }).optional(),
});

export function reviewInputsFrom(raw: z.output<typeof reviewInputsSchema>): ReviewActionInputs {
  const inputs: ReviewActionInputs = { metrics: raw.metrics, reportId: raw['report-id'] };
  if (raw.baseline !== undefined) inputs.baseline = raw.baseline;
  if (raw['base-metrics-path'] !== undefined) inputs.baseMetricsPath = raw['base-metrics-path'];
  if (raw['baseline-artifact'] !== undefined) inputs.baselineArtifact = raw['baseline-artifact'];
  if (raw.config !== undefined) inputs.config = raw.config;
  if (raw.comparison !== undefined) inputs.comparison = raw.comparison;
  if (raw['github-token'] !== undefined) inputs.token = raw['github-token'];
  if (raw['pull-request'] !== undefined) inputs.pullRequest = raw['pull-request'];
  return inputs;
}


export const actionLog: Logger = { info: (m) => core.info(m), warning: (m) => core.warning(m) };

export interface PreparedReview {
  report: ReviewReport;
  context: RunContext;
  client?: GitHubClient;
  pullRequest?: PullRequestInfo;
  /** Set when the PR could not be looked up (an API fault), so "not a pull request" is not claimed. */
  lookupFault?: string;
}

/**
 * Everything up to the rendering: run context, head metrics, config, the PR, the baseline
 * (given file, else base commit contents, else base-branch artifact). File problems are InputErrors;
 * API faults become warnings and a "no baseline" reason that says what failed.
 */
export async function prepareReview(inputs: ReviewActionInputs, env: Record<string, string | undefined>): Promise<PreparedReview> {
  const context = await readRunContext(env);
  const workspace = context.workspace;
  const metricsPath = resolve(workspace, inputs.metrics);
  const [head, { config }, paired] = await Promise.all([
    loadMetricsFile(metricsPath),
    loadConfig(inputs.config ? resolve(workspace, inputs.config) : undefined, workspace),
    inputs.comparison ? loadComparison(resolve(workspace, inputs.comparison)) : undefined,
  ]);

  // Tuning knobs (documented in the README): MODELGATE_API_RETRY_BASE_MS scales every retry wait
  // (default 1000 ms per second GitHub asks for); MODELGATE_API_TIMEOUT_MS bounds one request (30 s).
  const positive = (name: string) => (Number(env[name]) > 0 ? Number(env[name]) : undefined);
  const retryBaseMs = positive('MODELGATE_API_RETRY_BASE_MS');
  const timeoutMs = positive('MODELGATE_API_TIMEOUT_MS');
  const client = inputs.token
    ? createGitHubClient({ token: inputs.token, baseUrl: context.apiUrl, log: actionLog, userAgent: `modelgate/${version}`, env, ...(retryBaseMs ? { retryBaseMs } : {}), ...(timeoutMs ? { timeoutMs } : {}) })
    : undefined;
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

  let baseline: ReviewInputs['baseline'];
  if (inputs.baseline) {
    const path = resolve(workspace, inputs.baseline);
    baseline = { snapshot: await loadMetricsFile(path), source: `file ${inputs.baseline}` };
  } else if (lookupFault) {
    baseline = { reason: lookupFault, fault: true };
  } else if (!pullRequest) {
    baseline = { reason: `not a pull request (event "${context.eventName}"); set the baseline input to compare` };
  } else if (!client) {
    baseline = { reason: 'no github-token to fetch the base branch metrics' };
  } else {
    const repoPath = inputs.baseMetricsPath?.replace(/^\.?\//, '') ?? repositoryPath(workspace, metricsPath);
    baseline = repoPath
      ? await resolveBaseline(client, {
          owner: context.owner,
          repo: context.repo,
          baseSha: pullRequest.baseSha,
          baseRef: pullRequest.baseRef,
          metricsPath: repoPath,
          ...(inputs.baselineArtifact ? { artifactName: inputs.baselineArtifact } : {}),
          ...(context.workflowPath ? { workflowPath: context.workflowPath } : {}),
          isEnterpriseServer: context.isEnterpriseServer,
          log: actionLog,
        }).catch((error: unknown) => ({ reason: `baseline lookup failed: ${errorMessage(error)}`, fault: true }))
      : { reason: `${inputs.metrics} is outside the workspace, so it has no counterpart at the base commit` };
  }

  const report = buildReviewReport({
    head,
    headSource: inputs.metrics,
    baseline,
    config,
    ...(paired ? { paired } : {}),
    id: inputs.reportId,
    context: {
      version,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      ...(pullRequest ? { baseSha: pullRequest.baseSha, headSha: pullRequest.headSha } : context.sha ? { headSha: context.sha } : {}),
    },
  });
  return { report, context, ...(client ? { client } : {}), ...(pullRequest ? { pullRequest } : {}), ...(lookupFault ? { lookupFault } : {}) };
}

// The metrics file's path inside the repository, in GitHub's form (forward slashes).
function repositoryPath(workspace: string, file: string): string | undefined {
  const inside = relative(workspace, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

