import { startFakeGitHub, type FakeGitHub } from '@modelgate/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 3 }); // comments need their pull request
});
afterEach(async () => {
  await github.close();
});

const repo = '/repos/Codertocat/Hello-World';
const post = (path: string, body: unknown) =>
  fetch(`${github.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('requests are checked against GitHub REST description', () => {
  it('passes a well-formed request and records its operation', async () => {
    const response = await post(`${repo}/issues/3/comments`, { body: 'hello' });
    expect(response.status).toBe(201);
    expect(github.violations).toEqual([]);
    expect(github.requests[0]).toMatchObject({ method: 'POST', operationId: 'issues/create-comment', body: { body: 'hello' }, status: 201 });
  });

  it('rejects a path no operation has', async () => {
    const response = await fetch(`${github.url}${repo}/issues/3/comment`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/no operation .* matches GET/);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'openapi', method: 'GET', path: `${repo}/issues/3/comment` })]);
  });

  it('rejects a method the path does not support', async () => {
    const response = await fetch(`${github.url}${repo}/issues/3/comments`, { method: 'PUT' });
    expect(response.status).toBe(400);
    expect(github.violations).toHaveLength(1);
  });

  it('rejects a query parameter the operation does not declare, naming the declared ones', async () => {
    const response = await fetch(`${github.url}${repo}/issues/3/comments?perpage=100`);
    expect(response.status).toBe(400);
    expect(github.violations[0]!.message).toBe('query parameter "perpage" is not declared for issues/list-comments (declared: since, per_page, page)');
  });

  it('rejects a query value of the wrong type', async () => {
    await fetch(`${github.url}${repo}/actions/runs?per_page=many`);
    expect(github.violations[0]!.message).toMatch(/per_page must be integer/);
  });

  it('rejects a body missing a required property', async () => {
    const response = await post(`${repo}/issues/3/comments`, { text: 'hello' });
    expect(response.status).toBe(400);
    expect(github.violations[0]!.message).toMatch(/must have required property 'body'/);
    expect(github.state.comments).toEqual([]); // nothing was created
  });

  it('rejects a value outside an enum deep in the body', async () => {
    await post(`${repo}/check-runs`, { name: 'gate', head_sha: 'a'.repeat(40), conclusion: 'passed' });
    expect(github.violations[0]!.message).toMatch(/conclusion must be equal to one of the allowed values/);
  });

  it('rejects a body that is not JSON', async () => {
    await fetch(`${github.url}${repo}/issues/3/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{body:' });
    expect(github.violations[0]!.message).toMatch(/not valid JSON/);
  });

  it('accepts null where the description marks a field nullable', async () => {
    const response = await post(`${repo}/statuses/${'b'.repeat(40)}`, { state: 'success', target_url: null, context: 'modelgate/gate' });
    expect(response.status).toBe(201);
    expect(github.violations).toEqual([]);
  });

  it('checks body properties named like schema keywords (a status `description`)', async () => {
    const response = await post(`${repo}/statuses/${'b'.repeat(40)}`, { state: 'success', description: 42 });
    expect(response.status).toBe(400);
    expect(github.violations[0]!.message).toMatch(/description must be string,null/);
  });

  it('answers 501 and records a violation for an operation GitHub has but the fake lacks', async () => {
    const response = await fetch(`${github.url}${repo}/tags`);
    expect(response.status).toBe(501);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'unimplemented', message: expect.stringMatching(/^repos\/list-tags/) })]);
  });
});

describe('GitHub Enterprise Server description', () => {
  it('serves under /api/v3 and rejects requests outside it', async () => {
    const ghes = await startFakeGitHub({ description: 'ghes-3.19' });
    ghes.state.addPullRequest({ number: 3 });
    try {
      expect(ghes.url).toMatch(/\/api\/v3$/);
      expect((await fetch(`${ghes.url}${repo}/issues/3/comments`)).status).toBe(200);
      expect((await fetch(`${ghes.serverUrl}${repo}/issues/3/comments`)).status).toBe(404);
      expect(ghes.violations.map((violation) => violation.kind)).toEqual(['outside-api']);
    } finally {
      await ghes.close();
    }
  });
});

describe('responses', () => {
  it('carry rate limit headers that count requests', async () => {
    const limited = await startFakeGitHub({ rateLimit: { limit: 1000, remaining: 2 } });
    limited.state.addPullRequest({ number: 3 });
    try {
      const first = await fetch(`${limited.url}${repo}/issues/3/comments`);
      expect(first.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(first.headers.get('x-ratelimit-used')).toBe('999');
      expect(first.headers.get('x-ratelimit-resource')).toBe('core');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      const { rate } = (await (await fetch(`${limited.url}/rate_limit`)).json()) as { rate: { remaining: number; used: number } };
      expect(rate).toMatchObject({ remaining: 1, used: 999 }); // asking costs nothing, as on GitHub
      expect((await fetch(`${limited.url}${repo}/issues/3/comments`)).headers.get('x-ratelimit-remaining')).toBe('0');
      const exhausted = await fetch(`${limited.url}${repo}/issues/3/comments`);
      expect(exhausted.status).toBe(403);
      expect(exhausted.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(((await exhausted.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);
    } finally {
      await limited.close();
    }
  });

  it('require the configured token when one is set', async () => {
    const strict = await startFakeGitHub({ token: 'ghs_right' });
    try {
      expect((await fetch(`${strict.url}${repo}/pulls/1`, { headers: { authorization: 'token ghs_wrong' } })).status).toBe(401);
      strict.state.addPullRequest({ number: 1 });
      expect((await fetch(`${strict.url}${repo}/pulls/1`, { headers: { authorization: 'Bearer ghs_right' } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('answer 404 for another repository, like GitHub for a repo the token cannot see', async () => {
    expect((await fetch(`${github.url}/repos/someone/else/issues/3/comments`)).status).toBe(404);
  });
});
