import { zipSync, strToU8 } from 'fflate';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../client.ts';
import { api, testClient } from '../test-client.ts';
import { type BaselineFilesRequest, type BaselineResult, resolveBaselineFiles } from './resolve-baseline.ts';
import { extractFromZip, isSafeEntryName } from './safe-unzip.ts';

const base = { owner: 'o', repo: 'r', baseSha: 'b'.repeat(40), baseRef: 'main', metricsPath: 'out/metrics.json', artifactName: 'modelgate-metrics', isEnterpriseServer: false, log: { info: () => {}, warning: () => {} } };

/** One metrics file's baseline, as the report looks it up for a single file. */
async function resolveBaseline(client: GitHubClient, request: Omit<BaselineFilesRequest, 'metricsPaths'> & { metricsPath: string }): Promise<BaselineResult> {
  const { metricsPath, ...rest } = request;
  const { metrics } = await resolveBaselineFiles(client, { ...rest, metricsPaths: [metricsPath] });
  return metrics[0]!;
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('resolveBaseline', () => {
  it('reads the metrics file at the base commit through the contents API', async () => {
    nock(api, { reqheaders: { accept: 'application/vnd.github.v3.raw' } })
      .get('/repos/o/r/contents/out%2Fmetrics.json')
      .query({ ref: base.baseSha })
      .reply(200, '{"accuracy": 0.9}');
    const { client } = testClient();
    const result = await resolveBaseline(client, base);
    expect(result).toMatchObject({ source: 'out/metrics.json at base commit bbbbbbb' });
    expect('snapshot' in result && [...result.snapshot.values]).toEqual([['accuracy', 0.9]]);
  });

  it('falls back to the artifact of the latest successful run on the base branch', async () => {
    nock(api).get('/repos/o/r/contents/out%2Fmetrics.json').query(true).reply(404, { message: 'Not Found' });
    nock(api)
      .get('/repos/o/r/actions/runs')
      .query({ branch: 'main', status: 'success', per_page: '10', exclude_pull_requests: 'true' })
      .reply(200, { total_count: 2, workflow_runs: [{ id: 11, head_sha: 'c'.repeat(40) }, { id: 10, head_sha: 'd'.repeat(40) }] });
    nock(api).get('/repos/o/r/actions/runs/11/artifacts').query(true).reply(200, { total_count: 0, artifacts: [] });
    nock(api)
      .get('/repos/o/r/actions/runs/10/artifacts')
      .query({ name: 'modelgate-metrics', per_page: '100' })
      .reply(200, { total_count: 1, artifacts: [{ id: 77, name: 'modelgate-metrics', expired: false }] });
    const zip = zipSync({ 'out/metrics.json': strToU8('{"accuracy": 0.88}'), '../evil.json': strToU8('{}') });
    nock(api).get('/repos/o/r/actions/artifacts/77/zip').reply(302, '', { location: 'https://blob.test/artifact.zip?sig=1' });
    nock('https://blob.test').get('/artifact.zip').query(true).reply(200, Buffer.from(zip), { 'content-type': 'application/zip' });
    const { client } = testClient();
    const result = await resolveBaseline(client, base);
    expect(result).toMatchObject({ source: 'artifact "modelgate-metrics" of run 10 on main (ddddddd)' });
    expect('snapshot' in result && result.snapshot.values.get('accuracy')).toBe(0.88);
  });

  it('on GitHub Enterprise Server asks the contents API alone, and says why nothing was found', async () => {
    nock(api).get('/repos/o/r/contents/out%2Fmetrics.json').query(true).reply(404, { message: 'Not Found' });
    const { client } = testClient();
    const result = await resolveBaseline(client, { ...base, isEnterpriseServer: true });
    expect(result).toEqual({ reason: 'no out/metrics.json at base commit bbbbbbb; artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)' });
  });

  it('names an API fault in the reason instead of pretending there is no baseline', async () => {
    nock(api).get('/repos/o/r/contents/out%2Fmetrics.json').query(true).times(4).reply(500, { message: 'Server Error' });
    const { client } = testClient();
    const result = await resolveBaseline(client, { ...base, artifactName: undefined });
    expect('reason' in result && result.reason).toMatch(/^reading out\/metrics.json at bbbbbbb: HTTP 500/);
    expect(result).toMatchObject({ fault: true });
  });

  it('a refused permission is named in the reason but is not a fault; a 404 is neither', async () => {
    nock(api).get('/repos/o/r/contents/out%2Fmetrics.json').query(true).reply(404, { message: 'Not Found' });
    nock(api).get('/repos/o/r/actions/runs').query(true).reply(403, { message: 'Resource not accessible by integration' });
    const { client } = testClient();
    const result = await resolveBaseline(client, base);
    expect(result).toEqual({ reason: expect.stringMatching(/^no out\/metrics.json at base commit bbbbbbb; looking for artifact "modelgate-metrics": HTTP 403 .*check the job's permissions/) });
  });

  it('parses a CSV baseline as CSV (format from the path, not the label)', async () => {
    nock(api).get('/repos/o/r/contents/eval%2Fmetrics.csv').query(true).reply(200, 'name,value\naccuracy,0.91\n', { 'content-type': 'text/plain; charset=utf-8' });
    const { client } = testClient();
    const result = await resolveBaseline(client, { ...base, metricsPath: 'eval/metrics.csv' });
    expect('snapshot' in result && [...result.snapshot.values]).toEqual([['accuracy', 0.91]]);
  });
});

describe('extractFromZip', () => {
  it('never yields entries that escape the extraction root', () => {
    for (const name of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', '']) expect(isSafeEntryName(name)).toBe(false);
    expect(isSafeEntryName('a/b/metrics.json')).toBe(true);
    const zip = zipSync({ '../escape.json': strToU8('1'), 'ok.json': strToU8('2') });
    expect([...extractFromZip(zip, () => true).keys()]).toEqual(['ok.json']);
  });

  it('refuses archives and entries over the size limits', () => {
    const zip = zipSync({ 'big.json': new Uint8Array(5000) });
    expect(() => extractFromZip(zip, () => true, { maxArchiveBytes: 100, maxFileBytes: 10_000, maxEntries: 10 })).toThrow(/over the 100-byte limit/);
    expect(extractFromZip(zip, () => true, { maxArchiveBytes: 1e6, maxFileBytes: 1000, maxEntries: 10 }).size).toBe(0);
  });

  it('says when the bytes are not a zip', () => {
    expect(() => extractFromZip(new Uint8Array([1, 2, 3, 4]), () => true)).toThrow(/not a valid zip/);
  });
});

describe('resolveBaselineFiles', () => {
  const { metricsPath: _, ...common } = base;

  function artifactWith(files: Record<string, string>): void {
    nock(api).get('/repos/o/r/actions/runs').query(true).reply(200, { total_count: 1, workflow_runs: [{ id: 10, head_sha: 'd'.repeat(40) }] });
    nock(api).get('/repos/o/r/actions/runs/10/artifacts').query(true).reply(200, { total_count: 1, artifacts: [{ id: 77, name: 'modelgate-metrics', expired: false }] });
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
    nock(api).get('/repos/o/r/actions/artifacts/77/zip').once().reply(200, Buffer.from(zip), { 'content-type': 'application/zip' });
  }

  it('takes what git holds, then downloads the artifact once for every other file and the history', async () => {
    nock(api).get('/repos/o/r/contents/m%2Ftrain.json').query(true).reply(200, '{"auc": 0.9}');
    nock(api).get('/repos/o/r/contents/m%2Ftest.json').query(true).reply(404, { message: 'Not Found' });
    nock(api).get('/repos/o/r/contents/.modelgate%2Frun%2Frun.json').query(true).reply(404, { message: 'Not Found' });
    artifactWith({ 'm/test.json': '{"auc": 0.8}', '.modelgate/run/run.json': '{"schema": "modelgate.run/v1"}', 'history.jsonl': '{"line": 1}\n' });
    const { client } = testClient();
    const found = await resolveBaselineFiles(client, { ...common, metricsPaths: ['m/train.json', 'm/test.json'], runPath: '.modelgate/run/run.json', history: true });
    expect(found.metrics.map((m) => ('source' in m ? m.source : m.reason))).toEqual(['m/train.json at base commit bbbbbbb', 'artifact "modelgate-metrics" of run 10 on main (ddddddd)']);
    expect(found.run).toEqual({ text: '{"schema": "modelgate.run/v1"}', source: 'artifact "modelgate-metrics" of run 10 on main (ddddddd)' });
    expect(found.history).toMatchObject({ text: '{"line": 1}\n' });
    expect(nock.isDone()).toBe(true);
  });

  it('says per file what was tried, and why there is no history on GitHub Enterprise Server', async () => {
    nock(api).get('/repos/o/r/contents/m.json').query(true).reply(404, { message: 'Not Found' });
    const { client } = testClient();
    const found = await resolveBaselineFiles(client, { ...common, isEnterpriseServer: true, metricsPaths: ['m.json'], history: true });
    expect(found.metrics).toEqual([{ reason: 'no m.json at base commit bbbbbbb; artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)' }]);
    expect(found.history).toEqual({ reason: 'artifacts skipped (GitHub Enterprise Server has no Artifacts API v2)' });
  });

  it('on a push (no base commit) reads only the history from the branch\'s latest artifact', async () => {
    artifactWith({ 'metrics.json': '{}' });
    const { client } = testClient();
    const found = await resolveBaselineFiles(client, { ...common, baseSha: undefined, metricsPaths: [], history: true });
    expect(found.metrics).toEqual([]);
    expect(found.history).toEqual({ reason: 'artifact "modelgate-metrics" of run 10 has no history.jsonl' });
  });

  it('treats a malformed baseline file as a fault, so regression rules do not pass on it', async () => {
    nock(api).get('/repos/o/r/contents/m.json').query(true).reply(200, '{"auc": ');
    const { client } = testClient();
    const [result] = (await resolveBaselineFiles(client, { ...common, metricsPaths: ['m.json'] })).metrics;
    expect(result).toMatchObject({ fault: true, reason: expect.stringMatching(/^baseline lookup failed: m\.json \(m\.json at base commit bbbbbbb\): malformed JSON/) });
  });
});
