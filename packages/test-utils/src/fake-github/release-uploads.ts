// Release asset uploads, served where the release's `upload_url` points (uploads.github.com on
// GitHub, `/_uploads/...` on the fake's server). The body is raw bytes, possibly several GB: it is
// streamed to a file, never held in memory.
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import type { AssetFiles } from './asset-files.ts';
import { docs, notFound, validationFailed, type HandlerResult } from './handler-kit.ts';
import { immutableAssets } from './handlers/releases.ts';
import type { FakeReleaseAsset } from './registry-state.ts';
import { releaseAssetJson } from './registry-resources.ts';
import type { ResourceRenderer } from './resources.ts';

/** GitHub: "Each file included in a release must be under 2 GiB." */
export const defaultAssetSizeLimit = 2 * 1024 ** 3 - 1;
/** GitHub: "file_count limited to 1000 assets per release". */
export const assetsPerRelease = 1000;

const uploadDocs = `${docs}/releases/assets#upload-a-release-asset`;

/**
 * What the description asks of an upload request beyond its path and query: the `name` query
 * parameter and the Content-Length and Content-Type headers ("Most libraries will set the required
 * Content-Length header automatically. Use the required Content-Type header..."). A message for the
 * first one missing (a request violation), or undefined.
 */
export function uploadRequestProblem(request: IncomingMessage, url: URL): string | undefined {
  if (!url.searchParams.get('name')) return 'repos/upload-release-asset requires the `name` query parameter';
  const length = request.headers['content-length'];
  if (length === undefined || !/^\d+$/.test(length)) return 'repos/upload-release-asset requires a Content-Length header (the body may not be chunked)';
  if (!request.headers['content-type']) return 'repos/upload-release-asset requires a Content-Type header (the asset\'s media type)';
  return undefined;
}

/** Reads and discards the rest of a request body, so an early answer reaches a client still sending. */
export async function drain(request: IncomingMessage): Promise<void> {
  if (request.readableEnded) return;
  request.resume();
  await finished(request).catch(() => {});
}

export interface UploadContext {
  request: IncomingMessage;
  url: URL;
  releaseId: number;
  render: ResourceRenderer;
  files: AssetFiles;
  assetSizeLimit: number;
  /** An injected `create-then-5xx`: GitHub "may leave an empty asset with a state of starter". */
  leaveStarter: boolean;
}

/** The upload's answer, or undefined when the client went away mid-body (nothing is kept then). */
export async function receiveUpload(c: UploadContext): Promise<HandlerResult | undefined> {
  const { state } = c.render;
  const refuse = async (result: HandlerResult) => {
    await drain(c.request);
    return result;
  };
  const release = state.release(c.releaseId);
  if (!release) return refuse(notFound(uploadDocs));
  if (release.immutable) return refuse(immutableAssets('upload', uploadDocs));
  const name = c.url.searchParams.get('name')!;
  if (release.assets.length >= assetsPerRelease) {
    return refuse(validationFailed(uploadDocs, { resource: 'ReleaseAsset', code: 'custom', field: 'file_count', message: `file_count limited to ${assetsPerRelease} assets per release` }));
  }
  if (release.assets.some((asset) => asset.name === name)) {
    return refuse(validationFailed(uploadDocs, { resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }));
  }
  const declared = Number(c.request.headers['content-length']);
  if (declared > c.assetSizeLimit) {
    return refuse(validationFailed(uploadDocs, { resource: 'ReleaseAsset', code: 'custom', field: 'size', message: `size must be at most ${c.assetSizeLimit} bytes` }));
  }

  // GitHub creates the asset when the upload starts (a concurrent upload of the name gets 422) and
  // fills it in when the bytes are in.
  const now = state.now();
  const asset: FakeReleaseAsset = {
    id: state.nextId(), releaseId: release.id, name, label: c.url.searchParams.get('label'), contentType: String(c.request.headers['content-type']),
    size: 0, state: 'starter', digest: null, path: undefined, uploader: state.tokenUser, downloadCount: 0, createdAt: now, updatedAt: now,
  };
  release.assets.push(asset);
  let stored;
  try {
    stored = await c.files.store(`asset-${asset.id}`, c.request);
  } catch {
    release.assets.splice(release.assets.indexOf(asset), 1);
    return undefined; // the client went away mid-body: nothing is kept
  }
  if (c.leaveStarter) {
    c.files.remove(stored.path);
  } else {
    Object.assign(asset, { state: 'uploaded', size: stored.size, digest: stored.digest, path: stored.path, updatedAt: state.now() });
  }
  return { status: 201, body: releaseAssetJson(c.render, asset, release) };
}
