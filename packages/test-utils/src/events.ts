// Workflow event payloads for runAction, built from GitHub's real webhook examples
// (@octokit/webhooks-examples) with the fields a test cares about set explicitly.
import { createRequire } from 'node:module';
import { fakeSha } from './fake-github/state.ts';

// Webhook payloads are deep, loosely typed JSON; tests edit them freely.
type Json = Record<string, any>;

/** What runAction needs to reproduce a runner's environment for one event. */
export interface WorkflowEvent {
  /** `GITHUB_EVENT_NAME` */
  name: string;
  /** Written to the file `GITHUB_EVENT_PATH` names. */
  payload: Json;
  /** `GITHUB_SHA` and `GITHUB_REF` as the runner sets them for this event. */
  sha: string;
  ref: string;
  /** `GITHUB_HEAD_REF` / `GITHUB_BASE_REF`: set on pull_request events only. */
  headRef?: string;
  baseRef?: string;
  /** `owner/name` of the repository the workflow runs in. */
  repository: string;
}

interface RepositoryOptions {
  /** `owner/name`; defaults to the fake GitHub's default, Codertocat/Hello-World. */
  repository?: string;
  defaultBranch?: string;
}

export interface PullRequestEventOptions extends RepositoryOptions {
  action?: 'opened' | 'synchronize';
  number?: number;
  headSha?: string;
  baseSha?: string;
  headRef?: string;
  baseRef?: string;
  /** `owner/name` of the head repository; differing from `repository` makes it a fork PR. */
  headRepository?: string;
  /** `GITHUB_SHA` of a PR run: the test merge commit. */
  mergeSha?: string;
}

const require = createRequire(import.meta.url);
let examples: { name: string; examples: Json[] }[] | undefined;

function example(event: string, pick: (payload: Json) => boolean = () => true): Json {
  examples ??= require('@octokit/webhooks-examples') as { name: string; examples: Json[] }[];
  const found = examples.find((definition) => definition.name === event)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event} example`);
  return structuredClone(found);
}

function setRepository(repository: Json, fullName: string, defaultBranch: string): void {
  const [owner = '', name = ''] = fullName.split('/');
  repository.full_name = fullName;
  repository.name = name;
  repository.default_branch = defaultBranch;
  if (repository.owner) repository.owner.login = owner;
  repository.html_url = `https://github.com/${fullName}`;
  repository.url = `https://api.github.com/repos/${fullName}`;
}

export function pullRequestEvent(options: PullRequestEventOptions = {}): WorkflowEvent {
  const action = options.action ?? 'opened';
  const payload = example('pull_request', (candidate) => candidate.action === action);
  const repository = options.repository ?? 'Codertocat/Hello-World';
  const defaultBranch = options.defaultBranch ?? 'main';
  const number = options.number ?? 2;
  const headSha = options.headSha ?? fakeSha(`pr-${number}-head`);
  const baseSha = options.baseSha ?? fakeSha(`pr-${number}-base`);
  const headRef = options.headRef ?? 'changes';
  const baseRef = options.baseRef ?? defaultBranch;
  const headRepository = options.headRepository ?? repository;
  const pull = payload.pull_request;

  payload.number = number;
  pull.number = number;
  pull.url = `https://api.github.com/repos/${repository}/pulls/${number}`;
  pull.html_url = `https://github.com/${repository}/pull/${number}`;
  setRepository(payload.repository, repository, defaultBranch);
  setRepository(pull.base.repo, repository, defaultBranch);
  Object.assign(pull.base, { ref: baseRef, sha: baseSha, label: `${repository.split('/')[0]}:${baseRef}` });
  pull.head.repo = structuredClone(pull.base.repo);
  setRepository(pull.head.repo, headRepository, defaultBranch);
  pull.head.repo.fork = headRepository !== repository;
  Object.assign(pull.head, { ref: headRef, sha: headSha, label: `${headRepository.split('/')[0]}:${headRef}` });
  if (pull.head.user) pull.head.user.login = headRepository.split('/')[0];
  if (action === 'synchronize') payload.after = headSha;

  return {
    name: 'pull_request', payload, repository,
    sha: options.mergeSha ?? fakeSha(`pr-${number}-merge-${headSha}`),
    ref: `refs/pull/${number}/merge`, headRef, baseRef,
  };
}

export function pushEvent(options: RepositoryOptions & { ref?: string; sha?: string; before?: string } = {}): WorkflowEvent {
  const payload = example('push', (candidate) => String(candidate.ref).startsWith('refs/heads/'));
  const repository = options.repository ?? 'Codertocat/Hello-World';
  const defaultBranch = options.defaultBranch ?? 'main';
  const ref = options.ref ?? `refs/heads/${defaultBranch}`;
  const sha = options.sha ?? fakeSha(`push-${ref}`);
  setRepository(payload.repository, repository, defaultBranch);
  Object.assign(payload, { ref, after: sha, before: options.before ?? fakeSha(`push-${ref}-before`) });
  if (payload.head_commit) payload.head_commit.id = sha;
  return { name: 'push', payload, sha, ref, repository };
}

export interface WorkflowRunEventOptions extends RepositoryOptions {
  action?: 'completed' | 'requested';
  runId?: number;
  conclusion?: 'success' | 'failure' | 'cancelled' | null;
  /** Event that started the triggering run (usually `pull_request`). */
  triggeringEvent?: string;
  headBranch?: string;
  headSha?: string;
  /** `owner/name` of the triggering run's head repository (a fork for fork PRs). */
  headRepository?: string;
  /** PR numbers the triggering run lists; GitHub leaves this empty for fork PRs. */
  pullRequests?: number[];
  /** `GITHUB_SHA`: the default branch's head, where a workflow_run workflow runs. */
  sha?: string;
}

export function workflowRunEvent(options: WorkflowRunEventOptions = {}): WorkflowEvent {
  const action = options.action ?? 'completed';
  const payload = example('workflow_run', (candidate) => candidate.action === action);
  const repository = options.repository ?? 'Codertocat/Hello-World';
  const defaultBranch = options.defaultBranch ?? 'main';
  const run = payload.workflow_run;
  const headRepository = options.headRepository ?? repository;
  setRepository(payload.repository, repository, defaultBranch);
  setRepository(run.repository, repository, defaultBranch);
  setRepository(run.head_repository, headRepository, defaultBranch);
  Object.assign(run, {
    id: options.runId ?? run.id,
    event: options.triggeringEvent ?? 'pull_request',
    head_branch: options.headBranch ?? 'changes',
    head_sha: options.headSha ?? fakeSha('workflow-run-head'),
    status: action === 'completed' ? 'completed' : 'queued',
    conclusion: action === 'completed' ? (options.conclusion === undefined ? 'success' : options.conclusion) : null,
  });
  // GitHub's minimal pull request shape: id, number, url, and head/base with ref, sha and repo.
  const repo = (fullName: string, id: number) => ({ id, url: `https://api.github.com/repos/${fullName}`, name: fullName.split('/')[1] ?? '' });
  run.pull_requests = (options.pullRequests ?? []).map((number) => ({
    url: `https://api.github.com/repos/${repository}/pulls/${number}`,
    id: 1_000_000 + number,
    number,
    head: { ref: run.head_branch, sha: run.head_sha, repo: repo(headRepository, run.head_repository?.id ?? 1) },
    base: { ref: defaultBranch, sha: fakeSha(`${defaultBranch}-head`), repo: repo(repository, run.repository?.id ?? 1) },
  }));
  return { name: 'workflow_run', payload, sha: options.sha ?? fakeSha(`${defaultBranch}-head`), ref: `refs/heads/${defaultBranch}`, repository };
}

/** The runner writes `{schedule: cron}` plus the repository for scheduled runs; no webhook example exists. */
export function scheduleEvent(options: RepositoryOptions & { cron?: string; sha?: string } = {}): WorkflowEvent {
  const repository = options.repository ?? 'Codertocat/Hello-World';
  const defaultBranch = options.defaultBranch ?? 'main';
  const payload: Json = { schedule: options.cron ?? '0 6 * * *', repository: example('push').repository };
  setRepository(payload.repository, repository, defaultBranch);
  return { name: 'schedule', payload, sha: options.sha ?? fakeSha(`${defaultBranch}-head`), ref: `refs/heads/${defaultBranch}`, repository };
}
