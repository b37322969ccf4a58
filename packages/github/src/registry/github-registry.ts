import {
  InputError, type Manifest, type ModelState, type RegistryVersion, type ReleaseRecord,
  manifestSchema, modelCardLimit, nextVersionNumber, parseWith, releaseNotes, renderModelCard, shortDigest, versionTag,
} from '@modelgate/core';
import {
  type ModelPackage, type RecordedChange, type RegistryBackend, type StageChange, type VersionDraft,
  packArchive, parseJsonText, tamperedFile, tarArchiveBytes, unpackArchive, verifyPackageFiles,
} from '@modelgate/data';
import { type GitHubClient, type Logger, createGitHubClient } from '../client.ts';
import { streamingFetch } from '../streaming-fetch.ts';
import { ArchiveReader, partSizes } from './archive-reader.ts';
import { claimsOn, listModelReleases, publishedVersions, type ModelRelease } from './model-releases.ts';
import { apiCall, registryApiError, registryPermissions } from './permission-errors.ts';
import { defaultIdleMs, deleteAssetsNamed, downloadAsset, downloadText, listAssets, type RepositoryRef, uploadAsset } from './release-assets.ts';
import { createStageDeployment, inactivateReplaced, listStageEvents, readStageHolder } from './stage-deployments.ts';

/** A release asset may not reach 2 GiB; parts stay 1 MiB below it. */
export const defaultPartBytes = 2 ** 31 - 2 ** 20;

export interface GitHubRegistryOptions {
  owner: string;
  repo: string;
  token: string;
  apiUrl: string;
  serverUrl: string;
  /** The workflow run (GITHUB_RUN_ID) whose approvals are recorded; undefined outside Actions. */
  runId?: string | undefined;
  /** The commit a new version's tag points at (GITHUB_SHA in Actions); the default branch otherwise. */
  targetCommit?: string | undefined;
  /** MODELGATE_ASSET_PART_BYTES, MODELGATE_TRANSFER_IDLE_MS, MODELGATE_API_* and proxy variables. */
  env: Record<string, string | undefined>;
  log: Logger;
  userAgent?: string;
  clock?: () => Date;
}

export function createGitHubRegistry(options: GitHubRegistryOptions): GitHubRegistry {
  const positive = (name: string) => (Number(options.env[name]) > 0 ? Number(options.env[name]) : undefined);
  const retryBaseMs = positive('MODELGATE_API_RETRY_BASE_MS');
  const timeoutMs = positive('MODELGATE_API_TIMEOUT_MS');
  const client = createGitHubClient({
    token: options.token, baseUrl: options.apiUrl, log: options.log, env: options.env,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(retryBaseMs ? { retryBaseMs } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return new GitHubRegistry(client, options, {
    partBytes: Math.floor(positive('MODELGATE_ASSET_PART_BYTES') ?? defaultPartBytes),
    idleMs: positive('MODELGATE_TRANSFER_IDLE_MS') ?? defaultIdleMs,
  });
}

/**
 * The registry on GitHub alone. A version is a release tagged `model/NAME/vN` whose notes are the
 * model card plus a hidden record (see releaseNotes) and whose assets are the package as one tar
 * archive (in numbered parts above the 2 GiB asset limit), its manifest and its metrics file. It is
 * created as a draft, filled, then published, so repositories with immutable releases work. A stage
 * is a GitHub Environment; a stage change is a deployment of the version's tag to it.
 */
export class GitHubRegistry implements RegistryBackend {
  readonly location: string;
  readonly #repository: RepositoryRef;
  readonly #options: GitHubRegistryOptions;
  readonly #partBytes: number;
  readonly #idleMs: number;
  readonly #clock: () => Date;
  #releases: Promise<ModelRelease[]> | undefined;

  constructor(client: GitHubClient, options: GitHubRegistryOptions, transfer: { partBytes: number; idleMs: number }) {
    this.#repository = { client, owner: options.owner, repo: options.repo, transferFetch: streamingFetch(options.env) };
    this.#options = options;
    this.#partBytes = transfer.partBytes;
    this.#idleMs = transfer.idleMs;
    this.#clock = options.clock ?? (() => new Date());
    this.location = `${options.serverUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/${options.owner}/${options.repo}`;
  }

  /** Releases, listed once per process unless `fresh` (registration needs the current drafts). */
  #modelReleases(fresh = false): Promise<ModelRelease[]> {
    if (fresh || !this.#releases) {
      this.#releases = listModelReleases(this.#repository);
      this.#releases.catch(() => (this.#releases = undefined));
    }
    return this.#releases;
  }

  async #release(version: RegistryVersion): Promise<ModelRelease> {
    const found = publishedVersions(await this.#modelReleases(), version.name).find((release) => release.record.version.version === version.version);
    if (!found) throw new InputError(`${this.location}: ${version.name} v${version.version} has no published release ${versionTag(version.name, version.version)}`);
    return found;
  }

  async listModels(): Promise<ModelState[]> {
    const names = [...new Set((await this.#modelReleases()).filter((release) => !release.draft).map((release) => release.record.version.name))].sort();
    return Promise.all(names.map(async (name) => (await this.readModel(name))!));
  }

  async readModel(name: string): Promise<ModelState | null> {
    const versions = publishedVersions(await this.#modelReleases(), name).map((release) => release.record.version);
    if (versions.length === 0) return null;
    const events = (await listStageEvents(this.#repository, name)).map(({ deploymentId: _, ...event }) => event);
    return { name, versions, events };
  }

  async readVersion(name: string, version: number): Promise<RegistryVersion | null> {
    return publishedVersions(await this.#modelReleases(), name).find((release) => release.record.version.version === version)?.record.version ?? null;
  }

  readStageHolder(name: string, stage: string): Promise<number | null> {
    return readStageHolder(this.#repository, name, stage);
  }

  async versionUrl(version: RegistryVersion): Promise<string | undefined> {
    return (await this.#release(version)).htmlUrl;
  }

  async addVersion(pkg: ModelPackage, draft: VersionDraft): Promise<{ version: RegistryVersion; created: boolean }> {
    const { metricsDocument, ...fields } = draft;
    const releases = await this.#modelReleases(true);
    const existing = publishedVersions(releases, draft.name).find((release) => release.record.version.digest === draft.digest);
    if (existing) {
      await verifyPackageFiles(pkg);
      return { version: existing.record.version, created: false };
    }
    const totalBytes = tarArchiveBytes(pkg.files);
    const sizes = partSizes(totalBytes, this.#partBytes);
    const layout = (number: number): ReleaseRecord['archive'] => ({
      format: 'tar',
      bytes: totalBytes,
      parts: sizes.map((bytes, index) => ({ name: `${draft.name}-v${number}.tar${sizes.length > 1 ? `.${String(index + 1).padStart(3, '0')}` : ''}`, bytes })),
    });
    // A draft of the same bytes (a crashed or concurrent registration) is completed rather than copied.
    let release = releases.find((candidate) => candidate.draft && candidate.record.version.name === draft.name && candidate.record.version.digest === draft.digest);
    if (!release) release = await this.#claimNumber(releases, fields, pkg, layout);
    try {
      await this.#uploadAssets(release, pkg, metricsDocument);
      return { version: await this.#publish(release), created: true };
    } catch (error) {
      // Nothing half-written: a draft that could not be completed is removed (drafts are never versions).
      if (error instanceof InputError) await this.#deleteDraft(release.id).catch(() => {});
      throw error;
    }
  }

  /**
   * Create a draft for the next version number. Two registrations may pick the same number: the
   * claim of the lower release id wins, the other moves its draft to the next free number.
   */
  async #claimNumber(releases: ModelRelease[], fields: Omit<VersionDraft, 'metricsDocument'>, pkg: ModelPackage, layout: (number: number) => ReleaseRecord['archive']): Promise<ModelRelease> {
    const now = this.#clock().getTime();
    const claimed = (list: ModelRelease[]) =>
      list.filter((release) => release.record.version.name === fields.name && claimsOn(list, fields.name, release.record.version.version, now).length > 0).map((release) => release.record.version);
    let number = nextVersionNumber({ name: fields.name, versions: claimed(releases), events: [] });
    let draft: DraftRelease | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      const record: ReleaseRecord = { schema: 'modelgate.registry-release/v1', version: { ...fields, version: number }, archive: layout(number) };
      const body = releaseNotes(record, (maxLength) => renderModelCard(record.version, { manifest: pkg.manifest, maxLength: Math.min(maxLength, modelCardLimit) }));
      draft = await this.#writeDraft(draft?.id, fields.name, number, body);
      const fresh = await this.#modelReleases(true);
      if (claimsOn(fresh, fields.name, number, now)[0]?.id === draft.id) return { ...draft, draft: true, assets: [], record };
      number = Math.max(number + 1, nextVersionNumber({ name: fields.name, versions: claimed(fresh), events: [] }));
    }
    throw new InputError(`${this.location}: could not claim a version number for ${fields.name} after 20 attempts (too many concurrent registrations)`);
  }

  /** Create the draft release of version `number`, or move an existing draft to it. */
  async #writeDraft(id: number | undefined, name: string, number: number, body: string): Promise<DraftRelease> {
    const { client, owner, repo } = this.#repository;
    const tag = versionTag(name, number);
    const { data } = await apiCall(`${id === undefined ? 'creating' : 'renumbering'} the draft release ${tag}`, registryPermissions.writeReleases, (): Promise<{ data: { id: number; tag_name: string; html_url: string; upload_url: string; created_at: string } }> =>
      id === undefined
        ? client.request('POST /repos/{owner}/{repo}/releases', {
            owner, repo, tag_name: tag, name: `${name} v${number}`, body, draft: true, make_latest: 'false',
            ...(this.#options.targetCommit ? { target_commitish: this.#options.targetCommit } : {}),
          })
        : client.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: id, tag_name: tag, name: `${name} v${number}`, body }),
    );
    return { id: data.id, tag: data.tag_name, htmlUrl: data.html_url, uploadUrl: data.upload_url, createdAt: data.created_at };
  }

  async #uploadAssets(release: ModelRelease, pkg: ModelPackage, metricsDocument: unknown): Promise<void> {
    const present = new Map((await listAssets(this.#repository, release.id)).map((asset) => [asset.name, asset]));
    const upload = async (name: string, contentType: string, size: number, body: () => AsyncIterable<Uint8Array>) => {
      const found = present.get(name);
      // A part kept from an earlier attempt of the same draft is not sent again.
      if (found?.state === 'uploaded' && found.size === size) return;
      if (found) await deleteAssetsNamed(this.#repository, release.id, name);
      await uploadAsset(this.#repository, { release: { id: release.id, upload_url: release.uploadUrl }, name, contentType, size, body, idleMs: this.#idleMs, log: this.#options.log });
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

  async #publish(release: ModelRelease): Promise<RegistryVersion> {
    const { client, owner, repo } = this.#repository;
    await apiCall(`publishing release ${release.tag}`, registryPermissions.writeReleases, () =>
      // make_latest false: a model version must not become the repository's "Latest release".
      client.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: release.id, draft: false, make_latest: 'false' }),
    );
    this.#releases = undefined;
    return release.record.version;
  }

  async #deleteDraft(id: number): Promise<void> {
    const { client, owner, repo } = this.#repository;
    await client.request('DELETE /repos/{owner}/{repo}/releases/{release_id}', { owner, repo, release_id: id });
  }

  async changeStage(name: string, plan: (state: ModelState) => StageChange | null): Promise<RecordedChange | null> {
    const versions = publishedVersions(await this.#modelReleases(), name).map((release) => release.record.version);
    if (versions.length === 0) throw new InputError(`unknown model "${name}" in ${this.location}`);
    const before = await listStageEvents(this.#repository, name);
    const change = plan({ name, versions, events: before.map(({ deploymentId: _, ...event }) => event) });
    if (!change) return null;
    const release = await this.#release(change.version);
    const verb = change.action === 'rollback' ? 'rolled back to' : 'promoted';
    const deploymentId = await createStageDeployment(this.#repository, {
      name,
      stage: change.stage,
      tag: release.tag,
      payload: {
        modelgate: 'registry/v1', model: name, version: change.version.version, digest: change.version.digest, action: change.action,
        by: change.by, reason: change.reason, approved_by: change.approvedBy, source_run: change.sourceRun,
      },
      environmentUrl: release.htmlUrl,
      logUrl: change.sourceRun,
      description: `${name} v${change.version.version} (${shortDigest(change.version.digest)}) ${verb}${change.by ? ` by ${change.by}` : ''}`,
      log: this.#options.log,
    });
    await inactivateReplaced(this.#repository, name, change.stage);
    // The order, and so the previous version, is GitHub's: read it back rather than assume it.
    const after = await listStageEvents(this.#repository, name);
    return after.find((candidate) => candidate.deploymentId === deploymentId) ?? { ...after.at(-1)!, deploymentId };
  }

  async prepareStageChange(stage: string, options: { protectedStage: boolean; allowUnprotected: boolean }): Promise<{ approvedBy: string[] }> {
    const { client, owner, repo } = this.#repository;
    const runId = this.#options.runId;
    let approvedBy: string[] = [];
    if (runId) {
      const { data } = await apiCall('reading the workflow run\'s approvals', registryPermissions.readApprovals, () =>
        client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', { owner, repo, run_id: Number(runId) }),
      );
      approvedBy = [...new Set((data as { state: string; user: { login: string }; environments: { name?: string }[] }[])
        .filter((review) => review.state === 'approved' && review.environments.some((environment) => environment.name === stage))
        .map((review) => review.user.login))];
    }
    if (!options.protectedStage || options.allowUnprotected) return { approvedBy };
    const reviewers = await this.#requiredReviewers(stage);
    if (reviewers === 0) {
      throw new InputError(
        `stage "${stage}" is protected, but its GitHub Environment "${stage}" has no required reviewers, so nobody approves what reaches it ` +
          '(private repositories on the Free, Pro and Team plans cannot have them); add reviewers in Settings > Environments, ' +
          'or set allow-unprotected: true (CLI: --allow-unprotected) to promote without approval',
      );
    }
    if (runId && approvedBy.length === 0) {
      throw new InputError(
        `stage "${stage}" is protected and this workflow run was not approved for environment "${stage}": run this step in a job with ` +
          `\`environment: ${stage}\`, so its required reviewers approve it first (or set allow-unprotected: true)`,
      );
    }
    return { approvedBy };
  }

  /** How many required reviewers the stage's environment has (0 when it does not exist). */
  async #requiredReviewers(stage: string): Promise<number> {
    const { client, owner, repo } = this.#repository;
    let data: { protection_rules?: { type: string; reviewers?: unknown[] }[] };
    try {
      ({ data } = await client.request('GET /repos/{owner}/{repo}/environments/{environment_name}', { owner, repo, environment_name: stage }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return 0;
      throw registryApiError(error, `reading environment ${stage}`, registryPermissions.readEnvironments);
    }
    return (data.protection_rules ?? []).filter((rule) => rule.type === 'required_reviewers').reduce((sum, rule) => sum + (rule.reviewers?.length ?? 0), 0);
  }

  async readManifest(version: RegistryVersion): Promise<Manifest> {
    const release = await this.#release(version);
    const asset = release.assets.find((candidate) => candidate.name === 'manifest.json');
    const source = `${this.location} ${release.tag} manifest.json`;
    if (!asset) throw new InputError(`${source}: the release has no manifest.json asset`);
    return parseWith(manifestSchema, parseJsonText(await downloadText(this.#repository, asset, this.#idleMs), source), source);
  }

  async readMetricsDocument(version: RegistryVersion): Promise<unknown> {
    const release = await this.#release(version);
    const asset = release.assets.find((candidate) => candidate.name === 'metrics.json');
    return asset ? parseJsonText(await downloadText(this.#repository, asset, this.#idleMs), `${this.location} ${release.tag} metrics.json`) : null;
  }

  async pullFiles(version: RegistryVersion, manifest: Manifest, dir: string): Promise<void> {
    const release = await this.#release(version);
    const parts = release.record.archive.parts.map((part) => {
      const asset = release.assets.find((candidate) => candidate.name === part.name && candidate.state === 'uploaded');
      if (!asset) throw new InputError(`${this.location} ${release.tag}: the archive part ${part.name} is missing from the release assets`);
      if (asset.size !== part.bytes) throw new InputError(`${this.location} ${release.tag}: ${part.name} is ${asset.size} bytes, the version records ${part.bytes}`);
      return asset;
    });
    const repository = this.#repository;
    const idleMs = this.#idleMs;
    const joined = (async function* () {
      for (const part of parts) {
        let received = 0;
        for await (const chunk of downloadAsset(repository, part, idleMs)) {
          received += chunk.byteLength;
          yield chunk;
        }
        if (received !== part.size) throw new InputError(`${part.name}: received ${received} bytes of ${part.size}`);
      }
    })();
    await unpackArchive(joined, manifest.files, dir, `${this.location} ${release.tag} ${release.record.archive.parts[0]!.name}`);
  }
}

/** The fields of a release being written that the registry needs. */
type DraftRelease = Pick<ModelRelease, 'id' | 'tag' | 'htmlUrl' | 'uploadUrl' | 'createdAt'>;

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** The bytes of one part: where the reader is already, or (a retry, a skipped part) read again up to it. */
async function* seekThenTake(reader: ArchiveReader, from: number, length: number): AsyncIterable<Uint8Array> {
  if (reader.position !== from) await reader.seek(from);
  yield* reader.take(length);
}
