import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { api, testClient } from '../test-client.ts';
import { downloadAsset, uploadAsset } from './release-assets.ts';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const uploads = 'https://uploads.github.test';
const release = { id: 5, upload_url: `${uploads}/repos/o/r/releases/5/assets{?name,label}` };
const log = { info: () => {}, warning: () => {} };

async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

it('streams the body to upload_url with its content length and type', async () => {
  const upload = nock(uploads, { reqheaders: { 'content-length': '11', 'content-type': 'application/x-tar' } })
    .post('/repos/o/r/releases/5/assets', 'hello world')
    .query({ name: 'churn-v1.tar' })
    .reply(201, { id: 9, name: 'churn-v1.tar', size: 11, state: 'uploaded' });
  const { client } = testClient();
  const asset = await uploadAsset({ client, owner: 'o', repo: 'r' }, { release, name: 'churn-v1.tar', contentType: 'application/x-tar', size: 11, body: () => chunks('hello ', 'world'), idleMs: 5000, log });
  expect(asset).toEqual({ id: 9, name: 'churn-v1.tar', size: 11, state: 'uploaded' });
  expect(upload.isDone()).toBe(true);
});

it('after a 502, deletes the starter asset GitHub may leave and sends a fresh stream', async () => {
  let streams = 0;
  nock(uploads).post('/repos/o/r/releases/5/assets').query({ name: 'm.tar' }).reply(502, { message: 'Server Error' });
  nock(api).get('/repos/o/r/releases/5/assets').query(true).reply(200, [{ id: 41, name: 'm.tar', size: 0, state: 'starter' }, { id: 42, name: 'manifest.json', size: 3, state: 'uploaded' }]);
  const removed = nock(api).delete('/repos/o/r/releases/assets/41').reply(204);
  const retried = nock(uploads).post('/repos/o/r/releases/5/assets', 'abc').query({ name: 'm.tar' }).reply(201, { id: 43, name: 'm.tar', size: 3, state: 'uploaded' });
  const { client, warnings } = testClient();
  const asset = await uploadAsset({ client, owner: 'o', repo: 'r' }, { release, name: 'm.tar', contentType: 'application/x-tar', size: 3, body: () => (streams++, chunks('a', 'bc')), idleMs: 5000, log: { info: () => {}, warning: (m) => warnings.push(m) } });
  expect(asset.id).toBe(43);
  expect(streams).toBe(2);
  expect(removed.isDone() && retried.isDone()).toBe(true);
  expect(warnings).toEqual([expect.stringMatching(/^uploading release asset m\.tar: HTTP 502 .*; retrying \(attempt 2 of 3\)$/)]);
});

it('does not retry a refused upload, and names the permission', async () => {
  nock(uploads).post('/repos/o/r/releases/5/assets').query(true).reply(403, { message: 'Resource not accessible by integration' });
  const { client } = testClient();
  await expect(uploadAsset({ client, owner: 'o', repo: 'r' }, { release, name: 'm.tar', contentType: 'application/x-tar', size: 1, body: () => chunks('x'), idleMs: 5000, log }))
    .rejects.toThrow('uploading release asset m.tar: the token is not allowed to (HTTP 403 Resource not accessible by integration); grant it `permissions: contents: write`');
});

it('downloads through the redirect GitHub answers with, asking for the raw bytes', async () => {
  nock(api, { reqheaders: { accept: 'application/octet-stream' } }).get('/repos/o/r/releases/assets/9').reply(302, undefined, { location: 'https://objects.github.test/blob/9?sig=1' });
  nock('https://objects.github.test', { badheaders: ['authorization'] }).get('/blob/9').query({ sig: '1' }).reply(200, 'tar bytes');
  const { client } = testClient();
  const parts: Uint8Array[] = [];
  for await (const chunk of downloadAsset({ client, owner: 'o', repo: 'r' }, { id: 9, name: 'm.tar' }, 5000)) parts.push(chunk);
  expect(Buffer.concat(parts).toString()).toBe('tar bytes');
});
