import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api, testClient } from '../test-client.ts';
import { publishGateCheck } from './gate-check.ts';

const request = { owner: 'o', repo: 'r', sha: 'abc', name: 'modelgate gate', passed: false, title: 'Gate failed: accuracy below min', summary: 'details', log: { info: () => {}, warning: () => {} } };

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

it('creates a completed check run with the conclusion on the head commit', async () => {
  const create = nock(api)
    .post('/repos/o/r/check-runs', (body) => body.head_sha === 'abc' && body.conclusion === 'failure' && body.status === 'completed' && body.output.title === request.title)
    .reply(201, { id: 9, html_url: 'https://github.test/o/r/runs/9' });
  const { client } = testClient();
  expect(await publishGateCheck(client, request)).toEqual({ kind: 'check-run', id: 9, url: 'https://github.test/o/r/runs/9' });
  expect(create.isDone()).toBe(true);
});

it('falls back to a commit status when the token may not write checks', async () => {
  nock(api).post('/repos/o/r/check-runs').reply(403, { message: 'Resource not accessible by personal access token' });
  const status = nock(api).post('/repos/o/r/statuses/abc', { state: 'failure', context: 'modelgate gate', description: request.title }).reply(201, {});
  const { client } = testClient();
  expect(await publishGateCheck(client, request)).toEqual({ kind: 'status' });
  expect(status.isDone()).toBe(true);
});

it('reports nothing, and says why, with a fork PR read-only token', async () => {
  nock(api).post('/repos/o/r/check-runs').reply(403, { message: 'Resource not accessible by integration' });
  nock(api).post('/repos/o/r/statuses/abc').reply(403, { message: 'Resource not accessible by integration' });
  const { client } = testClient();
  const result = await publishGateCheck(client, request);
  expect(result.kind).toBe('none');
});

it('cuts a status description to 140 characters', async () => {
  nock(api).post('/repos/o/r/check-runs').reply(404, { message: 'Not Found' });
  const status = nock(api).post('/repos/o/r/statuses/abc', (body) => body.description.length === 140).reply(201, {});
  const { client } = testClient();
  await publishGateCheck(client, { ...request, title: 'x'.repeat(500) });
  expect(status.isDone()).toBe(true);
});
