// The REST operations the fake implements, with GitHub's semantics. An operation that GitHub has
// but the fake lacks is answered 501 and recorded as a violation, so a test never passes by accident.
import { docs, list, newestFirst, notFound, validationFailed, type Handler, type HandlerContext, type HandlerResult } from './handler-kit.ts';
import type { FakeGitHubState } from './state.ts';
import { deploymentHandlers } from './handlers/deployments.ts';
import { environmentHandlers } from './handlers/environments.ts';
import { issueHandlers } from './handlers/issues.ts';
import { releaseAssetHandlers } from './handlers/release-assets.ts';
import { releaseHandlers } from './handlers/releases.ts';
import { repositoryHandlers } from './handlers/repository.ts';
import { workflowHandlers } from './handlers/workflows.ts';

export const commentBodyLimit = 65_536;

// GitHub's answer to an oversized comment body, as its API sends it today.
function bodyTooLong(documentation: string): HandlerResult {
  return validationFailed(documentation, { resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${commentBodyLimit} characters)` });
}

export const handlers: Record<string, Handler> = {
  // Comments belong to an issue or a pull request (GitHub counts both as issues): another number is 404.
  'issues/list-comments': (c) => {
    if (!c.state.hasIssueNumber(Number(c.params.issue_number))) return notFound(`${docs}/issues/comments#list-issue-comments`);
    const since = c.url.searchParams.get('since');
    const comments = c.state.commentsOn(Number(c.params.issue_number)).filter((comment) => !since || comment.updatedAt >= since);
    return list(c, comments, (comment) => c.render.comment(comment));
  },
  'issues/create-comment': (c) => {
    if (!c.state.hasIssueNumber(Number(c.params.issue_number))) return notFound(`${docs}/issues/comments#create-an-issue-comment`);
    const body = String(c.body.body);
    if (body.length > commentBodyLimit) return bodyTooLong(`${docs}/issues/comments#create-an-issue-comment`);
    const comment = c.state.createComment(Number(c.params.issue_number), body);
    return { status: 201, body: c.render.comment(comment), headers: { location: `${c.state.repository.apiUrl}/repos/${c.state.fullName}/issues/comments/${comment.id}` } };
  },
  'issues/get-comment': (c) => {
    const comment = c.state.comment(Number(c.params.comment_id));
    return comment ? { status: 200, body: c.render.comment(comment) } : notFound(`${docs}/issues/comments#get-an-issue-comment`);
  },
  'issues/update-comment': (c) => {
    const comment = c.state.comment(Number(c.params.comment_id));
    if (!comment) return notFound(`${docs}/issues/comments#update-an-issue-comment`);
    const body = String(c.body.body);
    if (body.length > commentBodyLimit) return bodyTooLong(`${docs}/issues/comments#update-an-issue-comment`);
    comment.body = body;
    comment.updatedAt = c.state.now();
    return { status: 200, body: c.render.comment(comment) };
  },
  'issues/delete-comment': (c) => {
    const index = c.state.comments.findIndex((comment) => comment.id === Number(c.params.comment_id));
    if (index === -1) return notFound(`${docs}/issues/comments#delete-an-issue-comment`);
    c.state.comments.splice(index, 1);
    return { status: 204 };
  },

  'checks/create': (c) => {
    const b = c.body as { name: string; head_sha: string; status?: string; conclusion?: string; output?: Record<string, unknown>; details_url?: string; external_id?: string; started_at?: string; completed_at?: string };
    // Giving a conclusion completes the run, whatever `status` says.
    const completed = b.conclusion !== undefined || b.status === 'completed';
    const run = {
      id: c.state.nextId(), name: b.name, headSha: b.head_sha, status: completed ? 'completed' : (b.status ?? 'queued'),
      conclusion: b.conclusion ?? null, output: b.output ?? {}, detailsUrl: b.details_url, externalId: b.external_id,
      startedAt: b.started_at ?? c.state.now(), completedAt: completed ? (b.completed_at ?? c.state.now()) : null,
    };
    c.state.checkRuns.push(run);
    return { status: 201, body: c.render.checkRun(run) };
  },
  'checks/update': (c) => {
    const run = c.state.checkRuns.find((candidate) => candidate.id === Number(c.params.check_run_id));
    if (!run) return notFound(`${docs}/checks/runs#update-a-check-run`);
    const b = c.body as { name?: string; status?: string; conclusion?: string; output?: Record<string, unknown>; completed_at?: string };
    if (b.name) run.name = b.name;
    if (b.status) run.status = b.status;
    if (b.conclusion) {
      run.conclusion = b.conclusion;
      run.status = 'completed';
    }
    if (run.status === 'completed') run.completedAt = b.completed_at ?? run.completedAt ?? c.state.now();
    if (b.output) run.output = { ...run.output, ...b.output };
    return { status: 200, body: c.render.checkRun(run) };
  },
  'checks/get': (c) => {
    const run = c.state.checkRuns.find((candidate) => candidate.id === Number(c.params.check_run_id));
    return run ? { status: 200, body: c.render.checkRun(run) } : notFound();
  },
  'checks/list-for-ref': (c) => {
    const name = c.url.searchParams.get('check_name');
    const runs = newestFirst(c.state.checkRuns.filter((run) => run.headSha === c.params.ref && (!name || run.name === name)));
    return list(c, runs, (run) => c.render.checkRun(run), 'check_runs');
  },

  'repos/create-commit-status': (c) => {
    const b = c.body as { state: string; context?: string; description?: string; target_url?: string };
    const status = {
      id: c.state.nextId(), sha: c.params.sha!, state: b.state, context: b.context ?? 'default',
      description: b.description ?? null, targetUrl: b.target_url ?? null, createdAt: c.state.now(),
    };
    c.state.statuses.push(status);
    return { status: 201, body: c.render.status(status) };
  },
  'repos/list-commit-statuses-for-ref': (c) => {
    const statuses = newestFirst(c.state.statuses.filter((status) => status.sha === c.params.ref));
    return list(c, statuses, (status) => c.render.status(status));
  },

  'repos/get-content': (c) => {
    const ref = c.url.searchParams.get('ref') ?? c.state.repository.defaultBranch;
    const path = c.params.path!.replace(/^\/+|\/+$/g, '');
    const content = c.state.file(path, ref);
    const accept = String(c.headers.accept ?? '');
    if (content) {
      if (accept.includes('.raw')) return { status: 200, raw: content, headers: { 'content-type': 'application/vnd.github.raw' } };
      return { status: 200, body: c.render.contentFile(path, ref, content) };
    }
    const entries = c.state.directoryEntries(path, ref);
    if (entries.length > 0) return { status: 200, body: entries.map((entry) => c.render.directoryEntry(entry, ref)) };
    return notFound(`${docs}/repos/contents#get-repository-content`);
  },

  'pulls/get': (c) => {
    const pull = c.state.pullRequests.get(Number(c.params.pull_number));
    return pull ? { status: 200, body: c.render.pullRequest(pull) } : notFound(`${docs}/pulls/pulls#get-a-pull-request`);
  },

  'actions/list-workflow-runs-for-repo': (c) => listRuns(c, () => true),
  'actions/list-workflow-runs': (c) => {
    const workflow = c.params.workflow_id!;
    return listRuns(c, (run) => run.path.endsWith(`/${workflow}`)); // by file name, e.g. `ci.yml`
  },
  'actions/get-workflow-run': (c) => {
    const run = c.state.workflowRuns.find((candidate) => candidate.id === Number(c.params.run_id));
    return run ? { status: 200, body: c.render.workflowRun(run) } : notFound();
  },
  'actions/list-workflow-run-artifacts': (c) => {
    const name = c.url.searchParams.get('name');
    const artifacts = newestFirst(c.state.artifacts.filter((artifact) => artifact.runId === Number(c.params.run_id) && (!name || artifact.name === name)));
    return list(c, artifacts, (artifact) => c.render.artifact(artifact), 'artifacts');
  },
  'actions/list-artifacts-for-repo': (c) => {
    const name = c.url.searchParams.get('name');
    const artifacts = newestFirst(c.state.artifacts.filter((artifact) => !name || artifact.name === name));
    return list(c, artifacts, (artifact) => c.render.artifact(artifact), 'artifacts');
  },
  'actions/get-artifact': (c) => {
    const artifact = c.state.artifacts.find((candidate) => candidate.id === Number(c.params.artifact_id));
    return artifact ? { status: 200, body: c.render.artifact(artifact) } : notFound();
  },
  'actions/download-artifact': (c) => {
    const artifact = c.state.artifacts.find((candidate) => candidate.id === Number(c.params.artifact_id));
    if (!artifact || c.params.archive_format !== 'zip') return notFound(`${docs}/actions/artifacts#download-an-artifact`);
    if (artifact.expired) return { status: 410, body: { message: 'Artifact has expired', documentation_url: `${docs}/actions/artifacts#download-an-artifact`, status: '410' } };
    return { status: 302, headers: { location: c.artifactBlobUrl(artifact.id) } };
  },

  'rate-limit/get': (c) => {
    const core = { limit: c.rate.limit, used: c.rate.used, remaining: Math.max(0, c.rate.limit - c.rate.used), reset: c.rate.reset, resource: 'core' };
    // GitHub always lists the search limit too (the description requires it): 30 a minute, unused here.
    const search = { limit: 30, used: 0, remaining: 30, reset: Math.floor(Date.parse(c.state.now()) / 1000) + 60, resource: 'search' };
    return { status: 200, body: { resources: { core, search }, rate: core } };
  },

  ...issueHandlers,
  ...workflowHandlers,
  ...repositoryHandlers,
  ...releaseHandlers,
  ...releaseAssetHandlers,
  ...deploymentHandlers,
  ...environmentHandlers,
};

function listRuns(c: HandlerContext, belongs: (run: FakeGitHubState['workflowRuns'][number]) => boolean): HandlerResult {
  const q = c.url.searchParams;
  const status = q.get('status');
  const runs = newestFirst(
    c.state.workflowRuns.filter(
      (run) =>
        belongs(run) &&
        (!q.get('branch') || run.headBranch === q.get('branch')) &&
        (!q.get('event') || run.event === q.get('event')) &&
        (!q.get('actor') || run.actor === q.get('actor')) &&
        (!q.get('head_sha') || run.headSha === q.get('head_sha')) &&
        // `status` filters by status (queued, completed, ...) or by conclusion (success, failure, ...).
        (!status || run.status === status || run.conclusion === status),
    ),
  );
  return list(c, runs, (run) => c.render.workflowRun(run), 'workflow_runs');
}
