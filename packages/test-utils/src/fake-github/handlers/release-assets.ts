// Release assets through the API host: list, get (JSON, or the bytes by redirect), delete. Uploads
// arrive on the upload host and are streamed to disk (release-uploads.ts).
import { docs, list, notFound, type Handler } from '../handler-kit.ts';
import { releaseAssetJson } from '../registry-resources.ts';
import { immutableAssets } from './releases.ts';

const assetDocs = `${docs}/releases/assets`;

export const releaseAssetHandlers: Record<string, Handler> = {
  'repos/list-release-assets': (c) => {
    const release = c.state.release(Number(c.params.release_id));
    if (!release) return notFound(`${assetDocs}#list-release-assets`);
    return list(c, release.assets, (asset) => releaseAssetJson(c.render, asset, release));
  },

  'repos/get-release-asset': (c) => {
    const asset = c.state.releaseAsset(Number(c.params.asset_id));
    if (!asset) return notFound(`${assetDocs}#get-a-release-asset`);
    if (String(c.headers.accept ?? '').includes('application/octet-stream')) {
      // GitHub redirects to short-lived storage (or streams); the fake redirects to its own download path.
      if (asset.state !== 'uploaded') return notFound(`${assetDocs}#get-a-release-asset`);
      asset.downloadCount += 1;
      return { status: 302, headers: { location: c.assetDownloadUrl(asset.id) } };
    }
    return { status: 200, body: releaseAssetJson(c.render, asset, c.state.release(asset.releaseId)!) };
  },

  'repos/delete-release-asset': (c) => {
    const documentation = `${assetDocs}#delete-a-release-asset`;
    const asset = c.state.releaseAsset(Number(c.params.asset_id));
    if (!asset) return notFound(documentation);
    const release = c.state.release(asset.releaseId)!;
    if (release.immutable) return immutableAssets('delete', documentation);
    release.assets.splice(release.assets.indexOf(asset), 1);
    c.files.remove(asset.path);
    return { status: 204 };
  },
};
