// The repository the fake GitHub serves: comments, check runs, statuses, files, workflow runs,
// artifacts, pull requests, releases, tags, deployments, environments and run approvals, with seed
// helpers for tests and readers for their assertions.
// Response objects start from GitHub's own examples in the REST description, so clients see every
// field a real response has; the fields the fake manages are overwritten.
import { createHash } from 'node:crypto';
import type { EnvironmentOptions, FakeDeployment, FakeEnvironment, FakeRelease, FakeReleaseAsset, FakeRunApproval } from './registry-state.ts';

export interface FakeUser { login: string; id: number; type: 'User' | 'Bot' }

/** The user `GITHUB_TOKEN` writes as. */
export const actionsBot: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const defaultSeedUser: FakeUser = { login: 'octocat', id: 1, type: 'User' };

export interface FakeComment { id: number; issueNumber: number; body: string; user: FakeUser; createdAt: string; updatedAt: string }
export interface FakeCheckRun { id: number; name: string; headSha: string; status: string; conclusion: string | null; output: Record<string, unknown>; detailsUrl?: string; externalId?: string; startedAt: string | null; completedAt: string | null }
export interface FakeStatus { id: number; sha: string; state: string; context: string; description: string | null; targetUrl: string | null; createdAt: string }
export interface FakeWorkflowRun { id: number; name: string; path: string; headBranch: string; headSha: string; event: string; status: string; conclusion: string | null; runNumber: number; runAttempt: number; actor: string; createdAt: string; pullRequests: number[] }
export interface FakeArtifact { id: number; runId: number; name: string; zip: Uint8Array; expired: boolean; createdAt: string }
export interface FakePullRequest { number: number; title: string; state: 'open' | 'closed'; headSha: string; headRef: string; baseSha: string; baseRef: string; headRepoFullName: string; user: FakeUser }

export interface RepositoryIdentity { owner: string; repo: string; id: number; apiUrl: string; serverUrl: string; defaultBranch: string }

export interface RepositorySettings {
  /** The repository setting "Enable release immutability". */
  immutableReleases?: boolean;
  /** Whom the token acts as: creator of comments, deployments, releases... */
  tokenUser?: FakeUser;
}

/** The run id `runAction` gives an action unless told otherwise. */
export const defaultRunnerRunId = 1658821493;

export class FakeGitHubState {
  readonly comments: FakeComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly statuses: FakeStatus[] = [];
  readonly workflowRuns: FakeWorkflowRun[] = [];
  readonly artifacts: FakeArtifact[] = [];
  readonly pullRequests = new Map<number, FakePullRequest>();
  /** Newest last (ids grow). */
  readonly releases: FakeRelease[] = [];
  /** Git tags: name -> commit SHA. Publishing a release creates its tag; deleting the release keeps it. */
  readonly tags = new Map<string, string>();
  /** Branch heads: name -> commit SHA. The default branch exists from the start. */
  readonly branches = new Map<string, string>();
  /** Tags an immutable release used: never usable by another release, even after deletion. */
  readonly immutableTags = new Set<string>();
  /** The release GitHub shows as latest when one was chosen (`make_latest`); else the newest published. */
  latestReleaseId: number | undefined;
  readonly deployments: FakeDeployment[] = [];
  readonly environments = new Map<string, FakeEnvironment>();
  readonly runApprovals: FakeRunApproval[] = [];
  /** Runs that exist without being seeded: the ones actions run in (`runAction`'s run id). */
  readonly runnerRunIds = new Set<number>([defaultRunnerRunId]);
  /** `${ref}\0${path}` -> bytes */
  readonly #files = new Map<string, Uint8Array>();
  #nextId = 1_000_001;
  readonly #clock: () => Date;

  readonly repository: RepositoryIdentity;
  readonly immutableReleases: boolean;
  readonly tokenUser: FakeUser;

  constructor(repository: RepositoryIdentity, clock: () => Date = () => new Date(), settings: RepositorySettings = {}) {
    this.repository = repository;
    this.#clock = clock;
    this.immutableReleases = settings.immutableReleases ?? false;
    this.tokenUser = settings.tokenUser ?? actionsBot;
    this.branches.set(repository.defaultBranch, fakeSha(`branch-${repository.defaultBranch}`));
  }

  get fullName(): string {
    return `${this.repository.owner}/${this.repository.repo}`;
  }

  nextId(): number {
    return this.#nextId++;
  }

  now(): string {
    return this.#clock().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // ---- seed helpers -------------------------------------------------------------------------

  /** `n` comments on PR/issue `prNumber`, oldest first; `body` may number them: `(i) => ...`. */
  addComments(n: number, options: { prNumber: number; body?: string | ((index: number) => string); user?: FakeUser | string }): FakeComment[] {
    const user = typeof options.user === 'string' ? { ...defaultSeedUser, login: options.user } : (options.user ?? defaultSeedUser);
    const added: FakeComment[] = [];
    for (let index = 0; index < n; index++) {
      const body = typeof options.body === 'function' ? options.body(index) : (options.body ?? `comment ${index + 1}`);
      added.push(this.createComment(options.prNumber, body, user));
    }
    return added;
  }

  putFile(path: string, ref: string, content: string | Uint8Array): void {
    this.#files.set(fileKey(ref, path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  addWorkflowRun(run: Partial<FakeWorkflowRun> = {}): FakeWorkflowRun {
    const id = run.id ?? this.nextId();
    const created: FakeWorkflowRun = {
      id,
      name: 'CI',
      path: '.github/workflows/ci.yml',
      headBranch: this.repository.defaultBranch,
      headSha: fakeSha(`run-${id}`),
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      runNumber: this.workflowRuns.length + 1,
      runAttempt: 1,
      actor: defaultSeedUser.login,
      createdAt: this.now(),
      pullRequests: [],
      ...run,
    };
    this.workflowRuns.push(created);
    return created;
  }

  addArtifact(runId: number, name: string, zip: Uint8Array, options: { expired?: boolean } = {}): FakeArtifact {
    const artifact: FakeArtifact = { id: this.nextId(), runId, name, zip, expired: options.expired ?? false, createdAt: this.now() };
    this.artifacts.push(artifact);
    return artifact;
  }

  addPullRequest(pull: Partial<FakePullRequest> & { number: number }): FakePullRequest {
    const created: FakePullRequest = {
      title: `Pull request ${pull.number}`,
      state: 'open',
      headSha: fakeSha(`head-${pull.number}`),
      headRef: `feature-${pull.number}`,
      baseSha: fakeSha(`base-${pull.number}`),
      baseRef: this.repository.defaultBranch,
      headRepoFullName: this.fullName,
      user: defaultSeedUser,
      ...pull,
    };
    this.pullRequests.set(created.number, created);
    return created;
  }

  /** A branch head (or moves one), so releases and deployments can target it. */
  setBranch(name: string, sha: string = fakeSha(`branch-${name}`)): void {
    this.branches.set(name, sha);
  }

  /**
   * A release as if created through the API (by the token's user); a published one gets its tag at
   * `targetCommitish` (default branch head) and, with immutable releases on, is immutable.
   */
  addRelease(fields: Partial<Pick<FakeRelease, 'name' | 'body' | 'draft' | 'prerelease' | 'targetCommitish'>> & { tagName: string }): FakeRelease {
    const now = this.now();
    const draft = fields.draft ?? false;
    const release: FakeRelease = {
      id: this.nextId(), targetCommitish: this.repository.defaultBranch, name: null, body: null, prerelease: false, ...fields, draft,
      immutable: !draft && this.immutableReleases, makeLatest: 'true', author: this.tokenUser,
      createdAt: now, updatedAt: now, publishedAt: draft ? null : now, assets: [],
    };
    if (!draft) {
      if (!this.tags.has(release.tagName)) this.tags.set(release.tagName, this.resolveRef(release.targetCommitish) ?? fakeSha(`tag-${release.tagName}`));
      if (release.immutable) this.immutableTags.add(release.tagName);
    }
    this.releases.push(release);
    return release;
  }

  /** An environment with protection rules, as Settings > Environments makes it; replaces one of that name. */
  addEnvironment(name: string, options: EnvironmentOptions = {}): FakeEnvironment {
    const now = this.now();
    const environment: FakeEnvironment = {
      id: this.nextId(), name, reviewers: options.reviewers ?? [], preventSelfReview: options.preventSelfReview ?? false,
      waitTimer: options.waitTimer ?? 0, deploymentBranchPolicy: options.deploymentBranchPolicy ?? null,
      canAdminsBypass: options.canAdminsBypass ?? true,
      ruleIds: { waitTimer: this.nextId(), requiredReviewers: this.nextId(), branchPolicy: this.nextId() },
      createdAt: now, updatedAt: now,
    };
    this.environments.set(name, environment);
    return environment;
  }

  /** A review of a run's pending deployments; its environments are created when missing. */
  addRunApproval(runId: number, approval: { environments: string[]; state: 'approved' | 'rejected'; user?: FakeUser | string; comment?: string }): FakeRunApproval {
    for (const name of approval.environments) this.environment(name);
    const user = typeof approval.user === 'string' ? { ...defaultSeedUser, login: approval.user } : (approval.user ?? defaultSeedUser);
    const created: FakeRunApproval = { runId, environments: approval.environments, state: approval.state, user, comment: approval.comment ?? '' };
    this.runApprovals.push(created);
    return created;
  }

  // ---- readers ------------------------------------------------------------------------------

  release(id: number): FakeRelease | undefined {
    return this.releases.find((release) => release.id === id);
  }

  releaseAsset(id: number): FakeReleaseAsset | undefined {
    for (const release of this.releases) {
      const asset = release.assets.find((candidate) => candidate.id === id);
      if (asset) return asset;
    }
    return undefined;
  }

  /** Where an uploaded asset's bytes are on disk (removed when the fake closes); throws for an asset without bytes. */
  assetPath(assetId: number): string {
    const path = this.releaseAsset(assetId)?.path;
    if (path === undefined) throw new Error(`release asset ${assetId} does not exist or holds no bytes (a starter asset)`);
    return path;
  }

  deployment(id: number): FakeDeployment | undefined {
    return this.deployments.find((deployment) => deployment.id === id);
  }

  /** The named environment; deploying to an unknown one creates it without protection rules, as GitHub does. */
  environment(name: string): FakeEnvironment {
    return this.environments.get(name) ?? this.addEnvironment(name);
  }

  /** The commit a ref names: a 40-hex SHA, a tag, a branch (also as `refs/tags/X`, `refs/heads/X`). */
  resolveRef(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    if (ref.startsWith('refs/tags/')) return this.tags.get(ref.slice('refs/tags/'.length));
    if (ref.startsWith('refs/heads/')) return this.branches.get(ref.slice('refs/heads/'.length));
    return this.tags.get(ref) ?? this.branches.get(ref);
  }


  commentsOn(issueNumber: number): FakeComment[] {
    return this.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  comment(id: number): FakeComment | undefined {
    return this.comments.find((comment) => comment.id === id);
  }

  file(path: string, ref: string): Uint8Array | undefined {
    return this.#files.get(fileKey(ref, path));
  }

  /** Paths directly inside `directory` at `ref` (files and subdirectories). */
  directoryEntries(directory: string, ref: string): { name: string; path: string; type: 'file' | 'dir' }[] {
    const prefix = directory === '' ? '' : `${directory.replace(/\/$/, '')}/`;
    const entries = new Map<string, 'file' | 'dir'>();
    for (const key of this.#files.keys()) {
      const [fileRef, path] = key.split('\0') as [string, string];
      if (fileRef !== ref || !path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      entries.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'dir');
    }
    return [...entries].sort().map(([name, type]) => ({ name, path: `${prefix}${name}`, type }));
  }

  // ---- mutations used by the API handlers ----------------------------------------------------

  createComment(issueNumber: number, body: string, user: FakeUser = this.tokenUser): FakeComment {
    const now = this.now();
    const comment = { id: this.nextId(), issueNumber, body, user, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }
}

function fileKey(ref: string, path: string): string {
  return `${ref}\0${path.replace(/^\/+/, '')}`;
}

/** A stable 40-hex SHA for seeded objects. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** The blob SHA git (and the contents API) gives a file. */
export function gitBlobSha(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
