import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, testClient } from '../test-client.ts';
import { upsertStickyComment } from './sticky-comment.ts';

const marker = '<!-- modelgate:report:default -->';
const path = '/repos/o/r/issues/7/comments';

const bot = { login: 'github-actions[bot]', type: 'Bot' };
const person = { login: 'octocat', type: 'User' };

function comments(from: number, count: number, bodyOf: (id: number) => string = (id) => `chatter ${id}`) {
  return Array.from({ length: count }, (_, i) => ({ id: from + i, html_url: `https://github.test/o/r/pull/7#issuecomment-${from + i}`, body: bodyOf(from + i), user: bodyOf(from + i).startsWith(marker) ? bot : person }));
}

function request(render: (max: number) => string = () => `${marker}\nreport v2`) {
  return { owner: 'o', repo: 'r', issueNumber: 7, marker, render, maxLength: 65_536, log: { info: () => {}, warning: () => {} } };
}

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('upsertStickyComment', () => {
  it('searches every page and updates the marked comment past the first 100', async () => {
    const page = (n: number, data: unknown[], last: boolean) =>
      nock(api)
        .get(path)
        .query({ per_page: '100', ...(n > 1 ? { page: String(n) } : {}) })
        .reply(200, data, last ? {} : { link: `<${api}${path}?per_page=100&page=${n + 1}>; rel="next", <${api}${path}?per_page=100&page=3>; rel="last"` });
    page(1, comments(1, 100), false);
    page(2, comments(101, 100), false);
    page(3, comments(201, 30, (id) => (id === 215 ? `${marker}\nreport v1` : `chatter ${id}`)), true);
    const update = nock(api).patch('/repos/o/r/issues/comments/215', { body: `${marker}\nreport v2` }).reply(200, { id: 215, html_url: 'u215' });
    const { client } = testClient();
    const result = await upsertStickyComment(client, request());
    expect(result).toEqual({ id: 215, url: 'u215', action: 'updated' });
    expect(update.isDone()).toBe(true);
  });

  it('creates the comment only when none is marked', async () => {
    nock(api).get(path).query(true).reply(200, comments(1, 3));
    const create = nock(api).post(path, { body: `${marker}\nreport v2` }).reply(201, { id: 99, html_url: 'u99' });
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toEqual({ id: 99, url: 'u99', action: 'created' });
    expect(create.isDone()).toBe(true);
  });

  it('leaves an identical comment alone', async () => {
    nock(api).get(path).query(true).reply(200, [{ id: 5, html_url: 'u5', body: `${marker}\nreport v2`, user: bot }]);
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toEqual({ id: 5, url: 'u5', action: 'unchanged' });
  });

  it('after a 5xx on create lists again and keeps the comment GitHub did create (no duplicate)', async () => {
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).reply(502, { message: 'Bad Gateway' });
    // A blind retry of the create would take this answer and make a second comment.
    const blindRetry = nock(api).post(path).reply(201, { id: 99, html_url: 'u99' });
    nock(api).get(path).query(true).reply(200, [{ id: 42, html_url: 'u42', body: `${marker}\nreport v2`, user: bot }]);
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toEqual({ id: 42, url: 'u42', action: 'unchanged' });
    expect(blindRetry.isDone()).toBe(false);
  });

  it('never edits or deletes a comment someone else wrote with the marker', async () => {
    const planted = { id: 3, html_url: 'u3', body: `${marker}\n✅ Gate passed (fake)`, user: person };
    nock(api).get(path).query(true).reply(200, [planted]);
    nock(api).get('/user').reply(403, { message: 'Resource not accessible by integration' });
    const create = nock(api).post(path).reply(201, { id: 50, html_url: 'u50' });
    const warnings: string[] = [];
    const { client } = testClient();
    const result = await upsertStickyComment(client, { ...request(), log: { info: () => {}, warning: (m: string) => warnings.push(m) } });
    expect(result).toEqual({ id: 50, url: 'u50', action: 'created' });
    expect(create.isDone()).toBe(true);
    expect(warnings).toEqual(['ignoring 1 comment that copy the report marker but were not written by this token\'s account']);
  });

  it('recognises its own comments under a personal token by the login', async () => {
    nock(api).get(path).query(true).reply(200, [{ id: 8, html_url: 'u8', body: `${marker}\nold`, user: person }]);
    nock(api).get('/user').reply(200, { login: 'octocat' });
    const update = nock(api).patch('/repos/o/r/issues/comments/8').reply(200, { id: 8, html_url: 'u8' });
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toMatchObject({ id: 8, action: 'updated' });
    expect(update.isDone()).toBe(true);
  });

  it('after a 5xx on create with no comment behind it, creates again exactly once', async () => {
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).reply(503, { message: 'unavailable' });
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).reply(201, { id: 43, html_url: 'u43' });
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toMatchObject({ id: 43, action: 'created' });
  });

  it('re-renders smaller when GitHub answers 422 body too long', async () => {
    nock(api).get(path).query(true).reply(200, []);
    nock(api)
      .post(path)
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    const create = nock(api).post(path, (body: { body: string }) => body.body.length <= 800).reply(201, { id: 44, html_url: 'u44' });
    const asked: number[] = [];
    const { client } = testClient();
    const result = await upsertStickyComment(client, request((max) => {
      asked.push(max);
      return `${marker}\n${'x'.repeat(Math.min(max, 1000) - marker.length - 1)}`;
    }));
    expect(result.action).toBe('created');
    expect(create.isDone()).toBe(true);
    expect(asked).toEqual([65_536, 800]);
  });

  it('propagates a fork PR read-only 403 without retrying it', async () => {
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).once().reply(403, { message: 'Resource not accessible by integration' });
    const { client } = testClient();
    await expect(upsertStickyComment(client, request())).rejects.toMatchObject({ status: 403 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries a 5xx on listing (reads are safe to repeat)', async () => {
    nock(api).get(path).query(true).reply(500, { message: 'boom' });
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).reply(201, { id: 45, html_url: 'u45' });
    const { client } = testClient();
    expect(await upsertStickyComment(client, request())).toMatchObject({ id: 45, action: 'created' });
  });

  it('waits out a secondary rate limit using retry-after, then succeeds', async () => {
    nock(api).get(path).query(true).reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '2' });
    nock(api).get(path).query(true).reply(200, []);
    nock(api).post(path).reply(201, { id: 46, html_url: 'u46' });
    const { client, warnings } = testClient();
    expect(await upsertStickyComment(client, request())).toMatchObject({ id: 46 });
    expect(warnings.some((w) => w.includes('secondary rate limit; retrying in 2 s'))).toBe(true);
  });
});
