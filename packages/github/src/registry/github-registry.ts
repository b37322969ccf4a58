import { InputError, type Manifest, type ModelState, type RegistryVersion, type StageEvent, errorMessage, manifestSchema, parseWith, shortDigest, stageHolder, versionTag } from '@modelgate/core';
import { type ModelPackage, type RecordedChange, type RegistryBackend, type StageChange, type VersionDraft, parseJsonText, stageEventOf, unpackArchive } from '@modelgate/data';
import { type GitHubClient, type Logger, createGitHubClient, positiveEnv } from '../client.ts';
import { streamingFetch } from '../streaming-fetch.ts';
import { type ModelRelease, type UnreadableRelease, isReadable, listModelReleases, missingVersion, publishedVersions, readVersionRelease, unreadableWarnings } from './model-releases.ts';
import { apiCall, registryApiError, registryPermissions } from './permission-errors.ts';
import { registerVersion } from './register-version.ts';
import { defaultIdleMs, downloadAsset, downloadText, type RepositoryRef } from './release-assets.ts';
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
  const client = createGitHubClient({
    token: options.token, baseUrl: options.apiUrl, log: options.log, env: options.env,
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  return new GitHubRegistry(client, options, {
    partBytes: Math.floor(positiveEnv(options.env, 'MODELGATE_ASSET_PART_BYTES') ?? defaultPartBytes),
    idleMs: positiveEnv(options.env, 'MODELGATE_TRANSFER_IDLE_MS') ?? defaultIdleMs,
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
  #releases: Promise<(ModelRelease | UnreadableRelease)[]> | undefined;
  /** Published releases by tag, read once: a command reads the same version's release several times. */
  readonly #published = new Map<string, ModelRelease>();
  readonly #warned = new Set<string>();

  constructor(client: GitHubClient, options: GitHubRegistryOptions, transfer: { partBytes: number; idleMs: number }) {
    this.#repository = { client, owner: options.owner, repo: options.repo, transferFetch: streamingFetch(options.env) };
    this.#options = options;
    this.#partBytes = transfer.partBytes;
    this.#idleMs = transfer.idleMs;
    this.#clock = options.clock ?? (() => new Date());
    this.location = `${options.serverUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/${options.owner}/${options.repo}`;
  }

  /** Releases, listed once per process (registration lists its own, fresh, each time). */
  async #modelReleases(name?: string): Promise<(ModelRelease | UnreadableRelease)[]> {
    if (!this.#releases) {
      this.#releases = listModelReleases(this.#repository);
      this.#releases.catch(() => (this.#releases = undefined));
    }
    const releases = await this.#releases;
    for (const warning of unreadableWarnings(releases, name)) {
      if (!this.#warned.has(warning)) this.#options.log.warning(warning);
      this.#warned.add(warning);
    }
    return releases;
  }

  /**
   * The published release of a version, or null: from the listing when this process has read it,
   * else one request for its tag. Kept once found (a published version does not change).
   */
  async #publishedRelease(name: string, version: number): Promise<ModelRelease | null> {
    const tag = versionTag(name, version);
    const known = this.#published.get(tag);
    if (known) return known;
    const listed = (await this.#releases?.catch(() => undefined))?.find((release) => !release.draft && release.tag === tag);
    const found = listed ?? (await readVersionRelease(this.#repository, name, version));
    if (!found || !isReadable(found) || found.draft) return null;
    this.#published.set(tag, found);
    return found;
  }

  async #release(version: RegistryVersion): Promise<ModelRelease> {
    const found = await this.#publishedRelease(version.name, version.version);
    if (!found) throw missingVersion(this.location, version.name, version.version);
    return found;
  }

  async #versions(name: string): Promise<RegistryVersion[]> {
    return publishedVersions(await this.#modelReleases(name), name).map((release) => release.record.version);
  }

  /** The model's stage changes in GitHub's order, without the deployment ids. */
  async #events(name: string): Promise<StageEvent[]> {
    return (await listStageEvents(this.#repository, name)).map(({ deploymentId: _, ...event }) => event);
  }

  async listModels(): Promise<ModelState[]> {
    const names = [...new Set((await this.#modelReleases()).filter(isReadable).filter((release) => !release.draft).map((release) => release.record.version.name))].sort();
    return Promise.all(names.map(async (name) => (await this.readModel(name))!));
  }

  async readModel(name: string): Promise<ModelState | null> {
    const versions = await this.#versions(name);
    if (versions.length === 0) return null;
    return { name, versions, events: await this.#events(name) };
  }

  /** At most one request: the release of the version's tag. */
  async readVersion(name: string, version: number): Promise<RegistryVersion | null> {
    return (await this.#publishedRelease(name, version))?.record.version ?? null;
  }

  readStageHolder(name: string, stage: string): Promise<{ version: number; digest: string } | null> {
    return readStageHolder(this.#repository, name, stage);
  }

  async versionUrl(version: RegistryVersion): Promise<string | undefined> {
    return (await this.#release(version)).htmlUrl;
  }

  async addVersion(pkg: ModelPackage, draft: VersionDraft): Promise<{ version: RegistryVersion; created: boolean }> {
    const registered = await registerVersion(
      {
        repository: this.#repository,
        location: this.location,
        log: this.#options.log,
        partBytes: this.#partBytes,
        idleMs: this.#idleMs,
        targetCommit: this.#options.targetCommit,
        now: () => this.#clock().getTime(),
      },
      pkg,
      draft,
    );
    this.#releases = undefined;
    return registered;
  }

  async changeStage(name: string, plan: (state: ModelState) => Promise<StageChange | null> | StageChange | null): Promise<RecordedChange | null> {
    const versions = await this.#versions(name);
    if (versions.length === 0) throw new InputError(`unknown model "${name}" in ${this.location}`);
    // Decided on the history as GitHub has it now; a change recorded between this read and the
    // deployment below is ordered before or after it by deployment id (see the README).
    const before = await this.#events(name);
    const change = await plan({ name, versions, events: before });
    if (!change) return null;
    const release = await this.#release(change.version);
    const verb = change.action === 'rollback' ? 'rolled back to' : 'promoted';
    const payload = {
      modelgate: 'registry/v1' as const, model: name, version: change.version.version, digest: change.version.digest, action: change.action,
      by: change.by, reason: change.reason, approved_by: change.approvedBy, source_run: change.sourceRun,
    };
    const deploymentId = await createStageDeployment(this.#repository, {
      name,
      stage: change.stage,
      tag: release.tag,
      payload,
      environmentUrl: release.htmlUrl,
      logUrl: change.sourceRun,
      description: `${name} v${change.version.version} (${shortDigest(change.version.digest)}) ${verb}${change.by ? ` by ${change.by}` : ''}`,
      log: this.#options.log,
    });
    // The change is recorded; tidying what the Environments page shows must not fail it.
    await inactivateReplaced(this.#repository, name, change.stage).catch((error: unknown) => this.#options.log.warning(`the deployments replaced on ${change.stage} are still shown as active: ${errorMessage(error)}`));
    // The order, and so the previous version, is GitHub's: read it back rather than assume it.
    const after = await listStageEvents(this.#repository, name);
    const recorded = after.find((candidate) => candidate.deploymentId === deploymentId);
    if (recorded) return recorded;
    // The listing lags behind the create: the event as created, its previous version as last seen.
    return { ...stageEventOf(change, stageHolder(before, change.stage), this.#clock()), deploymentId };
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
    if (!runId) {
      // GitHub does not gate deployments made through its API: the approval is the workflow run's.
      throw new InputError(
        `stage "${stage}" is protected and this is not a workflow run, so nobody approves the change: run it in a job with ` +
          `\`environment: ${stage}\` (actions/promote), or pass --allow-unprotected to change it on your own authority`,
      );
    }
    if (approvedBy.length === 0) {
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
