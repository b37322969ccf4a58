import { commentBodyLimit, faults, type FakeGitHub, startFakeGitHub, useFakeGitHub } from '@modelgate/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = useFakeGitHub();
let github: FakeGitHub;
beforeEach(() => {
  github = fake.github;
  github.state.addPullRequest({ number: 4 }); // comments need their pull request
});

const repo = '/repos/Codertocat/Hello-World';
const commentsTemplate = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const send = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
  fetch(`${github.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });

describe('comment body limit', () => {
  it('accepts exactly 65,536 characters', async () => {
    const response = await send('POST', `${repo}/issues/4/comments`, { body: 'x'.repeat(65_536) });
    expect(response.status).toBe(201);
  });

  it('answers 65,537 characters on create with GitHub 422 shape and creates nothing', async () => {
    const response = await send('POST', `${repo}/issues/4/comments`, { body: 'x'.repeat(commentBodyLimit + 1) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    expect(github.state.comments).toEqual([]);
  });

  it('answers an oversized update with 422 and keeps the old body', async () => {
    const [comment] = github.state.addComments(1, { prNumber: 4, body: 'old' });
    const response = await send('PATCH', `${repo}/issues/comments/${comment!.id}`, { body: 'y'.repeat(70_000) });
    expect(response.status).toBe(422);
    expect(github.state.comment(comment!.id)!.body).toBe('old');
  });
});

describe('fault injection', () => {
  it('answers a secondary rate limit once, then serves normally', async () => {
    const fault = github.inject({ method: 'POST', path: commentsTemplate, respond: faults.secondaryRateLimit(1) });
    const limited = await send('POST', `${repo}/issues/4/comments`, { body: 'a' });
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(github.state.comments).toEqual([]);
    expect((await send('POST', `${repo}/issues/4/comments`, { body: 'a' })).status).toBe(201);
    expect(fault.hits).toBe(1);
    expect(fault.remaining).toBe(0);
  });

  it('can answer a secondary rate limit with 429', async () => {
    github.inject({ respond: faults.secondaryRateLimit(2, 429) });
    const limited = await send('GET', `${repo}/issues/4/comments`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
  });

  it('creates the comment and still answers 502 for create-then-502', async () => {
    github.inject({ method: 'POST', path: commentsTemplate, respond: 'create-then-502' });
    const response = await send('POST', `${repo}/issues/4/comments`, { body: 'report' });
    expect(response.status).toBe(502);
    expect(github.state.commentsOn(4).map((comment) => comment.body)).toEqual(['report']);
  });

  it('creates the comment and answers 500 for create-then-500', async () => {
    github.inject({ path: commentsTemplate, method: 'POST', respond: 'create-then-500' });
    expect((await send('POST', `${repo}/issues/4/comments`, { body: 'report' })).status).toBe(500);
    expect(github.state.commentsOn(4)).toHaveLength(1);
  });

  it('holds a request open for timeout until the client gives up', async () => {
    github.inject({ path: /\/pulls\/\d+$/, respond: 'timeout' });
    github.state.addPullRequest({ number: 9 });
    const controller = new AbortController();
    const pending = send('GET', `${repo}/pulls/9`, undefined, controller.signal);
    // The fake records a request and answers it in one synchronous step, so a recorded request
    // with no status is one it chose not to answer.
    await vi.waitFor(() => expect(github.requests).toHaveLength(1));
    expect(github.requests[0]!.status).toBe(0);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await send('GET', `${repo}/pulls/9`)).status).toBe(200);
  });

  it('reports an exhausted primary limit with remaining 0 and the reset time', async () => {
    const now = Date.UTC(2026, 0, 1, 12);
    github.inject({ respond: faults.primaryRateLimitExhausted(120, () => now) });
    const response = await send('GET', `${repo}/issues/4/comments`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(now / 1000 + 120));
  });

  it('applies a fault `times` times, matching by exact path too', async () => {
    github.inject({ path: `${repo}/issues/4/comments`, times: 2, respond: faults.serverError(503) });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send('GET', `${repo}/issues/4/comments`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('leaves requests of other methods and paths alone', async () => {
    github.inject({ method: 'PATCH', path: '/repos/{owner}/{repo}/check-runs/{check_run_id}', times: Infinity, respond: faults.serverError() });
    expect((await send('POST', `${repo}/check-runs`, { name: 'gate', head_sha: 'c'.repeat(40) })).status).toBe(201);
  });
});

describe('read-only token (fork pull request)', () => {
  it('answers every write 403 "Resource not accessible by integration" and allows reads', async () => {
    const fork = await startFakeGitHub({ readOnly: true });
    fork.state.addPullRequest({ number: 4 });
    try {
      const write = await fetch(`${fork.url}${repo}/issues/4/comments`, { method: 'POST', body: JSON.stringify({ body: 'x' }) });
      expect(write.status).toBe(403);
      expect(((await write.json()) as { message: string }).message).toBe('Resource not accessible by integration');
      expect((await fetch(`${fork.url}${repo}/issues/4/comments`)).status).toBe(200);
      expect(fork.state.comments).toEqual([]);
    } finally {
      await fork.close();
    }
  });

  it('can also be injected for one kind of write', async () => {
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/check-runs', respond: faults.readOnlyToken() });
    expect((await send('POST', `${repo}/check-runs`, { name: 'gate', head_sha: 'c'.repeat(40) })).status).toBe(403);
    expect((await send('POST', `${repo}/statuses/${'c'.repeat(40)}`, { state: 'failure', context: 'gate' })).status).toBe(201);
  });
});
