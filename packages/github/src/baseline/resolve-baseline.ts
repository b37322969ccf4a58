import { type MetricsSnapshot, errorMessage } from '@modelgate/core';
import { parseMetricsText } from '@modelgate/data';
import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, httpStatus } from '../api-errors.ts';
import { extractFromZip } from './safe-unzip.ts';

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

export type BaselineResult = { snapshot: MetricsSnapshot; source: string } | { reason: string };

/**
 * Find the base branch's metrics: (a) the same file at the PR's base commit (metrics committed to
 * git, DVC style); (b) a named artifact of the latest successful run on the base branch. API faults
 * are reported in the reason, never mistaken for "no baseline" silently.
 */
export async function resolveBaseline(client: GitHubClient, request: BaselineRequest): Promise<BaselineResult> {
  const tried: string[] = [];
  const fromContents = await fromRepositoryContents(client, request, tried);
  if (fromContents) return fromContents;
  if (request.artifactName && !request.isEnterpriseServer) {
    const fromArtifact = await fromBaseBranchArtifact(client, request, request.artifactName, tried);
    if (fromArtifact) return fromArtifact;
  } else if (request.artifactName) {
    tried.push('artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)');
  }
  return { reason: tried.join('; ') };
}

async function fromRepositoryContents(client: GitHubClient, request: BaselineRequest, tried: string[]): Promise<BaselineResult | undefined> {
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
    return { snapshot: parseMetricsText(text, `${request.metricsPath}@${short}`), source: `${request.metricsPath} at base commit ${short}` };
  } catch (error) {
    if (httpStatus(error) === 404) tried.push(`no ${request.metricsPath} at base commit ${short}`);
    else tried.push(describeApiError(error, `reading ${request.metricsPath} at ${short}`));
    if (httpStatus(error) !== 404) request.log.warning(tried.at(-1)!);
    return undefined;
  }
}

async function fromBaseBranchArtifact(client: GitHubClient, request: BaselineRequest, artifactName: string, tried: string[]): Promise<BaselineResult | undefined> {
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
      const download = await client.rest.actions.downloadArtifact({ owner: request.owner, repo: request.repo, artifact_id: artifact.id, archive_format: 'zip' });
      const zip = new Uint8Array(download.data as ArrayBuffer);
      const name = pickEntry(zip, request.metricsPath);
      if (!name) {
        tried.push(`artifact "${artifactName}" of run ${run.id} has no ${request.metricsPath}`);
        return undefined;
      }
      const source = `artifact "${artifactName}" of run ${run.id} on ${request.baseRef} (${run.head_sha.slice(0, 7)})`;
      return { snapshot: parseMetricsText(new TextDecoder().decode(name.bytes), `${source}: ${name.name}`), source };
    }
    tried.push(`no artifact "${artifactName}" in the last ${data.workflow_runs.length} successful runs on ${request.baseRef}`);
  } catch (error) {
    const line = httpStatus(error) === undefined ? `artifact "${artifactName}": ${errorMessage(error)}` : describeApiError(error, `looking for artifact "${artifactName}"`);
    tried.push(line);
    request.log.warning(line);
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
