import { type ReleaseRecord, parseVersionTag, readReleaseMarker } from '@modelgate/core';
import { apiCall, registryPermissions } from './permission-errors.ts';
import type { ReleaseAsset, RepositoryRef } from './release-assets.ts';

/** A release that holds a registry version (or a draft of one being registered). */
export interface ModelRelease {
  id: number;
  tag: string;
  draft: boolean;
  htmlUrl: string;
  uploadUrl: string;
  createdAt: string;
  record: ReleaseRecord;
  assets: ReleaseAsset[];
}

/**
 * A draft older than this belongs to no running registration: hosted jobs end after 6 hours and
 * self-hosted ones rarely run for a day. Such drafts (a crashed run's) no longer claim their number.
 */
export const abandonedDraftMs = 24 * 60 * 60 * 1000;

interface ReleaseJson {
  id: number;
  tag_name: string;
  draft: boolean;
  html_url: string;
  upload_url: string;
  created_at: string;
  body?: string | null;
  assets: { id: number; name: string; size: number; state: string }[];
}

export function toModelRelease(release: ReleaseJson): ModelRelease | null {
  const tag = parseVersionTag(release.tag_name);
  const record = readReleaseMarker(release.body);
  // The tag and the marker must agree: a release edited by hand is not trusted as a version.
  if (!tag || !record || record.version.name !== tag.name || record.version.version !== tag.version) return null;
  return {
    id: release.id,
    tag: release.tag_name,
    draft: release.draft,
    htmlUrl: release.html_url,
    uploadUrl: release.upload_url,
    createdAt: release.created_at,
    record,
    assets: release.assets.map((asset) => ({ id: asset.id, name: asset.name, size: asset.size, state: asset.state })),
  };
}

/** Every release of the repository that is a registry version (drafts included), page by page. */
export async function listModelReleases(repository: RepositoryRef): Promise<ModelRelease[]> {
  const { client, owner, repo } = repository;
  const releases = await apiCall('listing releases', registryPermissions.readReleases, () =>
    client.paginate('GET /repos/{owner}/{repo}/releases', { owner, repo, per_page: 100 }),
  );
  return releases.map((release) => toModelRelease(release as ReleaseJson)).filter((release): release is ModelRelease => release !== null);
}

/** Published versions of one model, oldest first. */
export function publishedVersions(releases: readonly ModelRelease[], name: string): ModelRelease[] {
  return releases.filter((release) => !release.draft && release.record.version.name === name).sort((a, b) => a.record.version.version - b.record.version.version);
}

/** Releases that claim version `number` of `name` (published, or drafts still in progress), oldest claim first. */
export function claimsOn(releases: readonly ModelRelease[], name: string, number: number, now: number): ModelRelease[] {
  return releases
    .filter((release) => release.record.version.name === name && release.record.version.version === number && !isAbandoned(release, now))
    .sort((a, b) => a.id - b.id);
}

export function isAbandoned(release: ModelRelease, now: number): boolean {
  return release.draft && now - Date.parse(release.createdAt) > abandonedDraftMs;
}
