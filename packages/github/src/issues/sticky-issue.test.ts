import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api, testClient } from '../test-client.ts';
import { closeStickyIssue, findStickyIssue, upsertStickyIssue } from './sticky-issue.ts';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const marker = '<!-- modelgate:drift:churn -->';
const base = { owner: 'o', repo: 'r', marker, label: 'modelgate-drift', log: { info: () => {}, warning: () => {} } };
const bot = { login: 'github-actions[bot]', type: 'Bot' };
const issue = (number: number, body: string, user: object = bot, extra: object = {}) => ({ number, html_url: `https://github.test/o/r/issues/${number}`, body, user, ...extra });

it('finds the marked open issue on any page, skipping pull requests and copies by people', async () => {
  nock(api)
    .get('/repos/o/r/issues')
    .query({ labels: 'modelgate-drift', state: 'open', per_page: '100' })
    .reply(200, [issue(3, `${marker} copied`, { login: 'mallory', type: 'User' }), issue(4, `${marker}`, bot, { pull_request: {} })], { link: `<${api}/repos/o/r/issues?labels=modelgate-drift&state=open&per_page=100&page=2>; rel="next"` });
  nock(api).get('/repos/o/r/issues').query({ labels: 'modelgate-drift', state: 'open', per_page: '100', page: '2' }).reply(200, [issue(9, `${marker}\n## Drift`)]);
  nock(api).get('/user').reply(403, { message: 'Resource not accessible by integration' });
  const { client } = testClient();
  const warnings: string[] = [];
  expect(await findStickyIssue(client, { ...base, log: { info: () => {}, warning: (m) => warnings.push(m) } })).toEqual({ number: 9, url: 'https://github.test/o/r/issues/9' });
  expect(warnings).toEqual([`ignoring 1 issue that copy the marker ${marker} but were not written by this token's account`]);
});

it('after GitHub creates the issue but answers 502, finds it instead of opening a second', async () => {
  nock(api).get('/repos/o/r/issues').query(true).reply(200, []);
  nock(api).post('/repos/o/r/issues', (body) => body.labels[0] === 'modelgate-drift' && body.title === 'Drift in churn').reply(502, { message: 'Server Error' });
  nock(api).get('/repos/o/r/issues').query(true).reply(200, [issue(12, `${marker} first`)]);
  const update = nock(api).patch('/repos/o/r/issues/12', (body) => body.body === `${marker} table`).reply(200, issue(12, `${marker} table`));
  const { client } = testClient();
  expect(await upsertStickyIssue(client, { ...base, title: 'Drift in churn', body: `${marker} table` })).toEqual({ number: 12, url: 'https://github.test/o/r/issues/12', action: 'updated' });
  expect(update.isDone()).toBe(true);
});

it('closes the open issue with a comment saying why, and does nothing when there is none', async () => {
  nock(api).get('/repos/o/r/issues').query(true).reply(200, [issue(5, marker)]);
  const comment = nock(api).post('/repos/o/r/issues/5/comments', { body: 'No drift on 2026-12-06: closing.' }).reply(201, { id: 1 });
  const close = nock(api).patch('/repos/o/r/issues/5', { state: 'closed', state_reason: 'completed' }).reply(200, issue(5, marker));
  const { client } = testClient();
  expect(await closeStickyIssue(client, { ...base, comment: 'No drift on 2026-12-06: closing.' })).toEqual({ number: 5, url: 'https://github.test/o/r/issues/5' });
  expect(comment.isDone() && close.isDone()).toBe(true);
  nock(api).get('/repos/o/r/issues').query(true).reply(200, []);
  expect(await closeStickyIssue(client, { ...base, comment: 'x' })).toBeNull();
});
