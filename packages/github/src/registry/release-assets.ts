import { describeApiError, isUncertainOutcome } from '../api-errors.ts';
import type { GitHubClient, Logger } from '../client.ts';
import { nodeStreamOf } from '../streaming-fetch.ts';
import { IdleTimeout } from './idle-timeout.ts';
import { apiCall, registryPermissions } from './permission-errors.ts';

export interface ReleaseAsset {
  id: number;
  name: string;
  size: number;
  /** `uploaded`, or `starter` for an upload GitHub did not finish (it can be deleted). */
  state: string;
}

export interface RepositoryRef {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** The fetch that streams asset bodies both ways with backpressure (see streamingFetch). */
  transferFetch?: typeof fetch;
}

/** A transfer is abandoned when no byte moves for this long (MODELGATE_TRANSFER_IDLE_MS). */
export const defaultIdleMs = 120_000;
/** How long an upload waits for GitHub's answer after its last byte. */
const responseWaitMs = 10 * 60_000;

export async function listAssets(repository: RepositoryRef, releaseId: number): Promise<ReleaseAsset[]> {
  const { client, owner, repo } = repository;
  return apiCall('listing release assets', registryPermissions.readReleases, async () =>
    (await client.paginate('GET /repos/{owner}/{repo}/releases/{release_id}/assets', { owner, repo, release_id: releaseId, per_page: 100 })).map(
      (asset) => ({ id: asset.id, name: asset.name, size: asset.size, state: asset.state }),
    ),
  );
}

export interface UploadRequest {
  release: { id: number; upload_url: string };
  name: string;
  contentType: string;
  size: number;
  /** Called once per attempt: a fresh stream of exactly `size` bytes. */
  body: () => AsyncIterable<Uint8Array>;
  idleMs: number;
  log: Logger;
  attempts?: number;
}

/**
 * Upload one release asset through the release's `upload_url`, streamed with its Content-Length.
 * A streamed body cannot be replayed, so octokit's retry is off here and a failure whose outcome is
 * unknown (5xx, timeout) is retried with a new stream, after deleting what GitHub may have kept of
 * the failed attempt (an empty asset in state `starter` blocks the name).
 */
export async function uploadAsset(repository: RepositoryRef, request: UploadRequest): Promise<ReleaseAsset> {
  const { client } = repository;
  const attempts = request.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const timeout = new IdleTimeout(request.idleMs);
    const source = request.body();
    const body = (async function* () {
      for await (const chunk of source) {
        timeout.touch();
        yield chunk;
      }
      // GitHub may take a while to acknowledge a large part once the last byte is sent.
      timeout.extend(responseWaitMs);
    })();
    try {
      const response = await client.request({
        method: 'POST',
        url: request.release.upload_url,
        name: request.name,
        headers: { 'content-type': request.contentType, 'content-length': String(request.size) },
        data: body,
        request: { retries: 0, signal: timeout.signal, ...(repository.transferFetch ? { fetch: repository.transferFetch } : {}) },
      });
      const asset = response.data as { id: number; name: string; size: number; state: string };
      return { id: asset.id, name: asset.name, size: asset.size, state: asset.state };
    } catch (error) {
      if (!isUncertainOutcome(error) || attempt >= attempts) {
        return apiCall(`uploading release asset ${request.name}`, registryPermissions.writeReleases, () => Promise.reject(error));
      }
      request.log.warning(`${describeApiError(error, `uploading release asset ${request.name}`)}; retrying (attempt ${attempt + 1} of ${attempts})`);
      await deleteAssetsNamed(repository, request.release.id, request.name);
    } finally {
      timeout.clear();
    }
  }
}

export async function deleteAssetsNamed(repository: RepositoryRef, releaseId: number, name: string): Promise<void> {
  const { client, owner, repo } = repository;
  for (const asset of await listAssets(repository, releaseId)) {
    if (asset.name !== name) continue;
    await apiCall(`deleting release asset ${name}`, registryPermissions.writeReleases, () =>
      client.request('DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}', { owner, repo, asset_id: asset.id }),
    );
  }
}

/**
 * An asset's bytes, streamed: the API answers `Accept: application/octet-stream` with the bytes or
 * a redirect to them (fetch follows it, dropping the token for the other host). Never buffered.
 */
export async function* downloadAsset(repository: RepositoryRef, asset: { id: number; name: string }, idleMs: number): AsyncIterable<Uint8Array> {
  const { client, owner, repo } = repository;
  const timeout = new IdleTimeout(idleMs);
  try {
    const response = await apiCall(`downloading release asset ${asset.name}`, registryPermissions.readReleases, () =>
      client.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
        owner, repo, asset_id: asset.id,
        headers: { accept: 'application/octet-stream' },
        request: { parseSuccessResponseBody: false, signal: timeout.signal, ...(repository.transferFetch ? { fetch: repository.transferFetch } : {}) },
      }),
    );
    const stream = (nodeStreamOf(response.data) ?? response.data) as unknown as AsyncIterable<Uint8Array>;
    for await (const chunk of stream) {
      timeout.touch();
      yield chunk;
    }
  } finally {
    timeout.clear();
  }
}

/** A small asset (manifest, metrics) read whole as text. */
export async function downloadText(repository: RepositoryRef, asset: { id: number; name: string }, idleMs: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of downloadAsset(repository, asset, idleMs)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
