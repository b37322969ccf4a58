// JSON shapes of issues (pull requests too, as the issues endpoints show them), built on the
// example in GitHub's REST description like the other resources.
import type { FakeIssue } from './issue-state.ts';
import { nodeId, type ResourceRenderer } from './resources.ts';
import type { FakePullRequest } from './state.ts';

type Json = Record<string, unknown>;

/**
 * GitHub gives a pull request an issue id besides its pull request id; the fake's pull requests
 * use their number as pull request id, so their issue id is derived from it (stable, and far from
 * the ids `nextId` hands out).
 */
const pullRequestIssueIdBase = 2_000_000_000;

function issueShape(render: ResourceRenderer, fields: FakeIssue, htmlPath: string): Json {
  // The example is a pull request with a milestone, an assignee and a lock: the fake models none of those.
  const { pull_request: _pull, ...template } = render.template('issue');
  const url = `${render.apiBase}/issues/${fields.number}`;
  return {
    ...template,
    id: fields.id, node_id: nodeId('Issue', fields.id), url, repository_url: render.apiBase,
    labels_url: `${url}/labels{/name}`, comments_url: `${url}/comments`, events_url: `${url}/events`,
    html_url: `${render.htmlBase}/${htmlPath}/${fields.number}`, number: fields.number,
    state: fields.state, state_reason: fields.stateReason, title: fields.title, body: fields.body,
    user: render.user(fields.user), labels: fields.labels.map((name) => render.label(name)),
    assignee: null, assignees: [], milestone: null, locked: false, active_lock_reason: null, pinned_comment: null,
    comments: render.state.commentsOn(fields.number).length,
    created_at: fields.createdAt, updated_at: fields.updatedAt, closed_at: fields.closedAt,
    closed_by: fields.closedBy ? render.user(fields.closedBy) : null,
    author_association: fields.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

export function issueJson(render: ResourceRenderer, issue: FakeIssue): Json {
  return issueShape(render, issue, 'issues');
}

/** A pull request as the issues endpoints list it: an issue with a `pull_request` key. */
export function pullRequestIssueJson(render: ResourceRenderer, pull: FakePullRequest): Json {
  const html = `${render.htmlBase}/pull/${pull.number}`;
  return {
    ...issueShape(render, {
      ...pull, id: pullRequestIssueIdBase + pull.number, stateReason: null, closedBy: null,
    }, 'pull'),
    pull_request: { url: `${render.apiBase}/pulls/${pull.number}`, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null },
    draft: false,
  };
}
