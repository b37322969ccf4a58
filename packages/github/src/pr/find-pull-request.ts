import type { GitHubClient } from '../client.ts';
import type { PullRequestInfo, RunContext } from '../run-context.ts';

/**
 * The PR a run belongs to. For workflow_run events from forks GitHub leaves `pull_requests`
 * empty, so the open PRs with the triggering run's head branch are searched for its head SHA.
 */
export async function findPullRequest(client: GitHubClient, context: RunContext, explicitNumber?: number): Promise<PullRequestInfo | undefined> {
  const number = explicitNumber ?? context.triggeringRun?.pullNumber;
  if (number !== undefined) {
    const { data } = await client.rest.pulls.get({ owner: context.owner, repo: context.repo, pull_number: number });
    return toInfo(data);
  }
  if (context.pullRequest) return context.pullRequest;
  const run = context.triggeringRun;
  if (!run || !run.headBranch) return undefined;
  const pulls = await client.paginate(client.rest.pulls.list, {
    owner: context.owner,
    repo: context.repo,
    state: 'open',
    head: `${run.headOwner}:${run.headBranch}`,
    per_page: 100,
  });
  const match = pulls.find((pull) => pull.head.sha === run.headSha);
  return match ? toInfo(match) : undefined;
}

interface PullLike {
  number: number;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } | null };
}

function toInfo(pull: PullLike): PullRequestInfo {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseRef: pull.base.ref,
    isFork: Boolean(pull.head.repo && pull.base.repo && pull.head.repo.full_name !== pull.base.repo.full_name),
  };
}
