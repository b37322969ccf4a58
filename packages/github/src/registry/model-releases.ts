import { InputError, type ReleaseRecord, parseVersionTag, readReleaseMarker, versionTag } from '@modelgate/core';
import { httpStatus } from '../api-errors.ts';
import { apiCall, registryApiError, registryPermissions } from './permission-errors.ts';
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

/** A release whose tag names a model version but whose notes no longer carry its record (edited by hand). */
export interface UnreadableRelease {
  id: number;
  tag: string;
  name: string;
  version: number;
  draft: boolean;
}

/**
 * A draft older than this belongs to no running registration: hosted jobs end after 6 hours.
 * Such drafts (a crashed run's) no longer claim their number, and one of the same bytes is resumed.
 */
const abandonedDraftMs = 6 * 60 * 60 * 1000;

export interface ReleaseJson {
  id: number;
  tag_name: string;
  draft: boolean;
  html_url: string;
  upload_url: string;
  created_at: string;
  body?: string | null;
  assets: { id: number; name: string; size: number; state: string }[];
}

export function toModelRelease(release: ReleaseJson): ModelRelease | UnreadableRelease | null {
  const tag = parseVersionTag(release.tag_name);
  if (!tag) return null;
  const record = readReleaseMarker(release.body);
  // The tag and the record must agree: a release edited by hand is not trusted as a version, but it
  // still holds its number (the tag exists), so no other version may take it.
  if (!record || record.version.name !== tag.name || record.version.version !== tag.version) return { id: release.id, tag: release.tag_name, name: tag.name, version: tag.version, draft: release.draft };
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

export function isReadable(release: ModelRelease | UnreadableRelease): release is ModelRelease {
  return 'record' in release;
}

/** Every release of the repository whose tag names a model version (drafts included), page by page. */
export async function listModelReleases(repository: RepositoryRef): Promise<(ModelRelease | UnreadableRelease)[]> {
  const { client, owner, repo } = repository;
  const releases = await apiCall('listing releases', registryPermissions.readReleases, () =>
    client.paginate('GET /repos/{owner}/{repo}/releases', { owner, repo, per_page: 100 }),
  );
  return releases.map((release) => toModelRelease(release as ReleaseJson)).filter((release) => release !== null);
}

/** One published version by its tag: a single request, for pulls and promotions that name the version. */
export async function readVersionRelease(repository: RepositoryRef, name: string, version: number): Promise<ModelRelease | UnreadableRelease | null> {
  const { client, owner, repo } = repository;
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { owner, repo, tag: versionTag(name, version) });
    return toModelRelease(data as ReleaseJson);
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw registryApiError(error, `reading release ${versionTag(name, version)}`, registryPermissions.readReleases);
  }
}

/** Published versions of one model, oldest first. */
export function publishedVersions(releases: readonly (ModelRelease | UnreadableRelease)[], name: string): ModelRelease[] {
  return releases.filter(isReadable).filter((release) => !release.draft && release.record.version.name === name).sort((a, b) => a.record.version.version - b.record.version.version);
}

/** Releases that claim version `number` of `name` (published, or drafts still in progress), oldest claim first. */
export function claimsOn(releases: readonly (ModelRelease | UnreadableRelease)[], name: string, number: number, now: number): (ModelRelease | UnreadableRelease)[] {
  return releases.filter((release) => numberOf(release, name) === number && !isAbandoned(release, now)).sort((a, b) => a.id - b.id);
}

/** Numbers of `name` no new version may take: every tag (readable or not) of a live release. */
export function takenNumbers(releases: readonly (ModelRelease | UnreadableRelease)[], name: string, now: number): number[] {
  return releases.filter((release) => !isAbandoned(release, now)).map((release) => numberOf(release, name)).filter((number): number is number => number !== null);
}

function numberOf(release: ModelRelease | UnreadableRelease, name: string): number | null {
  if (isReadable(release)) return release.record.version.name === name ? release.record.version.version : null;
  return release.name === name ? release.version : null;
}

export function isAbandoned(release: ModelRelease | UnreadableRelease, now: number): boolean {
  return release.draft && isReadable(release) && now - Date.parse(release.createdAt) > abandonedDraftMs;
}

/** One warning per release whose notes lost their record: it is not a version, and says so. */
export function unreadableWarnings(releases: readonly (ModelRelease | UnreadableRelease)[], name?: string): string[] {
  return releases
    .filter((release): release is UnreadableRelease => !isReadable(release) && !release.draft && (name === undefined || release.name === name))
    .map((release) => `release ${release.tag} carries no readable registry record (its notes were edited by hand): it is not a version, and its number stays taken`);
}

/** A version that is not a published release, named with what there is. */
export function missingVersion(location: string, name: string, version: number): InputError {
  return new InputError(`${location}: ${name} v${version} has no published release ${versionTag(name, version)}`);
}
