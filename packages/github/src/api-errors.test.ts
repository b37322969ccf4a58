import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeApiError, isPermissionDenied, isSecondaryRateLimit } from './api-errors.ts';
import { api, testClient } from './test-client.ts';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const exhausted = (resetInSeconds: number) => ({
  'x-ratelimit-remaining': '0',
  'x-ratelimit-limit': '1000',
  'x-ratelimit-resource': 'core',
  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
});

it('waits for an exhausted primary limit that resets soon, then goes on', async () => {
  nock(api).get('/repos/o/r').reply(403, { message: 'API rate limit exceeded for installation ID 1.' }, exhausted(1));
  nock(api).get('/repos/o/r').reply(200, { id: 1 });
  const { client, warnings } = testClient();
  const { data } = await client.rest.repos.get({ owner: 'o', repo: 'r' });
  expect(data.id).toBe(1);
  expect(warnings[0]).toMatch(/rate limit exhausted; waiting \d+ s/);
});

it('stops with one line naming the rate limit when the reset is far away', async () => {
  nock(api).get('/repos/o/r').reply(403, { message: 'API rate limit exceeded for installation ID 1.' }, exhausted(3000));
  const { client } = testClient();
  const error = await client.rest.repos.get({ owner: 'o', repo: 'r' }).catch((e: unknown) => e);
  expect(isPermissionDenied(error)).toBe(false);
  expect(describeApiError(error, 'listing comments')).toMatch(/^listing comments: GitHub API rate limit exhausted \(core\); it resets at \d\d:\d\d:\d\d UTC$/);
});

it('gives up on a secondary rate limit after a bounded number of waits, and never calls it a permission problem', async () => {
  const secondary = { message: 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation.' };
  nock(api).get('/repos/o/r').times(3).reply(429, secondary, { 'retry-after': '1' });
  const { client } = testClient({ secondaryRateLimitRetries: 2 });
  const error = await client.rest.repos.get({ owner: 'o', repo: 'r' }).catch((e: unknown) => e);
  expect(isSecondaryRateLimit(error)).toBe(true);
  expect(isPermissionDenied(error)).toBe(false);
  expect(nock.pendingMocks()).toEqual([]);
});
