import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, isPermissionDenied } from '../api-errors.ts';

export interface GateCheckRequest {
  owner: string;
  repo: string;
  /** The PR's head commit: branch protection reads checks there. */
  sha: string;
  name: string;
  passed: boolean;
  title: string;
  /** Markdown; cut to GitHub's 65,535-character limit for check-run output. */
  summary: string;
  detailsUrl?: string;
  log: Logger;
}

export type GateCheckResult = { kind: 'check-run'; id: number; url: string } | { kind: 'status' } | { kind: 'none'; reason: string };

const checkOutputLimit = 65_535;
const statusDescriptionLimit = 140;

/**
 * Report the gate as a check run on the head commit; without `checks: write` (a PAT, or a
 * workflow that did not grant it) fall back to a commit status; with a read-only token (fork PR)
 * report nothing and say why. Never throws for permission problems: the gate's own exit code is
 * what fails the job.
 */
export async function publishGateCheck(client: GitHubClient, request: GateCheckRequest): Promise<GateCheckResult> {
  const { owner, repo, sha } = request;
  try {
    const { data } = await client.rest.checks.create({
      owner,
      repo,
      name: request.name,
      head_sha: sha,
      status: 'completed',
      conclusion: request.passed ? 'success' : 'failure',
      ...(request.detailsUrl ? { details_url: request.detailsUrl } : {}),
      output: { title: request.title.slice(0, 255), summary: cut(request.summary, checkOutputLimit) },
    });
    return { kind: 'check-run', id: data.id, url: data.html_url ?? '' };
  } catch (error) {
    if (!isPermissionDenied(error)) throw new Error(describeApiError(error, 'creating the gate check run'));
  }
  try {
    await client.rest.repos.createCommitStatus({
      owner,
      repo,
      sha,
      state: request.passed ? 'success' : 'failure',
      context: request.name,
      description: cut(request.title, statusDescriptionLimit),
      ...(request.detailsUrl ? { target_url: request.detailsUrl } : {}),
    });
    return { kind: 'status' };
  } catch (error) {
    if (!isPermissionDenied(error)) throw new Error(describeApiError(error, 'setting the gate commit status'));
    return { kind: 'none', reason: 'the token may not write checks or statuses (a fork PR has a read-only token; grant checks: write or statuses: write otherwise)' };
  }
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
