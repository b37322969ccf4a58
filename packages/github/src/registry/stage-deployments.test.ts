import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api, testClient } from '../test-client.ts';
import { createStageDeployment, inactivateReplaced, listStageEvents } from './stage-deployments.ts';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const payload = (version: number, extra: object = {}) => ({
  modelgate: 'registry/v1', model: 'churn', version, digest: `sha256:${String(version).repeat(64).slice(0, 64)}`, action: 'promote', by: 'octocat', reason: null, approved_by: [], source_run: null, ...extra,
});
const deployment = (id: number, environment: string, version: number, extra: object = {}) => ({ id, environment, created_at: `2026-12-0${id % 9 + 1}T00:00:00Z`, task: 'modelgate:churn', payload: payload(version, extra) });

it('reads the history from the model\'s deployments in id order, deriving previous versions per stage', async () => {
  nock(api)
    .get('/repos/o/r/deployments')
    .query({ task: 'modelgate:churn', per_page: '100' })
    // GitHub lists newest first; payloads may come back as JSON text; foreign deployments are ignored.
    .reply(200, [
      deployment(14, 'staging', 3, { action: 'rollback' }),
      { ...deployment(13, 'production', 2), payload: JSON.stringify(payload(2)) },
      { id: 12, environment: 'staging', created_at: '2026-12-01T00:00:00Z', task: 'modelgate:churn', payload: { something: 'else' } },
      deployment(11, 'staging', 4),
      deployment(10, 'staging', 3),
    ]);
  const { client } = testClient();
  const events = await listStageEvents({ client, owner: 'o', repo: 'r' }, 'churn');
  expect(events.map((e) => [e.deploymentId, e.stage, e.previous_version, e.version, e.action])).toEqual([
    [10, 'staging', null, 3, 'promote'],
    [11, 'staging', 3, 4, 'promote'],
    [13, 'production', null, 2, 'promote'],
    [14, 'staging', 4, 3, 'rollback'],
  ]);
});

it('creates the deployment of the version tag without auto-merge or status checks, then a success status without auto_inactive', async () => {
  const create = nock(api)
    .post('/repos/o/r/deployments', (body) =>
      body.ref === 'model/churn/v3' && body.task === 'modelgate:churn' && body.environment === 'production' && body.auto_merge === false &&
      Array.isArray(body.required_contexts) && body.required_contexts.length === 0 && body.production_environment === true && body.payload.version === 3)
    .reply(201, { id: 77 });
  const status = nock(api)
    .post('/repos/o/r/deployments/77/statuses', (body) => body.state === 'success' && body.auto_inactive === false && body.environment_url === 'https://github.test/o/r/releases/tag/model/churn/v3' && body.log_url === 'https://github.test/o/r/actions/runs/5')
    .reply(201, { id: 1 });
  const { client } = testClient();
  const id = await createStageDeployment({ client, owner: 'o', repo: 'r' }, {
    name: 'churn', stage: 'production', tag: 'model/churn/v3', payload: payload(3) as never,
    environmentUrl: 'https://github.test/o/r/releases/tag/model/churn/v3', logUrl: 'https://github.test/o/r/actions/runs/5', description: 'churn v3', log: { info: () => {}, warning: () => {} },
  });
  expect(id).toBe(77);
  expect(create.isDone() && status.isDone()).toBe(true);
});

it('inactivates the deployments the newest one replaced, stopping at the first already inactive', async () => {
  nock(api).get('/repos/o/r/deployments').query({ task: 'modelgate:churn', environment: 'staging', per_page: '100' }).reply(200, [deployment(30, 'staging', 5), deployment(31, 'staging', 6), deployment(29, 'staging', 4), deployment(28, 'staging', 3)]);
  nock(api).get('/repos/o/r/deployments/30/statuses').query({ per_page: '1' }).reply(200, [{ state: 'success' }]);
  nock(api).get('/repos/o/r/deployments/29/statuses').query({ per_page: '1' }).reply(200, []);
  nock(api).get('/repos/o/r/deployments/28/statuses').query({ per_page: '1' }).reply(200, [{ state: 'inactive' }]);
  const inactive = [30, 29].map((id) => nock(api).post(`/repos/o/r/deployments/${id}/statuses`, (body) => body.state === 'inactive' && body.auto_inactive === false).reply(201, {}));
  const { client } = testClient();
  await inactivateReplaced({ client, owner: 'o', repo: 'r' }, 'churn', 'staging');
  expect(inactive.every((scope) => scope.isDone())).toBe(true);
  expect(nock.pendingMocks()).toEqual([]);
});

it('names the permission a refused deployment needs, as a workflow writes it', async () => {
  nock(api).post('/repos/o/r/deployments').reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
  const { client } = testClient();
  await expect(createStageDeployment({ client, owner: 'o', repo: 'r' }, {
    name: 'churn', stage: 'staging', tag: 'model/churn/v1', payload: payload(1) as never, environmentUrl: '', logUrl: null, description: '', log: { info: () => {}, warning: () => {} },
  })).rejects.toThrow('creating a deployment to staging: the token is not allowed to (HTTP 403 Resource not accessible by integration); grant it `permissions: deployments: write` in the workflow (or a token with that access)');
});
