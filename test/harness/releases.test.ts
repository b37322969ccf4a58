// Releases and release assets against the fake, through octokit and plain fetch as a registry
// client uses them: drafts, streamed uploads to `upload_url`, publishing, downloads by redirect.
import { existsSync } from 'node:fs';
import { type FakeGitHub, startFakeGitHub, useFakeGitHub } from '@modelgate/test-utils';
import type { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { octokitFor, repo } from './octokit.ts';
import { downloadDigest, patternedBytes, uploadTo } from './release-uploads.ts';

const fake = useFakeGitHub();
let github: FakeGitHub;
let octokit: Octokit;
const repoPath = '/repos/Codertocat/Hello-World';

function use(current: FakeGitHub): void {
  github = current;
  octokit = octokitFor(github);
}
beforeEach(() => use(fake.github));

async function draft(tag: string) {
  return (await octokit.rest.repos.createRelease({ ...repo, tag_name: tag, name: tag, body: 'notes', draft: true })).data;
}

describe('draft -> upload -> publish -> download', () => {
  it('streams an asset to the upload URL, publishes, and serves the same bytes by redirect', async () => {
    const release = await draft('model/churn/v1');
    expect(release).toMatchObject({ draft: true, published_at: null, tag_name: 'model/churn/v1', immutable: false, assets: [] });
    expect(release.upload_url).toBe(`${github.serverUrl}/_uploads/repos/Codertocat/Hello-World/releases/${release.id}/assets{?name,label}`);
    // A draft owns no tag yet: not found by tag, and no git tag exists.
    await expect(octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/churn/v1' })).rejects.toMatchObject({ status: 404 });
    expect(github.state.tags.has('model/churn/v1')).toBe(false);

    const bytes = patternedBytes(3 * 1024 * 1024 + 17);
    const uploaded = await uploadTo(release.upload_url, { name: 'churn-v1.tar', body: bytes.chunks, size: 3 * 1024 * 1024 + 17, contentType: 'application/x-tar' });
    expect(uploaded.status).toBe(201);
    const asset = (await uploaded.json()) as { id: number; size: number; state: string; content_type: string; digest: string };
    expect(asset).toMatchObject({ size: 3 * 1024 * 1024 + 17, state: 'uploaded', content_type: 'application/x-tar', digest: bytes.digest() });

    const published = await octokit.rest.repos.updateRelease({ ...repo, release_id: release.id, draft: false });
    expect(published.data).toMatchObject({ draft: false, html_url: `${github.serverUrl}/Codertocat/Hello-World/releases/tag/model/churn/v1` });
    expect(published.data.published_at).not.toBeNull();
    // Publishing created the tag at the default branch head.
    expect(github.state.tags.get('model/churn/v1')).toBe(github.state.branches.get('main'));
    expect((await octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'model/churn/v1' })).data.id).toBe(release.id);

    const download = await downloadDigest(github.url, repoPath, asset.id);
    expect(download.redirect.status).toBe(302);
    expect(download).toMatchObject({ status: 200, digest: bytes.digest(), size: asset.size });
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-length')).toBe(String(asset.size));
    const listed = await octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.id });
    expect(listed.data.map(({ name, download_count }) => ({ name, download_count }))).toEqual([{ name: 'churn-v1.tar', download_count: 1 }]);
  });

  it('keeps memory flat for a 300 MB asset, up and down', async () => {
    const release = await draft('model/big/v1');
    const roundTrip = async (name: string, size: number) => {
      const bytes = patternedBytes(size);
      const asset = (await (await uploadTo(release.upload_url, { name, body: bytes.chunks, size })).json()) as { id: number; digest: string };
      expect(asset.digest).toBe(bytes.digest());
      expect(await downloadDigest(github.url, repoPath, asset.id)).toMatchObject({ size, digest: bytes.digest() });
    };
    // The first transfers grow RSS by a fixed ~80 MB (the allocator's per-thread arenas for socket
    // and file I/O), whatever their size; a small round trip first takes that out of the measure.
    await roundTrip('warm-up.bin', 32 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      await roundTrip('big.tar', 300 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
    }
    // Client and fake share this process: together they must stay far below the asset's size.
    expect((peak - before) / 1024 / 1024).toBeLessThan(60);
  });

  it('accepts octokit uploadReleaseAsset aimed at upload_url', async () => {
    const release = await draft('v1');
    const { data } = await octokit.rest.repos.uploadReleaseAsset({
      ...repo, release_id: release.id, url: release.upload_url, name: 'metrics.json', label: 'Metrics',
      data: '{"auc":0.9}' as unknown as string, headers: { 'content-type': 'application/json' },
    });
    expect(data).toMatchObject({ name: 'metrics.json', label: 'Metrics', size: 11, content_type: 'application/json' });
    expect(github.state.releaseAsset(data.id)!.state).toBe('uploaded');
  });
});

describe('asset rules', () => {
  it('answers 422 already_exists for a second asset of the same name; deleting frees the name', async () => {
    const release = await draft('v1');
    expect((await uploadTo(release.upload_url, { name: 'a.bin', body: new Uint8Array(4) })).status).toBe(201);
    const duplicate = await uploadTo(release.upload_url, { name: 'a.bin', body: new Uint8Array(8) });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }] });
    const [asset] = github.state.release(release.id)!.assets;
    const path = github.state.assetPath(asset!.id);
    await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset!.id });
    expect(existsSync(path)).toBe(false);
    expect((await uploadTo(release.upload_url, { name: 'a.bin', body: new Uint8Array(8) })).status).toBe(201);
  });

  it('holds the name from the start of an upload: a concurrent upload of it is 422, the list shows it open', async () => {
    const release = await draft('v1');
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const slow = uploadTo(release.upload_url, { name: 'model.tar', size: 8, body: (async function* () {
      yield new Uint8Array(4);
      await held;
      yield new Uint8Array(4);
    })() });
    await expect.poll(() => github.state.release(release.id)!.assets.length).toBe(1);
    expect((await uploadTo(release.upload_url, { name: 'model.tar', body: new Uint8Array(2) })).status).toBe(422);
    const listed = await octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.id });
    expect(listed.data.map(({ state, size }) => ({ state, size }))).toEqual([{ state: 'open', size: 0 }]);
    finish();
    expect(await (await slow).json()).toMatchObject({ name: 'model.tar', state: 'uploaded', size: 8 });
  });

  it('answers 422 above the asset size limit without storing anything', async () => {
    use(await fake.restart({ assetSizeLimit: 1000 }));
    const release = await draft('v1');
    expect((await uploadTo(release.upload_url, { name: 'ok.bin', body: new Uint8Array(1000) })).status).toBe(201);
    const tooBig = await uploadTo(release.upload_url, { name: 'big.bin', body: new Uint8Array(1001) });
    expect(tooBig.status).toBe(422);
    expect(await tooBig.json()).toMatchObject({ errors: [{ resource: 'ReleaseAsset', field: 'size' }] });
    expect(github.state.release(release.id)!.assets.map((asset) => asset.name)).toEqual(['ok.bin']);
  });

  it('requires Content-Length: a chunked upload is a request violation', async () => {
    const release = await draft('v1');
    const url = release.upload_url.replace('{?name,label}', '?name=x.bin');
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/octet-stream' }, duplex: 'half',
      body: ReadableStream.from((async function* () { yield new Uint8Array(10); })()),
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'openapi', message: expect.stringContaining('requires a Content-Length header') })]);
    github.violations.length = 0;
  });

  it('flags an upload sent to the API root instead of upload_url', async () => {
    const release = await draft('v1');
    const response = await fetch(`${github.url}${repoPath}/releases/${release.id}/assets?name=x.bin`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(response.status).toBe(400);
    expect(github.violations).toEqual([expect.objectContaining({ kind: 'openapi', message: expect.stringContaining("upload_url") })]);
    github.violations.length = 0;
  });

  it('a create-then-502 upload leaves a starter asset that can be deleted, then the retry succeeds', async () => {
    const release = await draft('v1');
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/releases/{release_id}/assets', respond: 'create-then-502' });
    expect((await uploadTo(release.upload_url, { name: 'model.tar', body: new Uint8Array(64) })).status).toBe(502);
    const [starter] = github.state.release(release.id)!.assets;
    expect(starter).toMatchObject({ name: 'model.tar', state: 'starter', size: 0 });
    // The description's schema knows `uploaded` and `open` only: an unfinished asset is sent as `open`.
    const listed = await octokit.rest.repos.listReleaseAssets({ ...repo, release_id: release.id });
    expect(listed.data.map(({ name, state }) => ({ name, state }))).toEqual([{ name: 'model.tar', state: 'open' }]);
    expect((await uploadTo(release.upload_url, { name: 'model.tar', body: new Uint8Array(64) })).status).toBe(422);
    await octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: starter!.id });
    expect((await uploadTo(release.upload_url, { name: 'model.tar', body: new Uint8Array(64) })).status).toBe(201);
  });

  it('answers 422 once a release holds 1000 assets', async () => {
    use(await fake.restart({ rateLimit: { limit: 5000 } }));
    const release = await draft('v1');
    for (let batch = 0; batch < 1000; batch += 50) {
      const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => uploadTo(release.upload_url, { name: `part-${batch + i}`, body: new Uint8Array(1) }).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([201]));
    }
    const over = await uploadTo(release.upload_url, { name: 'one-more', body: new Uint8Array(1) });
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ errors: [{ field: 'file_count', message: 'file_count limited to 1000 assets per release' }] });
  });

  it('removes the asset files when the fake closes', async () => {
    const own = await startFakeGitHub();
    const client = octokitFor(own, null);
    const release = (await client.rest.repos.createRelease({ ...repo, tag_name: 'v1', draft: true })).data;
    const asset = (await (await uploadTo(release.upload_url, { name: 'a', body: new Uint8Array(3) })).json()) as { id: number };
    const path = own.state.assetPath(asset.id);
    expect(existsSync(path)).toBe(true);
    await own.close();
    expect(existsSync(path)).toBe(false);
  });
});

describe('tags', () => {
  it('one published release per tag; drafts may share it; publishing another holder is 422', async () => {
    const first = await draft('v1');
    const second = await draft('v1'); // GitHub's UI allows several drafts of one tag
    await octokit.rest.repos.updateRelease({ ...repo, release_id: first.id, draft: false });
    const publishSecond = octokit.rest.repos.updateRelease({ ...repo, release_id: second.id, draft: false });
    await expect(publishSecond).rejects.toMatchObject({ status: 422, response: { data: { errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }] } } });
    const createPublished = octokit.rest.repos.createRelease({ ...repo, tag_name: 'v1' });
    await expect(createPublished).rejects.toMatchObject({ status: 422, response: { data: { errors: [{ code: 'already_exists', field: 'tag_name' }] } } });
    expect(github.state.release(second.id)!.draft).toBe(true);
  });

  it('creates the tag at target_commitish, and a deleted release leaves its tag', async () => {
    const sha = 'c'.repeat(40);
    const { data } = await octokit.rest.repos.createRelease({ ...repo, tag_name: 'v2', target_commitish: sha });
    expect(github.state.tags.get('v2')).toBe(sha);
    await octokit.rest.repos.deleteRelease({ ...repo, release_id: data.id });
    expect(github.state.tags.get('v2')).toBe(sha);
    // The tag exists, so a new release of it is fine (target_commitish is unused for an existing tag).
    expect((await octokit.rest.repos.createRelease({ ...repo, tag_name: 'v2', target_commitish: 'main' })).status).toBe(201);
    await expect(octokit.rest.repos.createRelease({ ...repo, tag_name: 'v3', target_commitish: 'no-such-branch' })).rejects.toMatchObject({ status: 422 });
  });

  it('lists newest first, paginated, drafts included; make_latest picks the latest release', async () => {
    for (const tag of ['v1', 'v2', 'v3']) await octokit.rest.repos.createRelease({ ...repo, tag_name: tag, make_latest: tag === 'v2' ? 'false' : 'true' });
    await draft('v4');
    const page = await octokit.rest.repos.listReleases({ ...repo, per_page: 2 });
    expect(page.data.map((release) => release.tag_name)).toEqual(['v4', 'v3']);
    expect(page.headers.link).toContain('rel="next"');
    expect((await octokit.paginate(octokit.rest.repos.listReleases, { ...repo, per_page: 2 })).map((release) => release.tag_name)).toEqual(['v4', 'v3', 'v2', 'v1']);
    expect((await octokit.rest.repos.getLatestRelease(repo)).data.tag_name).toBe('v3');
    const v1 = page.data.length && (await octokit.rest.repos.getReleaseByTag({ ...repo, tag: 'v1' })).data;
    await octokit.rest.repos.updateRelease({ ...repo, release_id: (v1 as { id: number }).id, make_latest: 'true' });
    expect((await octokit.rest.repos.getLatestRelease(repo)).data.tag_name).toBe('v1');
  });
});

describe('immutable releases', () => {
  beforeEach(async () => use(await fake.restart({ immutableReleases: true })));

  it('locks assets, tag and state once published; title and notes stay editable', async () => {
    const release = await draft('model/churn/v1');
    expect((await uploadTo(release.upload_url, { name: 'before.bin', body: new Uint8Array(5) })).status).toBe(201);
    const published = await octokit.rest.repos.updateRelease({ ...repo, release_id: release.id, draft: false });
    expect(published.data.immutable).toBe(true);

    const late = await uploadTo(release.upload_url, { name: 'after.bin', body: new Uint8Array(5) });
    expect(late.status).toBe(422);
    expect(await late.json()).toMatchObject({ message: 'Cannot upload assets to an immutable release.' });
    const [asset] = github.state.release(release.id)!.assets;
    await expect(octokit.rest.repos.deleteReleaseAsset({ ...repo, asset_id: asset!.id })).rejects.toMatchObject({
      status: 422, response: { data: { errors: [{ resource: 'ReleaseAsset', message: 'Cannot delete asset from an immutable release' }] } },
    });
    for (const change of [{ tag_name: 'model/churn/v9' }, { target_commitish: 'd'.repeat(40) }, { draft: true }]) {
      await expect(octokit.rest.repos.updateRelease({ ...repo, release_id: release.id, ...change })).rejects.toMatchObject({ status: 422 });
    }
    const edited = await octokit.rest.repos.updateRelease({ ...repo, release_id: release.id, name: 'churn v1', body: 'new notes', prerelease: true });
    expect(edited.data).toMatchObject({ name: 'churn v1', body: 'new notes', prerelease: true, immutable: true, draft: false });
  });

  it('never lets the tag name be used again, even after the release is deleted', async () => {
    const { data } = await octokit.rest.repos.createRelease({ ...repo, tag_name: 'v1' });
    await octokit.rest.repos.deleteRelease({ ...repo, release_id: data.id });
    await expect(octokit.rest.repos.createRelease({ ...repo, tag_name: 'v1' })).rejects.toMatchObject({
      status: 422, response: { data: { errors: expect.arrayContaining([{ resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name was used by an immutable release' }]) } },
    });
    // A draft owns no tag, so it may be created; publishing it is refused.
    const second = await draft('v1');
    await expect(octokit.rest.repos.updateRelease({ ...repo, release_id: second.id, draft: false })).rejects.toMatchObject({ status: 422 });
  });
});
