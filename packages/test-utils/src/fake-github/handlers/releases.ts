// Releases: drafts that own no tag yet, publishing (which creates the tag), one published release
// per tag, `make_latest`, and immutable releases (repository option `immutableReleases`).
import { docs, list, newestFirst, notFound, unprocessable, validationFailed, type Handler, type HandlerContext, type HandlerResult } from '../handler-kit.ts';
import type { FakeRelease } from '../registry-state.ts';
import { releaseJson } from '../registry-resources.ts';

const releaseDocs = `${docs}/releases/releases`;

interface ReleaseFields {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: 'true' | 'false' | 'legacy';
  generate_release_notes?: boolean;
  discussion_category_name?: string;
}

/**
 * Why `tag` cannot be published by `release` (a 422), or undefined. Drafts are never checked:
 * GitHub lets several drafts share a tag name, since a draft owns no tag until it is published.
 */
function tagConflict(c: HandlerContext, release: Pick<FakeRelease, 'id' | 'tagName' | 'targetCommitish'>, documentation: string): HandlerResult | undefined {
  const { state } = c;
  const tag = release.tagName;
  const holder = state.releases.find((other) => other.id !== release.id && !other.draft && other.tagName === tag);
  if (holder) return validationFailed(documentation, { resource: 'Release', code: 'already_exists', field: 'tag_name' });
  // The answer GitHub gives once an immutable release has used the name, even if it was deleted.
  if (state.immutableTags.has(tag)) {
    return validationFailed(documentation,
      { resource: 'Release', code: 'custom', field: 'tag_name', message: 'tag_name was used by an immutable release' },
      { resource: 'Release', code: 'custom', message: 'Published releases must have a valid tag' });
  }
  if (!state.tags.has(tag) && state.resolveRef(release.targetCommitish) === undefined) {
    return validationFailed(documentation, { resource: 'Release', code: 'invalid', field: 'target_commitish' });
  }
  return undefined;
}

/** Publishing creates the tag at `target_commitish` (an existing tag is left where it is). */
function publish(c: HandlerContext, release: FakeRelease, makeLatest: FakeRelease['makeLatest']): void {
  const { state } = c;
  if (!state.tags.has(release.tagName)) state.tags.set(release.tagName, state.resolveRef(release.targetCommitish)!);
  release.draft = false;
  release.publishedAt = state.now();
  if (state.immutableReleases) {
    release.immutable = true;
    state.immutableTags.add(release.tagName);
  }
  chooseLatest(c, release, makeLatest);
}

// Drafts and prereleases cannot be latest; `false` on the current latest lets GitHub fall back to
// the newest published release.
function chooseLatest(c: HandlerContext, release: FakeRelease, makeLatest: FakeRelease['makeLatest']): void {
  release.makeLatest = makeLatest;
  if (release.draft || release.prerelease) return;
  if (makeLatest === 'true') c.state.latestReleaseId = release.id;
  else if (c.state.latestReleaseId === release.id) c.state.latestReleaseId = undefined;
}

function latestRelease(c: HandlerContext): FakeRelease | undefined {
  const eligible = (release: FakeRelease) => !release.draft && !release.prerelease;
  const chosen = c.state.latestReleaseId === undefined ? undefined : c.state.release(c.state.latestReleaseId);
  if (chosen && eligible(chosen)) return chosen;
  return newestFirst(c.state.releases.filter((release) => eligible(release) && release.makeLatest !== 'false'))[0];
}

function found(c: HandlerContext, release: FakeRelease | undefined, documentation: string): HandlerResult {
  return release ? { status: 200, body: releaseJson(c.render, release) } : notFound(documentation);
}

export const releaseHandlers: Record<string, Handler> = {
  'repos/create-release': (c) => {
    const documentation = `${releaseDocs}#create-a-release`;
    const b = c.body as unknown as ReleaseFields & { tag_name: string };
    // The fake's repository has no discussion categories: any name is the documented 404.
    if (b.discussion_category_name !== undefined) return notFound(documentation);
    const now = c.state.now();
    const release: FakeRelease = {
      id: c.state.nextId(), tagName: b.tag_name, targetCommitish: b.target_commitish ?? c.state.repository.defaultBranch,
      name: b.name ?? (b.generate_release_notes ? b.tag_name : null),
      body: b.generate_release_notes ? `${b.body ? `${b.body}\n\n` : ''}**Full Changelog**: ${c.render.htmlBase}/commits/${b.tag_name}` : (b.body ?? null),
      draft: true, prerelease: b.prerelease ?? false, immutable: false, makeLatest: b.make_latest ?? 'true',
      author: c.state.tokenUser, createdAt: now, updatedAt: now, publishedAt: null, assets: [],
    };
    if (b.draft !== true) {
      const conflict = tagConflict(c, release, documentation);
      if (conflict) return conflict;
      publish(c, release, release.makeLatest);
    }
    c.state.releases.push(release);
    return { status: 201, body: releaseJson(c.render, release), headers: { location: `${c.render.apiBase}/releases/${release.id}` } };
  },

  'repos/list-releases': (c) => list(c, newestFirst(c.state.releases), (release) => releaseJson(c.render, release)),
  'repos/get-release': (c) => found(c, c.state.release(Number(c.params.release_id)), `${releaseDocs}#get-a-release`),
  // A draft has no tag yet, so only published releases are found by tag.
  'repos/get-release-by-tag': (c) =>
    found(c, c.state.releases.find((release) => !release.draft && release.tagName === c.params.tag), `${releaseDocs}#get-a-release-by-tag-name`),
  'repos/get-latest-release': (c) => found(c, latestRelease(c), `${releaseDocs}#get-the-latest-release`),

  'repos/update-release': (c) => {
    const documentation = `${releaseDocs}#update-a-release`;
    const release = c.state.release(Number(c.params.release_id));
    if (!release) return notFound(documentation);
    const b = c.body as ReleaseFields;
    if (release.immutable) {
      // Only the tag, its target and the draft state are locked; title, notes, prerelease and latest are not.
      const locked = [
        ['tag_name', b.tag_name !== undefined && b.tag_name !== release.tagName],
        ['target_commitish', b.target_commitish !== undefined && b.target_commitish !== release.targetCommitish],
        ['draft', b.draft === true],
      ].filter(([, changed]) => changed).map(([field]) => field as string);
      if (locked.length > 0) {
        return validationFailed(documentation, ...locked.map((field) => ({
          resource: 'Release', code: 'custom', field,
          message: field === 'draft' ? 'state cannot be changed when release is immutable' : `${field} cannot be changed when release is immutable`,
        })));
      }
    }
    if (b.discussion_category_name !== undefined) return notFound(documentation);
    const next = { id: release.id, tagName: b.tag_name ?? release.tagName, targetCommitish: b.target_commitish ?? release.targetCommitish };
    const publishing = release.draft && b.draft === false;
    const retagging = !release.draft && b.draft !== true && next.tagName !== release.tagName;
    if (publishing || retagging) {
      const conflict = tagConflict(c, next, documentation);
      if (conflict) return conflict;
    }
    release.tagName = next.tagName;
    release.targetCommitish = next.targetCommitish;
    if (b.name !== undefined) release.name = b.name;
    if (b.body !== undefined) release.body = b.body;
    if (b.prerelease !== undefined) release.prerelease = b.prerelease;
    release.updatedAt = c.state.now();
    if (publishing) {
      publish(c, release, b.make_latest ?? release.makeLatest); // as asked when the draft was created, `true` by default
    } else if (!release.draft && b.draft === true) {
      // Unpublishing keeps the tag in git, as deleting a release does.
      release.draft = true;
      release.publishedAt = null;
      if (c.state.latestReleaseId === release.id) c.state.latestReleaseId = undefined;
    } else {
      if (retagging && !c.state.tags.has(release.tagName)) c.state.tags.set(release.tagName, c.state.resolveRef(release.targetCommitish)!);
      if (b.make_latest !== undefined) chooseLatest(c, release, b.make_latest);
    }
    return { status: 200, body: releaseJson(c.render, release) };
  },

  'repos/delete-release': (c) => {
    const index = c.state.releases.findIndex((release) => release.id === Number(c.params.release_id));
    if (index === -1) return notFound(`${releaseDocs}#delete-a-release`);
    const [release] = c.state.releases.splice(index, 1);
    for (const asset of release!.assets) c.files.remove(asset.path);
    if (c.state.latestReleaseId === release!.id) c.state.latestReleaseId = undefined;
    // The tag stays; an immutable release's tag name stays reserved (state.immutableTags).
    return { status: 204 };
  },
};

/** The 422 GitHub answers for asset changes on an immutable release (plain message, no `errors`). */
export function immutableAssets(verb: 'upload' | 'delete', documentation: string): HandlerResult {
  return verb === 'upload'
    ? unprocessable('Cannot upload assets to an immutable release.', documentation)
    : validationFailed(documentation, { resource: 'ReleaseAsset', code: 'custom', message: 'Cannot delete asset from an immutable release' });
}
