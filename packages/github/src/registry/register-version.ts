// Registering a version on GitHub: a draft release claims the next number, the package is uploaded
// into it, and publishing makes it a version. What makes it safe when runs overlap or GitHub fails
// halfway:
// - numbers: every tag of a live release counts as taken (readable record or not), and so does every
//   version a deployment mentions, so a deleted release's number is never given to other bytes;
// - two registrations picking one number: the lower release id keeps it, the other renumbers;
// - the same bytes twice at once: whoever sees an older release of the same digest drops its own
//   draft and waits for that one to be published, so one version results, created once;
// - creates are never retried blindly (a 5xx may hide a success): the draft is looked up by its record;
// - a failure, or an interrupted job, deletes the draft, and only while it is still a draft.
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError, type RegistryVersion, type ReleaseRecord, modelCardLimit, refuseCaseTwin, releaseNotes, renderModelCard, versionTag } from '@modelgate/core';
import { type ModelPackage, type VersionDraft, onInterrupt, packArchive, tamperedFile, tarArchiveBytes, verifyPackageFiles } from '@modelgate/data';
import { httpStatus, isUncertainOutcome } from '../api-errors.ts';
import type { Logger } from '../client.ts';
import { ArchiveReader, partSizes } from './archive-reader.ts';
import { type ModelRelease, type ReleaseJson, type UnreadableRelease, claimsOn, isAbandoned, isReadable, listModelReleases, publishedVersions, takenNumbers, toModelRelease } from './model-releases.ts';
import { apiCall, registryApiError, registryPermissions } from './permission-errors.ts';
import { deleteAssetsNamed, listAssets, type RepositoryRef, uploadAsset } from './release-assets.ts';
import { listStageEvents } from './stage-deployments.ts';

export interface RegistrationContext {
  repository: RepositoryRef;
  location: string;
  log: Logger;
  partBytes: number;
  idleMs: number;
  /** The commit a new tag points at when the package's own (clean) commit is unknown. */
  targetCommit: string | undefined;
  now(): number;
}

/** How long to wait for another registration of the same bytes to publish. */
const SAME_BYTES_WAIT_MS = 10 * 60_000;

type Claim = { release: ModelRelease } | { sameBytes: ModelRelease };

export async function registerVersion(context: RegistrationContext, pkg: ModelPackage, draft: VersionDraft): Promise<{ version: RegistryVersion; created: boolean }> {
  const { metricsDocument, ...fields } = draft;
  for (let round = 0; round < 5; round++) {
    const releases = await listModelReleases(context.repository);
    refuseCaseTwin(releases.map((release) => (isReadable(release) ? release.record.version.name : release.name)), fields.name);
    const published = publishedVersions(releases, fields.name).find((release) => release.record.version.digest === fields.digest);
    if (published) return sameBytesAgain(pkg, published);
    const sameDraft = releases.filter(isReadable).filter((release) => release.draft && release.record.version.name === fields.name && release.record.version.digest === fields.digest).sort((a, b) => a.id - b.id)[0];
    let release: ModelRelease;
    if (sameDraft && !isAbandoned(sameDraft, context.now())) {
      // Another registration of these bytes is under way: its version is ours.
      const outcome = await waitForPublication(context, sameDraft);
      if (outcome) return sameBytesAgain(pkg, outcome);
      continue;
    } else if (sameDraft) {
      release = sameDraft; // abandoned by a run that died: finish it
    } else {
      const claim = await claimNumber(context, releases, fields, pkg);
      if ('sameBytes' in claim) {
        const outcome = claim.sameBytes.draft ? await waitForPublication(context, claim.sameBytes) : claim.sameBytes;
        if (outcome) return sameBytesAgain(pkg, outcome);
        continue;
      }
      release = claim.release;
    }
    const done = onInterrupt(() => deleteIfDraft(context.repository, release.id));
    try {
      await uploadAssets(context, release, pkg, metricsDocument);
      return { version: await publish(context, release, fields, pkg), created: true };
    } catch (error) {
      // Nothing half-written: a draft that could not be completed is removed (drafts are never versions).
      await deleteIfDraft(context.repository, release.id).catch(() => {});
      throw error;
    } finally {
      done();
    }
  }
  throw new InputError(`${context.location}: another registration of these bytes kept starting and failing; try again`);
}

async function sameBytesAgain(pkg: ModelPackage, release: ModelRelease): Promise<{ version: RegistryVersion; created: boolean }> {
  // Nothing to store, but the package must really be these bytes.
  await verifyPackageFiles(pkg);
  return { version: release.record.version, created: false };
}

// On a case-insensitive file system the two names would pull into one directory, and their tags
// differ only in case: one model, one name.
/** Wait for a draft of the same bytes to be published; null when it disappeared (its run failed). */
async function waitForPublication(context: RegistrationContext, draft: ModelRelease): Promise<ModelRelease | null> {
  const deadline = context.now() + SAME_BYTES_WAIT_MS;
  context.log.info(`another registration of these bytes is under way (draft release ${draft.tag}); waiting for it to be published`);
  for (;;) {
    const json = await getRelease(context.repository, draft.id).catch((error: unknown) => {
      if (httpStatus(error) === 404) return null;
      throw registryApiError(error, `reading draft release ${draft.tag}`, registryPermissions.readReleases);
    });
    const parsed = json && toModelRelease(json);
    const current = parsed && isReadable(parsed) ? parsed : null;
    if (!current) return null;
    if (!current.draft) return current;
    if (context.now() > deadline) {
      throw new InputError(`${context.location}: the registration of these bytes in draft release ${draft.tag} has not finished in ${Math.round(SAME_BYTES_WAIT_MS / 60_000)} minutes; if its job died, delete that draft and run again`);
    }
    await sleep(2_000);
  }
}

/**
 * Create a draft for the next free number. Two registrations may pick the same number: the claim of
 * the lower release id wins and the other moves its draft to the next free number. A release of the
 * same bytes found meanwhile wins over ours: our draft goes.
 */
async function claimNumber(context: RegistrationContext, releases: (ModelRelease | UnreadableRelease)[], fields: Omit<VersionDraft, 'metricsDocument'>, pkg: ModelPackage): Promise<Claim> {
  const { name } = fields;
  const now = context.now();
  const deployed = await deployedVersions(context.repository, name);
  const next = (list: (ModelRelease | UnreadableRelease)[]) => nextFreeNumber(list, deployed, name, now);
  let number = next(releases);
  let draft: ModelRelease | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const record = recordFor(fields, pkg, number, context.partBytes);
    draft = await writeDraft(context, draft?.id, record, pkg);
    const fresh = await listModelReleases(context.repository);
    const sameBytes = fresh.filter(isReadable).find((release) => release.id !== draft!.id && release.record.version.name === name && release.record.version.digest === fields.digest && (!release.draft || release.id < draft!.id));
    if (sameBytes) {
      await deleteIfDraft(context.repository, draft.id);
      return { sameBytes };
    }
    if (claimsOn(fresh, name, number, now)[0]?.id === draft.id) return { release: draft };
    number = Math.max(number + 1, next(fresh));
  }
  await deleteIfDraft(context.repository, draft!.id).catch(() => {});
  throw new InputError(`${context.location}: could not claim a version number for ${name} after 20 attempts (too many concurrent registrations)`);
}

/** The number after every one taken: by a live release's tag (readable or not) or by a deployment. */
function nextFreeNumber(releases: readonly (ModelRelease | UnreadableRelease)[], deployed: readonly number[], name: string, now: number): number {
  return Math.max(...takenNumbers(releases, name, now), ...deployed, 0) + 1;
}

function recordFor(fields: Omit<VersionDraft, 'metricsDocument'>, pkg: ModelPackage, number: number, partBytes: number): ReleaseRecord {
  const bytes = tarArchiveBytes(pkg.files);
  const sizes = partSizes(bytes, partBytes);
  return {
    schema: 'modelgate.registry-release/v1',
    version: { ...fields, version: number },
    archive: {
      format: 'tar',
      bytes,
      parts: sizes.map((size, index) => ({ name: `${fields.name}-v${number}.tar${sizes.length > 1 ? `.${String(index + 1).padStart(3, '0')}` : ''}`, bytes: size })),
    },
  };
}

/** The commit the version's tag should point at: where it was trained, when that is a clean full SHA. */
function tagCommit(pkg: ModelPackage, fallback: string | undefined): string | undefined {
  const { commit, dirty } = pkg.manifest.lineage.git;
  return commit && /^[0-9a-f]{40}$/.test(commit) && dirty === false ? commit : fallback;
}

/**
 * Create the draft of `record` (or move an existing draft to its number). A create is not retried
 * blindly: after a 5xx or timeout the draft is looked up by its record (same digest and time).
 */
async function writeDraft(context: RegistrationContext, id: number | undefined, record: ReleaseRecord, pkg: ModelPackage): Promise<ModelRelease> {
  const { client, owner, repo } = context.repository;
  const { name, version } = record.version;
  const tag = versionTag(name, version);
  const body = releaseNotes(record, (maxLength) => renderModelCard(record.version, { manifest: pkg.manifest, maxLength: Math.min(maxLength, modelCardLimit) }));
  const fields = { owner, repo, tag_name: tag, name: `${name} v${version}`, body };
  const asRelease = (data: unknown) => ({ ...(toModelRelease(data as ReleaseJson) as ModelRelease), record });
  if (id !== undefined) {
    const { data } = await apiCall(`renumbering the draft release ${tag}`, registryPermissions.writeReleases, () => client.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', { ...fields, release_id: id }));
    return asRelease(data);
  }
  const target = tagCommit(pkg, context.targetCommit);
  const create = (commit: string | undefined) =>
    client.request('POST /repos/{owner}/{repo}/releases', { ...fields, draft: true, make_latest: 'false', ...(commit ? { target_commitish: commit } : {}), request: { retries: 0 } });
  try {
    return asRelease((await create(target)).data);
  } catch (error) {
    // A commit GitHub does not have (trained on a branch never pushed): tag the fallback instead.
    if (httpStatus(error) === 422 && target !== context.targetCommit && answerMentions(error, /target_commitish/i)) {
      return asRelease((await apiCall(`creating the draft release ${tag}`, registryPermissions.writeReleases, () => create(context.targetCommit))).data);
    }
    if (!isUncertainOutcome(error)) throw registryApiError(error, `creating the draft release ${tag}`, registryPermissions.writeReleases);
    context.log.warning(`creating the draft release ${tag} got no clear answer; looking for it before trying again`);
    const mine = (await listModelReleases(context.repository)).filter(isReadable).find((release) => release.draft && release.record.version.digest === record.version.digest && release.record.version.created_at === record.version.created_at && release.tag === tag);
    if (mine) return { ...mine, record };
    return asRelease((await apiCall(`creating the draft release ${tag}`, registryPermissions.writeReleases, () => create(target))).data);
  }
}

async function uploadAssets(context: RegistrationContext, release: ModelRelease, pkg: ModelPackage, metricsDocument: unknown): Promise<void> {
  const present = new Map((await listAssets(context.repository, release.id)).map((asset) => [asset.name, asset]));
  const upload = async (name: string, contentType: string, size: number, body: () => AsyncIterable<Uint8Array>) => {
    const found = present.get(name);
    // A part kept from an earlier attempt at this draft is not sent again.
    if (found?.state === 'uploaded' && found.size === size) return;
    if (found) await deleteAssetsNamed(context.repository, release.id, name);
    await uploadAsset(context.repository, { release: { id: release.id, upload_url: release.uploadUrl }, name, contentType, size, body, idleMs: context.idleMs, log: context.log });
  };
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  const manifest = json(pkg.manifest);
  await upload('manifest.json', 'application/json', manifest.length, () => single(manifest));
  if (metricsDocument !== null && metricsDocument !== undefined) {
    const metrics = json(metricsDocument);
    await upload('metrics.json', 'application/json', metrics.length, () => single(metrics));
  }
  // Every file is hashed on its way into the archive; the same files always give the same archive.
  const hashes = new Map<string, string>();
  const reader = new ArchiveReader(() => packArchive(pkg.files, new Date(release.record.version.created_at), hashes));
  try {
    let start = 0;
    for (const part of release.record.archive.parts) {
      const from = start;
      await upload(part.name, 'application/x-tar', part.bytes, () => seekThenTake(reader, from, part.bytes));
      start += part.bytes;
    }
    // Parts kept from an earlier attempt were not read: read the rest, so every file is hashed.
    await reader.seek(release.record.archive.bytes);
  } finally {
    await reader.close();
  }
  for (const file of pkg.files) {
    const sha256 = hashes.get(file.path);
    if (sha256 !== file.sha256) throw tamperedFile(`${pkg.shown}/${file.path}`, file.sha256, sha256 ?? '(not read)');
  }
}

/**
 * Publish the draft (never as the repository's "Latest release"). An answer that is lost does not
 * mean it failed: the release is read back. A number taken meanwhile (a tag published by someone
 * else) moves the draft to the next free one.
 */
async function publish(context: RegistrationContext, release: ModelRelease, fields: Omit<VersionDraft, 'metricsDocument'>, pkg: ModelPackage): Promise<RegistryVersion> {
  const { client, owner, repo } = context.repository;
  let current = release;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await client.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: current.id, draft: false, make_latest: 'false' });
      return current.record.version;
    } catch (error) {
      const state = await readRelease(context.repository, current.id);
      if (state && !state.draft) return current.record.version;
      if (httpStatus(error) !== 422 || !answerMentions(error, /already_exists|already been taken|tag_name/i)) {
        throw registryApiError(error, `publishing release ${current.tag}`, registryPermissions.writeReleases);
      }
      const releases = await listModelReleases(context.repository);
      const number = nextFreeNumber(releases, await deployedVersions(context.repository, fields.name), fields.name, context.now());
      current = await writeDraft(context, current.id, recordFor(fields, pkg, number, context.partBytes), pkg);
      context.log.warning(`${release.tag} was taken meanwhile: publishing as ${current.tag}`);
    }
  }
  throw new InputError(`${context.location}: could not publish ${fields.name}: every number tried was taken meanwhile`);
}

async function getRelease(repository: RepositoryRef, id: number): Promise<ReleaseJson> {
  const { client, owner, repo } = repository;
  return (await client.request('GET /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: id })).data as ReleaseJson;
}

/** The release's state, or null when it cannot be read (deleted, or GitHub failing). */
async function readRelease(repository: RepositoryRef, id: number): Promise<{ draft: boolean } | null> {
  return getRelease(repository, id).then((release) => ({ draft: release.draft }), () => null);
}

/** Whether GitHub's answer to a failed request (its validation errors) matches `pattern`. */
function answerMentions(error: unknown, pattern: RegExp): boolean {
  return pattern.test(JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? ''));
}

/** Delete a release only while it is a draft: a publish whose answer was lost made it a version. */
async function deleteIfDraft(repository: RepositoryRef, id: number): Promise<void> {
  const state = await readRelease(repository, id);
  if (!state?.draft) return;
  const { client, owner, repo } = repository;
  await client.request('DELETE /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: id });
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** The bytes of one part: where the reader is already, or (a retry, a skipped part) read again up to it. */
async function* seekThenTake(reader: ArchiveReader, from: number, length: number): AsyncIterable<Uint8Array> {
  if (reader.position !== from) await reader.seek(from);
  yield* reader.take(length);
}

/** Versions a deployment of the model mentions: a deleted release's number stays taken. */
async function deployedVersions(repository: RepositoryRef, name: string): Promise<number[]> {
  return (await listStageEvents(repository, name)).map((event) => event.version);
}
