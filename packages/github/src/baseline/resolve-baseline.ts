import { type MetricsSnapshot, errorMessage } from '@modelgate/core';
import { metricsFormatOf, parseMetricsText } from '@modelgate/data';
import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, httpStatus, isPermissionDenied } from '../api-errors.ts';
import { defaultUnzipLimits, extractFromZip } from './safe-unzip.ts';

/** The name of the history file inside the baseline artifact (see actions/report). */
export const historyFileName = 'history.jsonl';

/**
 * What to look up for the base side of a change: the metrics files, the run.json of `modelgate
 * train`, and the history.
 */
export interface BaselineFilesRequest {
  owner: string;
  repo: string;
  /** Base commit for the contents API; without it (a push) only the artifact is asked. */
  baseSha?: string;
  /** Base branch (artifacts come from its latest successful run). */
  baseRef: string;
  /** Repository paths of the metrics files. */
  metricsPaths: readonly string[];
  /** Repository path of the head's run.json, to find the base's the same way. */
  runPath?: string;
  /** Also read history.jsonl from the artifact (which is then downloaded even when git holds the rest). */
  history?: boolean;
  /** Artifact holding the base branch's files; undefined skips that source. */
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

/** A side file's text and where it came from, or why it was not found. */
export type FoundText = { text: string; source: string } | { reason: string; fault?: boolean };

export interface BaselineFiles {
  metrics: BaselineResult[];
  run?: FoundText;
  history?: FoundText;
}

// What the lookups of one file tried, and whether any failed for a reason other than "not there".
interface Attempts {
  tried: string[];
  fault: boolean;
}

/**
 * Every baseline file in one pass: (a) each file at the base commit through the contents API
 * (metrics committed to git, DVC style); (b) the ones still missing, and the history, from one
 * download of the named artifact of the latest successful run on the base branch. API faults are
 * reported in the reason, never mistaken for "no baseline" silently.
 */
export async function resolveBaselineFiles(client: GitHubClient, request: BaselineFilesRequest): Promise<BaselineFiles> {
  const paths = [...request.metricsPaths, ...(request.runPath ? [request.runPath] : [])];
  const attempts = paths.map((): Attempts => ({ tried: [], fault: false }));
  const texts: ({ text: string; source: string } | undefined)[] = await Promise.all(paths.map((path, i) => (request.baseSha ? fromRepositoryContents(client, request, request.baseSha, path, attempts[i]!) : undefined)));
  const historyAttempts: Attempts = { tried: [], fault: false };
  let history: { text: string; source: string } | undefined;

  const missing = paths.filter((_, i) => !texts[i]);
  if (missing.length > 0 || request.history) {
    if (request.artifactName && !request.isEnterpriseServer) {
      const wanted = [...missing, ...(request.history ? [historyFileName] : [])];
      const shared: Attempts = { tried: [], fault: false };
      const artifact = await fromBaseBranchArtifact(client, request, request.artifactName, wanted, shared);
      paths.forEach((path, i) => {
        if (texts[i]) return;
        const entry = artifact?.entries.get(path);
        if (entry) texts[i] = { text: entry, source: artifact!.source };
        else merge(attempts[i]!, shared, artifact ? `artifact "${request.artifactName}" of ${artifact.run} has no ${path}` : undefined);
      });
      const entry = artifact?.entries.get(historyFileName);
      if (entry) history = { text: entry, source: artifact!.source };
      else merge(historyAttempts, shared, artifact ? `artifact "${request.artifactName}" of ${artifact.run} has no ${historyFileName}` : undefined);
    } else {
      const why = request.artifactName ? 'artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)' : 'no baseline artifact named';
      if (request.artifactName) for (const [i, text] of texts.entries()) if (!text) attempts[i]!.tried.push(why);
      historyAttempts.tried.push(why);
    }
  }

  const reasonOf = (a: Attempts): { reason: string; fault?: boolean } => ({ reason: a.tried.join('; '), ...(a.fault ? { fault: true } : {}) });
  const metrics = request.metricsPaths.map((path, i): BaselineResult => {
    const found = texts[i];
    if (!found) return reasonOf(attempts[i]!);
    try {
      return { snapshot: parseMetricsText(found.text, `${path} (${found.source})`, metricsFormatOf(path), path), source: found.source };
    } catch (error) {
      // A malformed baseline is a fault, not an absence: regression rules must not pass on it.
      return { reason: `baseline lookup failed: ${errorMessage(error)}`, fault: true };
    }
  });
  const result: BaselineFiles = { metrics };
  if (request.runPath) result.run = texts[paths.length - 1] ?? reasonOf(attempts[paths.length - 1]!);
  if (request.history) result.history = history ?? reasonOf(historyAttempts);
  return result;
}

function merge(attempts: Attempts, shared: Attempts, notInArtifact: string | undefined): void {
  attempts.tried.push(...(notInArtifact ? [notInArtifact] : shared.tried));
  if (shared.fault) attempts.fault = true;
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

async function fromRepositoryContents(client: GitHubClient, request: BaselineFilesRequest, baseSha: string, path: string, attempts: Attempts): Promise<{ text: string; source: string } | undefined> {
  const short = baseSha.slice(0, 7);
  try {
    const response = await client.rest.repos.getContent({ owner: request.owner, repo: request.repo, path, ref: baseSha, mediaType: { format: 'raw' } });
    const text = rawText(response.data);
    if (text === undefined) {
      attempts.tried.push(`${path} at base ${short} is not a file`);
      return undefined;
    }
    return { text, source: `${path} at base commit ${short}` };
  } catch (error) {
    if (httpStatus(error) === 404) attempts.tried.push(`no ${path} at base commit ${short}`);
    else recordFailure(attempts, error, `reading ${path} at ${short}`, request.log);
    return undefined;
  }
}

/** The wanted entries of the artifact of the latest successful base-branch run that has one, downloaded once. */
async function fromBaseBranchArtifact(
  client: GitHubClient,
  request: BaselineFilesRequest,
  artifactName: string,
  wanted: readonly string[],
  attempts: Attempts,
): Promise<{ entries: Map<string, string>; source: string; run: string } | undefined> {
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
      const source = `artifact "${artifactName}" of run ${run.id} on ${request.baseRef} (${run.head_sha.slice(0, 7)})`;
      return { entries: pickEntries(new Uint8Array(download.data as ArrayBuffer), wanted), source, run: `run ${run.id}` };
    }
    tried.push(`no artifact "${artifactName}" in the last ${data.workflow_runs.length} successful runs on ${request.baseRef}`);
  } catch (error) {
    if (httpStatus(error) === 404) tried.push(`no workflow runs found for ${request.workflowPath ?? 'this repository'} on ${request.baseRef}`);
    else recordFailure(attempts, error, `looking for artifact "${artifactName}"`, request.log);
  }
  return undefined;
}

/**
 * Each wanted path inside the artifact, as text: the same relative path, else the only entry with
 * its basename (upload-artifact roots the zip at the files' common folder).
 */
function pickEntries(zip: Uint8Array, wanted: readonly string[]): Map<string, string> {
  const basenames = new Set(wanted.map((path) => path.split('/').pop()!));
  const entries = extractFromZip(zip, (name) => wanted.includes(name) || basenames.has(name.split('/').pop()!));
  const picked = new Map<string, string>();
  for (const path of wanted) {
    const basename = path.split('/').pop()!;
    const exact = entries.get(path);
    const sameName = [...entries.keys()].filter((name) => name.split('/').pop() === basename);
    const bytes = exact ?? (sameName.length === 1 ? entries.get(sameName[0]!) : undefined);
    if (bytes) picked.set(path, new TextDecoder().decode(bytes));
  }
  return picked;
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
