import { type MetricsSnapshot, errorMessage } from '@modelgate/core';
import { metricsFormatOf, parseMetricsText } from '@modelgate/data';
import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, httpStatus, isPermissionDenied } from '../api-errors.ts';
import { defaultUnzipLimits, extractFromZip } from './safe-unzip.ts';

export interface BaselineRequest {
  owner: string;
  repo: string;
  /** Base commit of the PR. */
  baseSha: string;
  /** Base branch of the PR (artifacts come from its latest successful run). */
  baseRef: string;
  /** The metrics file's path relative to the repository root. */
  metricsPath: string;
  /** Artifact holding the base branch's metrics; undefined skips that source. */
  artifactName?: string;
  /** `.github/workflows/FILE.yml`: limit artifact search to runs of the same workflow. */
  workflowPath?: string;
  /** GHES has no Artifacts API v2: only the contents API is asked. */
  isEnterpriseServer: boolean;
  log: Logger;
  /** Successful base-branch runs to look through for the artifact. */
  maxRuns?: number;
}

/** The baseline, or why there is none; `fault` when a lookup failed (5xx, timeout, rate limit) rather than found nothing. */
export type BaselineResult = { snapshot: MetricsSnapshot; source: string } | { reason: string; fault?: boolean };

// What the lookups tried, and whether any failed for a reason other than "not there".
interface Attempts {
  tried: string[];
  fault: boolean;
}

/**
 * Find the base branch's metrics: (a) the same file at the PR's base commit (metrics committed to
 * git, DVC style); (b) a named artifact of the latest successful run on the base branch. API faults
 * are reported in the reason, never mistaken for "no baseline" silently.
 */
export async function resolveBaseline(client: GitHubClient, request: BaselineRequest): Promise<BaselineResult> {
  const attempts: Attempts = { tried: [], fault: false };
  const fromContents = await fromRepositoryContents(client, request, attempts);
  if (fromContents) return fromContents;
  if (request.artifactName && !request.isEnterpriseServer) {
    const fromArtifact = await fromBaseBranchArtifact(client, request, request.artifactName, attempts);
    if (fromArtifact) return fromArtifact;
  } else if (request.artifactName) {
    attempts.tried.push('artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)');
  }
  return { reason: attempts.tried.join('; '), ...(attempts.fault ? { fault: true } : {}) };
}

// A 404 means "not there"; a refused permission is a configuration to fix, named in the reason;
// anything else (5xx after retries, timeout, rate limit) is a fault: the baseline may well exist.
function recordFailure(attempts: Attempts, error: unknown, action: string, log: Logger): void {
  if (httpStatus(error) === 404) return;
  const line = httpStatus(error) === undefined ? `${action}: ${errorMessage(error)}` : describeApiError(error, action);
  attempts.tried.push(isPermissionDenied(error) ? `${line} (check the job's permissions: contents: read, actions: read)` : line);
  if (!isPermissionDenied(error)) attempts.fault = true;
  log.warning(attempts.tried.at(-1)!);
}

async function fromRepositoryContents(client: GitHubClient, request: BaselineRequest, attempts: Attempts): Promise<BaselineResult | undefined> {
  const { tried } = attempts;
  const short = request.baseSha.slice(0, 7);
  try {
    const response = await client.rest.repos.getContent({
      owner: request.owner,
      repo: request.repo,
      path: request.metricsPath,
      ref: request.baseSha,
      mediaType: { format: 'raw' },
    });
    const text = rawText(response.data);
    if (text === undefined) {
      tried.push(`${request.metricsPath} at base ${short} is not a file`);
      return undefined;
    }
    return {
      snapshot: parseMetricsText(text, `${request.metricsPath} at ${short}`, metricsFormatOf(request.metricsPath)),
      source: `${request.metricsPath} at base commit ${short}`,
    };
  } catch (error) {
    if (httpStatus(error) === 404) tried.push(`no ${request.metricsPath} at base commit ${short}`);
    else recordFailure(attempts, error, `reading ${request.metricsPath} at ${short}`, request.log);
    return undefined;
  }
}

async function fromBaseBranchArtifact(client: GitHubClient, request: BaselineRequest, artifactName: string, attempts: Attempts): Promise<BaselineResult | undefined> {
  const { tried } = attempts;
  const maxRuns = request.maxRuns ?? 10;
  try {
    const common = { owner: request.owner, repo: request.repo, branch: request.baseRef, status: 'success' as const, per_page: maxRuns, exclude_pull_requests: true };
    const { data } = request.workflowPath
      ? await client.rest.actions.listWorkflowRuns({ ...common, workflow_id: request.workflowPath.split('/').pop()! })
      : await client.rest.actions.listWorkflowRunsForRepo(common);
    for (const run of data.workflow_runs) {
      const artifacts = await client.rest.actions.listWorkflowRunArtifacts({ owner: request.owner, repo: request.repo, run_id: run.id, name: artifactName, per_page: 100 });
      const artifact = artifacts.data.artifacts.find((a) => a.name === artifactName && !a.expired);
      if (!artifact) continue;
      if (artifact.size_in_bytes > defaultUnzipLimits.maxArchiveBytes) {
        tried.push(`artifact "${artifactName}" of run ${run.id} is ${artifact.size_in_bytes} bytes, over the ${defaultUnzipLimits.maxArchiveBytes}-byte limit`);
        return undefined;
      }
      const download = await client.rest.actions.downloadArtifact({ owner: request.owner, repo: request.repo, artifact_id: artifact.id, archive_format: 'zip' });
      const zip = new Uint8Array(download.data as ArrayBuffer);
      const name = pickEntry(zip, request.metricsPath);
      if (!name) {
        tried.push(`artifact "${artifactName}" of run ${run.id} has no ${request.metricsPath}`);
        return undefined;
      }
      const source = `artifact "${artifactName}" of run ${run.id} on ${request.baseRef} (${run.head_sha.slice(0, 7)})`;
      return { snapshot: parseMetricsText(new TextDecoder().decode(name.bytes), `${source}: ${name.name}`, metricsFormatOf(name.name)), source };
    }
    tried.push(`no artifact "${artifactName}" in the last ${data.workflow_runs.length} successful runs on ${request.baseRef}`);
  } catch (error) {
    if (httpStatus(error) === 404) tried.push(`no workflow runs found for ${request.workflowPath ?? 'this repository'} on ${request.baseRef}`);
    else recordFailure(attempts, error, `looking for artifact "${artifactName}"`, request.log);
  }
  return undefined;
}

// The metrics file inside the artifact: the same relative path, else the only file with its basename.
function pickEntry(zip: Uint8Array, metricsPath: string): { name: string; bytes: Uint8Array } | undefined {
  const basename = metricsPath.split('/').pop()!;
  const entries = extractFromZip(zip, (name) => name === metricsPath || name.split('/').pop() === basename);
  const exact = entries.get(metricsPath);
  if (exact) return { name: metricsPath, bytes: exact };
  const [first] = entries;
  return first && entries.size === 1 ? { name: first[0], bytes: first[1] } : undefined;
}

// The raw media type arrives as text, bytes or (JSON content types) already parsed, depending on
// the Content-Type the server picks; a directory listing is an array.
function rawText(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data as Uint8Array);
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && !('type' in data && 'sha' in data)) return JSON.stringify(data);
  return undefined;
}
