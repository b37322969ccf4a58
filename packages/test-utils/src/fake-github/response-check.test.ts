// The fake checks its own answers against GitHub's REST description: a handler that answers with a
// shape or status GitHub never sends is a `response` violation, which fails the test like a bad request.
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { faults } from './faults.ts';
import type { HandlerContext, HandlerResult } from './handler-kit.ts';
import { handlers } from './handlers.ts';
import { requestChecker } from './request-check.ts';
import { loadRouteTable } from './route-table.ts';
import { startFakeGitHub, type FakeGitHub } from './server.ts';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.state.addPullRequest({ number: 3 }); // comments need their pull request
});
afterEach(async () => {
  await github.close();
});

const repo = '/repos/Codertocat/Hello-World';
const commentsTemplate = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const send = (method: string, path: string, body?: unknown) =>
  fetch(`${github.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

/** Swap one operation's handler for this test only; `real` calls the fake's own handler. */
function replaceHandler(operationId: string, handler: (context: HandlerContext, real: (context: HandlerContext) => HandlerResult) => HandlerResult): void {
  const original = handlers[operationId]!;
  handlers[operationId] = (context) => handler(context, original);
  onTestFinished(() => {
    handlers[operationId] = original;
  });
}

function seededComment(): number {
  return github.state.addComments(1, { prNumber: 3, body: 'hello' })[0]!.id;
}

describe('the reduced description records documented responses', () => {
  it('keeps each status with its JSON schema, following shared responses to basic-error', () => {
    const entry = loadRouteTable().operations.find((operation) => operation.operationId === 'issues/get-comment')!;
    expect(entry.responses['200']).toEqual({ $ref: 'github-rest#/definitions/issue-comment' });
    expect(entry.responses['404']).toEqual({ $ref: 'github-rest#/definitions/basic-error' }); // via #/components/responses/not_found
    const deletion = loadRouteTable().operations.find((operation) => operation.operationId === 'issues/delete-comment')!;
    expect(deletion.responses).toEqual({ '204': null }); // documented without a body
  });
});

describe('handler responses', () => {
  it('a conforming response is not a violation', async () => {
    const id = seededComment();
    const response = await send('GET', `${repo}/issues/comments/${id}`);
    expect(response.status).toBe(200);
    expect(github.violations).toEqual([]);
  });

  it('an issue comment without `id` is a response violation naming operation, status and the error', async () => {
    const id = seededComment();
    replaceHandler('issues/get-comment', (context, real) => {
      const result = real(context);
      const { id: _dropped, ...rest } = result.body as Record<string, unknown>;
      return { ...result, body: rest };
    });
    const response = await send('GET', `${repo}/issues/comments/${id}`);
    expect(response.status).toBe(200); // answered as the handler said; the test fails on the violation
    expect(github.violations).toEqual([
      {
        kind: 'response', method: 'GET', path: `${repo}/issues/comments/${id}`, operationId: 'issues/get-comment', status: 200,
        message: "response 200 of issues/get-comment: / must have required property 'id'",
      },
    ]);
  });

  it('a string where the description wants an integer is a violation, deep in a list too', async () => {
    seededComment();
    replaceHandler('issues/list-comments', (context, real) => {
      const result = real(context);
      return { ...result, body: (result.body as Record<string, unknown>[]).map((comment) => ({ ...comment, id: String(comment.id) })) };
    });
    await send('GET', `${repo}/issues/3/comments`);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'response', status: 200, message: 'response 200 of issues/list-comments: /0/id must be integer' })]);
  });

  it('quotes only the first few of many errors', async () => {
    const id = seededComment();
    replaceHandler('issues/get-comment', () => ({ status: 200, body: {} }));
    await send('GET', `${repo}/issues/comments/${id}`);
    expect(github.violations[0]!.message).toMatch(/^response 200 of issues\/get-comment: (\/ must have required property '\w+'; ){2}\/ must have required property '\w+' \(\+\d+ more\)$/);
  });

  it('checks documented error bodies: a 422 must be a validation-error', async () => {
    const id = seededComment();
    replaceHandler('issues/update-comment', () => ({ status: 422, body: { message: 'Validation Failed', errors: [{ field: 'body' }] } }));
    await send('PATCH', `${repo}/issues/comments/${id}`, { body: 'x' });
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'response', status: 422 })]);
    expect(github.violations[0]!.message).toMatch(/must have required property 'documentation_url'.*\/errors\/0 must have required property 'code'/);
  });

  it('a status the operation does not document is a violation', async () => {
    const id = seededComment();
    replaceHandler('issues/get-comment', () => ({ status: 409, body: { message: 'Conflict' } }));
    await send('GET', `${repo}/issues/comments/${id}`);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'response', status: 409, message: 'status 409 is not documented for issues/get-comment (documented: 200, 404)' })]);
  });

  it('lets a handler answer an undocumented 404 for a missing resource (checked as basic-error), but no other undocumented error', async () => {
    expect(loadRouteTable().operations.find((operation) => operation.operationId === 'checks/get')!.responses['404']).toBeUndefined();
    expect((await send('GET', `${repo}/check-runs/1`)).status).toBe(404);
    expect(github.violations).toEqual([]);
    replaceHandler('checks/get', () => ({ status: 404, body: { message: 404 } }));
    await send('GET', `${repo}/check-runs/1`);
    expect(github.violations).toEqual([expect.objectContaining({ message: 'response 404 of checks/get (checked as basic-error): /message must be string' })]);
    replaceHandler('checks/get', () => ({ status: 503, body: { message: 'Service Unavailable' } }));
    await send('GET', `${repo}/check-runs/1`);
    expect(github.violations[1]!.message).toBe('status 503 is not documented for checks/get (documented: 200)');
  });

  it('a body on a status documented without one is a violation', async () => {
    const id = seededComment();
    replaceHandler('issues/delete-comment', () => ({ status: 204, body: { deleted: true } }));
    await send('DELETE', `${repo}/issues/comments/${id}`);
    expect(github.violations).toEqual([expect.objectContaining({ status: 204, message: 'issues/delete-comment documents no JSON body for status 204, but one was sent' })]);
  });

  it('checks what the client receives: a Date is its ISO string, a field left undefined is missing', async () => {
    replaceHandler('checks/create', (context, real) => {
      const result = real(context);
      return { ...result, body: { ...(result.body as object), started_at: new Date(Date.UTC(2026, 0, 1)), head_sha: undefined } };
    });
    await send('POST', `${repo}/check-runs`, { name: 'gate', head_sha: 'a'.repeat(40) });
    expect(github.violations).toEqual([expect.objectContaining({ status: 201, message: "response 201 of checks/create: / must have required property 'head_sha'" })]);
  });
});

describe('faults and answers GitHub gives on any operation', () => {
  it('accept the secondary rate limit (403 and 429) and 5xx on operations that do not document them', async () => {
    github.inject({ path: commentsTemplate, respond: faults.secondaryRateLimit(1, 429) });
    github.inject({ path: commentsTemplate, method: 'GET', respond: faults.secondaryRateLimit(1, 403) });
    github.inject({ path: commentsTemplate, method: 'GET', respond: faults.serverError(502) });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('GET', `${repo}/issues/3/comments`)).status);
    github.inject({ method: 'POST', path: commentsTemplate, respond: 'create-then-500' });
    statuses.push((await send('POST', `${repo}/issues/3/comments`, { body: 'x' })).status);
    expect(statuses).toEqual([429, 403, 502, 200, 500]);
    expect(github.violations).toEqual([]);
  });

  it('check an injected body: a cross-cutting status against basic-error, a documented one against its schema', async () => {
    github.inject({ method: 'GET', path: commentsTemplate, respond: { status: 503, body: { message: ['down'] } } });
    github.inject({ method: 'POST', path: commentsTemplate, respond: { status: 422, body: { message: 'Validation Failed' } } });
    await send('GET', `${repo}/issues/3/comments`);
    await send('POST', `${repo}/issues/3/comments`, { body: 'x' });
    expect(github.violations.map(({ kind, status, message }) => ({ kind, status, message }))).toEqual([
      { kind: 'response', status: 503, message: 'response 503 of issues/list-comments (checked as basic-error): /message must be string' },
      { kind: 'response', status: 422, message: "response 422 of issues/create-comment: / must have required property 'documentation_url'" },
    ]);
  });

  it('flag an injected status GitHub does not send for the operation', async () => {
    github.inject({ respond: { status: 418, body: { message: "I'm a teapot" } } });
    await send('GET', `${repo}/issues/3/comments`);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'response', status: 418, message: expect.stringMatching(/^status 418 is not documented for issues\/list-comments/) })]);
  });

  it('accept the read-only token, bad credentials, exhausted primary limit and another repository', async () => {
    const fork = await startFakeGitHub({ readOnly: true, token: 'ghs_right', rateLimit: { remaining: 2 } });
    try {
      const auth = { authorization: 'token ghs_right', 'content-type': 'application/json' };
      const statuses = [
        (await fetch(`${fork.url}${repo}/check-runs`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'gate', head_sha: 'a'.repeat(40) }) })).status,
        (await fetch(`${fork.url}${repo}/pulls/1`, { headers: { authorization: 'token ghs_wrong' } })).status,
        (await fetch(`${fork.url}/repos/someone/else/pulls/1`, { headers: auth })).status,
        (await fetch(`${fork.url}${repo}/pulls/1`, { headers: auth })).status,
      ];
      expect(statuses).toEqual([403, 401, 404, 403]);
      expect(fork.violations).toEqual([]);
    } finally {
      await fork.close();
    }
  });

  it('do not check the 400 answering a request violation: that is reported once, as `openapi`', async () => {
    await send('POST', `${repo}/issues/3/comments`, { text: 'x' });
    expect(github.violations.map((violation) => violation.kind)).toEqual(['openapi']);
  });
});

describe('RequestChecker.checkResponse', () => {
  const checker = requestChecker();

  it('judges a status by who answered: generic faults may use any cross-cutting status, handlers only 404', () => {
    const body = { message: 'Server Error' };
    expect(checker.checkResponse('checks/create', { status: 502, body }, 'generic')).toBeUndefined();
    expect(checker.checkResponse('checks/create', { status: 502, body }, 'handler')).toBe('status 502 is not documented for checks/create (documented: 201)');
    expect(checker.checkResponse('checks/create', { status: 404, body: { message: 'Not Found' } }, 'handler')).toBeUndefined();
  });

  it('checks an error body GitHub sends with a status documented by a sentence alone', () => {
    // upload-release-asset documents 422 without a schema; GitHub sends its validation error.
    const body = { message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }], documentation_url: 'https://docs.github.com/rest' };
    expect(checker.checkResponse('repos/upload-release-asset', { status: 422, body }, 'handler')).toBeUndefined();
    expect(checker.checkResponse('repos/upload-release-asset', { status: 422, body: { message: 'Validation Failed' } }, 'handler')).toBe(
      "response 422 of repos/upload-release-asset (checked as validation-error): / must have required property 'documentation_url'",
    );
    expect(checker.checkResponse('repos/delete-release', { status: 204, body: {} }, 'handler')).toBe('repos/delete-release documents no JSON body for status 204, but one was sent');
  });

  it('allows the 422s GitHub sends where the description omits them, from handlers only', () => {
    const body = { message: 'Validation Failed', errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }], documentation_url: 'https://docs.github.com/rest' };
    expect(checker.checkResponse('repos/update-release', { status: 422, body }, 'handler')).toBeUndefined();
    expect(checker.checkResponse('repos/delete-release-asset', { status: 422, body }, 'handler')).toBeUndefined();
    expect(checker.checkResponse('repos/update-release', { status: 422, body }, 'generic')).toMatch(/^status 422 is not documented for repos\/update-release/);
    expect(checker.checkResponse('repos/get-release', { status: 422, body }, 'handler')).toMatch(/^status 422 is not documented/);
  });

  it('checks only the status of a raw body', () => {
    expect(checker.checkResponse('repos/get-content', { status: 200, body: undefined, raw: true }, 'handler')).toBeUndefined();
    expect(checker.checkResponse('repos/get-content', { status: 200, body: undefined }, 'handler')).toBe('repos/get-content documents a JSON body for status 200, but none was sent');
  });
});
