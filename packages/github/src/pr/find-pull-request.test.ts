import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunContext } from '../run-context.ts';
import { api, testClient } from '../test-client.ts';
import { findPullRequest } from './find-pull-request.ts';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const context: RunContext = {
  owner: 'o',
  repo: 'r',
  eventName: 'workflow_run',
  sha: 'm'.repeat(40),
  serverUrl: 'https://github.com',
  apiUrl: api,
  isEnterpriseServer: false,
  workspace: '/w',
  triggeringRun: { id: 1, headSha: 'h'.repeat(40), headBranch: 'feature', headOwner: 'forker' },
};

const pull = (number: number, headSha: string) => ({
  number,
  head: { sha: headSha, repo: { full_name: 'forker/r' } },
  base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'o/r' } },
});

it('finds a fork PR of a workflow_run by the head branch of the fork and the head SHA', async () => {
  nock(api)
    .get('/repos/o/r/pulls')
    .query({ state: 'open', head: 'forker:feature', per_page: '100' })
    .reply(200, [pull(3, 'x'.repeat(40)), pull(4, 'h'.repeat(40))]);
  const { client } = testClient();
  expect(await findPullRequest(client, context)).toEqual({ number: 4, headSha: 'h'.repeat(40), baseSha: 'b'.repeat(40), baseRef: 'main', isFork: true });
});

it('uses the PR linked in the payload, or the one named explicitly', async () => {
  nock(api).get('/repos/o/r/pulls/9').reply(200, pull(9, 'h'.repeat(40)));
  const { client } = testClient();
  const linked = { ...context, triggeringRun: { ...context.triggeringRun!, pullNumber: 9 } };
  expect((await findPullRequest(client, linked))?.number).toBe(9);
  nock(api).get('/repos/o/r/pulls/12').reply(200, pull(12, 'h'.repeat(40)));
  expect((await findPullRequest(client, context, 12))?.number).toBe(12);
});

it('finds nothing for a run that belongs to no open PR', async () => {
  nock(api).get('/repos/o/r/pulls').query(true).reply(200, []);
  const { client } = testClient();
  expect(await findPullRequest(client, context)).toBeUndefined();
});
