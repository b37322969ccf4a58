// The storage URLs the API redirects to (artifact zips, release asset bytes), like GitHub's signed
// blob URLs: no API headers, the bytes or a plain 404. Injected faults apply to them too.
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AssetFiles } from './asset-files.ts';
import type { FaultBook } from './faults.ts';
import { hostPaths } from './hosts.ts';
import type { RecordedRequest } from './records.ts';
import type { Send } from './responder.ts';
import type { FakeGitHubState } from './state.ts';

export interface StorageDependencies {
  state: FakeGitHubState;
  files: AssetFiles;
  faultBook: FaultBook;
  send: Send;
}

export function isStoragePath(pathname: string): boolean {
  return pathname.startsWith(hostPaths.artifactBlobs) || pathname.startsWith(hostPaths.assetDownloads);
}

export async function serveStorage({ state, files, faultBook, send }: StorageDependencies, record: RecordedRequest, response: ServerResponse, url: URL): Promise<void> {
  const isArtifact = url.pathname.startsWith(hostPaths.artifactBlobs);
  record.operationId = isArtifact ? 'artifact-blob' : 'release-asset-download';
  const id = Number(url.pathname.slice((isArtifact ? hostPaths.artifactBlobs : hostPaths.assetDownloads).length));
  const storage = { withRateHeaders: false };
  const fault = faultBook.take(record.method, url.pathname, undefined);
  if (fault === 'timeout') return;
  if (fault !== undefined && typeof fault === 'object') return send(response, record, fault, storage);
  const missing = { status: 404, body: { message: 'BlobNotFound' } };
  if (isArtifact) {
    const artifact = state.artifacts.find((candidate) => candidate.id === id);
    return send(response, record, artifact ? { status: 200, raw: artifact.zip, headers: { 'content-type': 'application/zip' } } : missing, storage);
  }
  const asset = state.releaseAsset(id);
  if (!asset?.path) return send(response, record, missing, storage);
  // Streamed from disk with its length: memory stays flat for a multi-GB asset.
  record.status = 200;
  response.writeHead(200, {
    'content-type': 'application/octet-stream', 'content-length': String(asset.size),
    'content-disposition': `attachment; filename=${encodeURIComponent(asset.name)}`,
  });
  await pipeline(files.read(asset.path), response).catch(() => {}); // a client that stops reading just goes away
}
