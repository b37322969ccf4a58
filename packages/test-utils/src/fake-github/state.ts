// The repository the fake GitHub serves: comments, check runs, statuses, files, workflow runs,
// artifacts, pull requests, issues, labels, workflows and their dispatches, releases, tags,
// deployments, environments and run approvals, with seed helpers for tests and readers for their
// assertions.
// Response objects start from GitHub's own examples in the REST description, so clients see every
// field a real response has; the fields the fake manages are overwritten.
import { createHash } from 'node:crypto';
import { workflowFileName, type FakeIssue, type FakeLabel, type FakeWorkflow, type FakeWorkflowDispatch, type WorkflowOptions } from './issue-state.ts';
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
export interface FakePullRequest {
  number: number; title: string; body: string | null; state: 'open' | 'closed'; headSha: string; headRef: string; baseSha: string; baseRef: string;
  headRepoFullName: string; user: FakeUser; labels: string[]; createdAt: string; updatedAt: string; closedAt: string | null;
}

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
  /** Issues proper, oldest first; pull requests are issues too on GitHub but live in `pullRequests`. */
  readonly issues: FakeIssue[] = [];
  /** The repository's labels; issues name them (matched without regard to case, as GitHub does). */
  readonly labels: FakeLabel[] = [];
  readonly workflows: FakeWorkflow[] = [];
  /** Accepted `workflow_dispatch` requests, oldest first. */
  readonly workflowDispatches: FakeWorkflowDispatch[] = [];
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

  /**
   * `n` comments on PR/issue `prNumber`, oldest first; `body` may number them: `(i) => ...`.
   * Comments need their issue: a number that is neither an issue nor a pull request yet becomes a
   * pull request (`addPullRequest` defaults).
   */
  addComments(n: number, options: { prNumber: number; body?: string | ((index: number) => string); user?: FakeUser | string }): FakeComment[] {
    const user = seedUser(options.user);
    if (!this.hasIssueNumber(options.prNumber)) this.addPullRequest({ number: options.prNumber });
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

  /** A pull request; its number must not be an issue's (they share one sequence, as on GitHub). */
  addPullRequest(pull: Partial<FakePullRequest> & { number: number }): FakePullRequest {
    if (this.issue(pull.number)) throw new Error(`#${pull.number} is an issue already: issues and pull requests share their numbers`);
    const now = this.now();
    const created: FakePullRequest = {
      title: `Pull request ${pull.number}`,
      body: null,
      state: 'open',
      headSha: fakeSha(`head-${pull.number}`),
      headRef: `feature-${pull.number}`,
      baseSha: fakeSha(`base-${pull.number}`),
      baseRef: this.repository.defaultBranch,
      headRepoFullName: this.fullName,
      user: defaultSeedUser,
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: pull.state === 'closed' ? now : null,
      ...pull,
    };
    created.labels = this.ensureLabels(created.labels);
    this.pullRequests.set(created.number, created);
    return created;
  }

  /**
   * An issue as a person (octocat unless `user`) opened it: e.g. one that copies a bot's marker.
   * Its labels are created when the repository lacks them; `state: 'closed'` closes it (as
   * `completed` unless `stateReason`). The number is the next free one unless given.
   */
  addIssue(fields: Partial<Omit<FakeIssue, 'user' | 'id'>> & { user?: FakeUser | string } = {}): FakeIssue {
    const number = fields.number ?? this.nextIssueNumber();
    if (this.hasIssueNumber(number)) throw new Error(`#${number} exists already: issues and pull requests share their numbers`);
    const now = this.now();
    const closed = fields.state === 'closed';
    const issue: FakeIssue = {
      title: `Issue ${number}`, body: null, state: 'open', labels: [], createdAt: now, updatedAt: now,
      ...fields,
      id: this.nextId(), number, user: seedUser(fields.user),
      stateReason: fields.stateReason ?? (closed ? 'completed' : null),
      closedAt: fields.closedAt ?? (closed ? now : null),
      closedBy: fields.closedBy ?? (closed ? seedUser(fields.user) : null),
    };
    issue.labels = this.ensureLabels(issue.labels);
    this.issues.push(issue);
    return issue;
  }

  /** A repository label (returns the existing one, whatever its case, when the name is taken). */
  addLabel(name: string, options: { color?: string; description?: string | null } = {}): FakeLabel {
    const existing = this.label(name);
    if (existing) return existing;
    const label: FakeLabel = { id: this.nextId(), name, color: options.color ?? 'ededed', description: options.description ?? null, default: false };
    this.labels.push(label);
    return label;
  }

  /**
   * A workflow file, `retrain.yml` (under .github/workflows/) or a full path; replaces one with the
   * same path. `dispatch` (default true): whether it has a `workflow_dispatch` trigger; `inputs`
   * its declared inputs, `required` those it requires.
   */
  addWorkflow(path: string, options: WorkflowOptions = {}): FakeWorkflow {
    const fullPath = path.includes('/') ? path.replace(/^\/+/, '') : `.github/workflows/${path}`;
    const required = options.required ?? [];
    const workflow: FakeWorkflow = {
      id: this.nextId(), name: options.name ?? fullPath, path: fullPath, dispatch: options.dispatch ?? true,
      inputs: [...new Set([...(options.inputs ?? []), ...required])], required, createdAt: this.now(),
    };
    const index = this.workflows.findIndex((candidate) => candidate.path === fullPath);
    if (index === -1) this.workflows.push(workflow);
    else this.workflows[index] = workflow;
    return workflow;
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
    const user = seedUser(approval.user);
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

  issue(number: number): FakeIssue | undefined {
    return this.issues.find((issue) => issue.number === number);
  }

  /** Whether `number` names an issue or a pull request (GitHub counts both as issues). */
  hasIssueNumber(number: number): boolean {
    return this.pullRequests.has(number) || this.issue(number) !== undefined;
  }

  /** A label by name, without regard to case, as GitHub matches label names. */
  label(name: string): FakeLabel | undefined {
    const wanted = name.toLowerCase();
    return this.labels.find((label) => label.name.toLowerCase() === wanted);
  }

  /** A workflow by its id (`'12345'`) or its file name (`retrain.yml`), as `workflow_id` names it. */
  workflow(idOrFileName: string): FakeWorkflow | undefined {
    return this.workflows.find((workflow) => String(workflow.id) === idOrFileName || workflowFileName(workflow.path) === idOrFileName);
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

  /** The number a new issue gets: one past the highest issue or pull request number. */
  nextIssueNumber(): number {
    return Math.max(0, ...this.pullRequests.keys(), ...this.issues.map((issue) => issue.number)) + 1;
  }

  /** The repository's spelling of each label name, creating the labels it lacks (as GitHub does for a writer). */
  ensureLabels(names: readonly string[]): string[] {
    return [...new Map(names.map((name) => {
      const label = this.addLabel(name);
      return [label.id, label.name] as const;
    })).values()];
  }

  createComment(issueNumber: number, body: string, user: FakeUser = this.tokenUser): FakeComment {
    const now = this.now();
    const comment = { id: this.nextId(), issueNumber, body, user, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }
}

function seedUser(user: FakeUser | string | undefined): FakeUser {
  return typeof user === 'string' ? { ...defaultSeedUser, login: user } : (user ?? defaultSeedUser);
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
