import { InputError, parseWith } from '@modelgate/core';
import { readDocument } from '@modelgate/data';
import { z } from 'zod';

/** What the actions need to know about the workflow run, read from the runner's env and event file. */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  /** The commit the workflow runs on (for a PR: the merge commit, not the head). */
  sha: string;
  serverUrl: string;
  apiUrl: string;
  /** GitHub Enterprise Server: no Artifacts API v2, so baselines come from the contents API alone. */
  isEnterpriseServer: boolean;
  workspace: string;
  runUrl?: string;
  /**
   * `.github/workflows/FILE.yml` whose runs produce the metrics: this run's workflow
   * (GITHUB_WORKFLOW_REF), or for a workflow_run event the workflow that triggered it.
   */
  workflowPath?: string;
  pullRequest?: PullRequestInfo;
  /** The repository's default branch, when the event payload names it (push, schedule, workflow_dispatch, ...). */
  defaultBranch?: string;
  /** A push to a branch: its name, and whether it is the repository's default branch (from the event). */
  push?: { branch: string; isDefaultBranch: boolean };
  /** Set for workflow_run events: the triggering run, whose PR may have to be looked up. */
  triggeringRun?: { id: number; headSha: string; headBranch: string; headOwner: string; pullNumber?: number };
}

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The head lives in another repository: the token is read-only and secrets are absent. */
  isFork: boolean;
}

const repoRef = z.looseObject({ full_name: z.string() }).nullable().optional();
const pullRequestPayload = z.looseObject({
  number: z.number().int().positive(),
  head: z.looseObject({ sha: z.string(), ref: z.string().optional(), repo: repoRef }),
  base: z.looseObject({ sha: z.string(), ref: z.string(), repo: repoRef }),
});
const eventSchema = z.looseObject({
  pull_request: pullRequestPayload.optional(),
  repository: z.looseObject({ default_branch: z.string().optional() }).optional(),
  workflow_run: z
    .looseObject({
      id: z.number(),
      head_sha: z.string(),
      head_branch: z.string().nullable(),
      path: z.string().optional(),
      head_repository: z.looseObject({ owner: z.looseObject({ login: z.string() }) }).nullable().optional(),
      pull_requests: z.array(z.looseObject({ number: z.number().int().positive() })).default([]),
    })
    .optional(),
});

/** Read the run context; `env` is process.env on the runner. Missing essentials are InputErrors naming the variable. */
export async function readRunContext(env: Record<string, string | undefined>): Promise<RunContext> {
  const repository = required(env, 'GITHUB_REPOSITORY');
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new InputError(`GITHUB_REPOSITORY: expected OWNER/REPO, got "${repository}"`);
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const context: RunContext = {
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    // GHES serves its REST API under /api/v3; github.com and GHE.com data residency (api.*.ghe.com) do not.
    isEnterpriseServer: /\/api\/v3\/?$/.test(env.GITHUB_API_URL ?? ''),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
  if (env.GITHUB_RUN_ID) context.runUrl = `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}`;
  const workflowPath = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  if (workflowPath) context.workflowPath = workflowPath;

  if (env.GITHUB_EVENT_PATH) {
    const event = parseWith(eventSchema, await readDocument(env.GITHUB_EVENT_PATH, 'event payload'), `event payload ${env.GITHUB_EVENT_PATH}`);
    const pr = event.pull_request;
    if (pr) {
      context.pullRequest = {
        number: pr.number,
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        baseRef: pr.base.ref,
        isFork: Boolean(pr.head.repo && pr.base.repo && pr.head.repo.full_name !== pr.base.repo.full_name),
      };
    }
    if (event.repository?.default_branch) context.defaultBranch = event.repository.default_branch;
    const branch = /^refs\/heads\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
    if (context.eventName === 'push' && branch) context.push = { branch, isDefaultBranch: branch === context.defaultBranch };
    const run = event.workflow_run;
    if (run) {
      context.triggeringRun = { id: run.id, headSha: run.head_sha, headBranch: run.head_branch ?? '', headOwner: run.head_repository?.owner.login ?? owner };
      // The metrics (and the baseline artifact) come from the triggering workflow, not this one.
      const triggeringPath = run.path?.split('@')[0];
      if (triggeringPath?.startsWith('.github/workflows/')) context.workflowPath = triggeringPath;
      // Same-repository PRs are linked in the payload; fork PRs are not (see findPullRequest).
      const linked = run.pull_requests[0];
      if (linked) context.triggeringRun.pullNumber = linked.number;
    }
  }
  return context;
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new InputError(`${name} is not set: run inside GitHub Actions, or use the modelgate CLI locally`);
  return value;
}
