import type { GitHubClient, Logger } from '../client.ts';
import { describeApiError, isBodyTooLong, isUncertainOutcome } from '../api-errors.ts';
import { writtenByThisToken } from '../trusted-authors.ts';

export interface StickyCommentRequest {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden marker the body starts with; identifies this report's comment among all others. */
  marker: string;
  /** Renders the body within a character budget; called again with less room if GitHub says it is too long. */
  render: (maxLength: number) => string;
  maxLength: number;
  log: Logger;
}

export interface StickyCommentResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

interface CommentLike {
  id: number;
  html_url: string;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/**
 * One comment per report, updated in place on every push. All pages of comments are searched
 * (PRs with hundreds of comments). Creating is never retried blindly: GitHub can create the comment
 * and still answer 5xx, so after a 5xx or timeout the comments are listed again first.
 */
export async function upsertStickyComment(client: GitHubClient, request: StickyCommentRequest): Promise<StickyCommentResult> {
  const existing = await findMarked(client, request);
  if (existing.length > 0) return updateKeepingOne(client, request, existing, renderChecked(request, request.maxLength));

  let text = renderChecked(request, request.maxLength);
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await client.rest.issues.createComment({
        owner: request.owner,
        repo: request.repo,
        issue_number: request.issueNumber,
        body: text,
        // Never let the retry plugin repeat a create: a repeat can duplicate the comment.
        request: { retries: 0 },
      });
      return { id: data.id, url: data.html_url, action: 'created' };
    } catch (error) {
      if (isBodyTooLong(error) && attempt <= 3) {
        text = renderChecked(request, Math.floor(text.length * 0.8));
        continue;
      }
      if (!isUncertainOutcome(error) || attempt >= 3) throw error;
      request.log.warning(`creating the PR comment got no clear answer (${describeApiError(error, 'create')}); checking whether it exists before trying again`);
      const afterFault = await findMarked(client, request);
      if (afterFault.length > 0) return updateKeepingOne(client, request, afterFault, text);
    }
  }
}

/** Marked comments that this token's identity wrote (see writtenByThisToken). */
async function findMarked(client: GitHubClient, request: StickyCommentRequest): Promise<CommentLike[]> {
  const marked: CommentLike[] = [];
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100,
  })) {
    for (const comment of page.data) if (comment.body?.startsWith(request.marker)) marked.push(comment);
  }
  const { trusted, ignored } = await writtenByThisToken(client, marked);
  if (ignored > 0) request.log.warning(`ignoring ${ignored} comment${ignored > 1 ? 's' : ''} that copy the report marker but were not written by this token's account`);
  return trusted;
}

// Keep the oldest marked comment; extras (left by an earlier fault) are removed so one remains.
async function updateKeepingOne(client: GitHubClient, request: StickyCommentRequest, marked: CommentLike[], text: string): Promise<StickyCommentResult> {
  const [keep, ...extras] = marked as [CommentLike, ...CommentLike[]];
  for (const extra of extras) {
    try {
      await client.rest.issues.deleteComment({ owner: request.owner, repo: request.repo, comment_id: extra.id });
    } catch (error) {
      request.log.warning(`could not remove duplicate report comment ${extra.id}: ${describeApiError(error, 'delete')}`);
    }
  }
  if (keep.body === text) return { id: keep.id, url: keep.html_url, action: 'unchanged' };
  let body = text;
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await client.rest.issues.updateComment({ owner: request.owner, repo: request.repo, comment_id: keep.id, body });
      return { id: data.id, url: data.html_url, action: 'updated' };
    } catch (error) {
      if (!isBodyTooLong(error) || attempt > 3) throw error;
      body = renderChecked(request, Math.floor(body.length * 0.8));
    }
  }
}

function renderChecked(request: StickyCommentRequest, maxLength: number): string {
  const text = request.render(maxLength);
  if (!text.startsWith(request.marker)) throw new Error('report body must start with its marker');
  return text;
}
