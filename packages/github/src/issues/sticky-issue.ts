import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, isUncertainOutcome } from '../api-errors.ts';
import { writtenByThisToken } from '../trusted-authors.ts';

export interface StickyIssueRequest {
  owner: string;
  repo: string;
  /** Hidden marker the body starts with (`<!-- modelgate:drift:NAME -->`): which issue is ours. */
  marker: string;
  /** Label the issue carries; the search lists open issues with it, page by page. */
  label: string;
  log: Logger;
}

export interface StickyIssue {
  number: number;
  url: string;
}

interface IssueLike {
  number: number;
  html_url: string;
  body?: string | null;
  user?: { login: string; type?: string } | null;
  pull_request?: unknown;
}

/**
 * The open issue this marker names, written by this token's account (anyone can paste a marker;
 * closing or rewriting a person's issue because of it would be wrong). Null when there is none.
 */
export async function findStickyIssue(client: GitHubClient, request: StickyIssueRequest): Promise<StickyIssue | null> {
  const marked: IssueLike[] = [];
  for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
    owner: request.owner, repo: request.repo, labels: request.label, state: 'open', per_page: 100,
  })) {
    for (const issue of page.data as IssueLike[]) if (!issue.pull_request && issue.body?.startsWith(request.marker)) marked.push(issue);
  }
  const { trusted, ignored } = await writtenByThisToken(client, marked);
  if (ignored > 0) request.log.warning(`ignoring ${ignored} issue${ignored > 1 ? 's' : ''} that copy the marker ${request.marker} but were not written by this token's account`);
  // The oldest is the one: a duplicate could only come from someone else's copy, never from us.
  const issue = trusted.sort((a, b) => a.number - b.number)[0];
  return issue ? { number: issue.number, url: issue.html_url } : null;
}

/**
 * Open the sticky issue, or rewrite it in place when it is open already. Creating is never retried
 * blindly: GitHub can create the issue and still answer 5xx, so after a 5xx or timeout the open
 * issues are searched again before another create.
 */
export async function upsertStickyIssue(client: GitHubClient, request: StickyIssueRequest & { title: string; body: string }): Promise<StickyIssue & { action: 'created' | 'updated' }> {
  if (!request.body.startsWith(request.marker)) throw new Error('a sticky issue body must start with its marker');
  const existing = await findStickyIssue(client, request);
  if (existing) return { ...(await update(client, request, existing.number)), action: 'updated' };
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await client.rest.issues.create({
        owner: request.owner, repo: request.repo, title: request.title, body: request.body, labels: [request.label],
        request: { retries: 0 },
      });
      return { number: data.number, url: data.html_url, action: 'created' };
    } catch (error) {
      if (!isUncertainOutcome(error) || attempt >= 3) throw error;
      request.log.warning(`creating the issue got no clear answer (${describeApiError(error, 'create')}); checking whether it exists before trying again`);
      const created = await findStickyIssue(client, request);
      if (created) return { ...(await update(client, request, created.number)), action: 'updated' };
    }
  }
}

async function update(client: GitHubClient, request: StickyIssueRequest & { title: string; body: string }, number: number): Promise<StickyIssue> {
  const { data } = await client.rest.issues.update({ owner: request.owner, repo: request.repo, issue_number: number, title: request.title, body: request.body });
  return { number: data.number, url: data.html_url };
}

/** Comment why, then close the sticky issue as completed; null when there is no open one. */
export async function closeStickyIssue(client: GitHubClient, request: StickyIssueRequest & { comment: string }): Promise<StickyIssue | null> {
  const existing = await findStickyIssue(client, request);
  if (!existing) return null;
  await client.rest.issues.createComment({ owner: request.owner, repo: request.repo, issue_number: existing.number, body: request.comment });
  await client.rest.issues.update({ owner: request.owner, repo: request.repo, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
  return existing;
}
