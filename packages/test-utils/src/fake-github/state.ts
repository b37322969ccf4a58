// The repository the fake GitHub serves: comments, check runs, statuses, files, workflow runs,
// artifacts and pull requests, with seed helpers for tests and readers for their assertions.
// Response objects start from GitHub's own examples in the REST description, so clients see every
// field a real response has; the fields the fake manages are overwritten.
import { createHash } from 'node:crypto';

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

export class FakeGitHubState {
  readonly comments: FakeComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly statuses: FakeStatus[] = [];
  readonly workflowRuns: FakeWorkflowRun[] = [];
  readonly artifacts: FakeArtifact[] = [];
  readonly pullRequests = new Map<number, FakePullRequest>();
  /** `${ref}\0${path}` -> bytes */
  readonly #files = new Map<string, Uint8Array>();
  #nextId = 1_000_001;
  readonly #clock: () => Date;

  readonly repository: RepositoryIdentity;

  constructor(repository: RepositoryIdentity, clock: () => Date = () => new Date()) {
    this.repository = repository;
    this.#clock = clock;
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

  // ---- readers ------------------------------------------------------------------------------

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

  createComment(issueNumber: number, body: string, user: FakeUser = actionsBot): FakeComment {
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
