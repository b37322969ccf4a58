// Issues: list with GitHub's filters (pull requests included, marked by `pull_request`), create
// (missing labels created), get and update (close with a reason, reopen). Issue and pull request
// numbers share one sequence; the issues endpoints answer for pull requests too, as on GitHub.
import { docs, list, notFound, validationFailed, type Handler, type HandlerContext, type HandlerResult } from '../handler-kit.ts';
import { issueJson, pullRequestIssueJson } from '../issue-resources.ts';
import type { FakeIssue, IssueStateReason } from '../issue-state.ts';
import type { FakePullRequest, FakeUser } from '../state.ts';

const issueDocs = `${docs}/issues/issues`;
/** GitHub's limit on an issue body, the same as a comment's. */
export const issueBodyLimit = 65_536;

type LabelInput = string | { name?: string };

interface IssueFields {
  title?: string | number | null;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: IssueStateReason | null;
  labels?: LabelInput[];
}

/** One row of the issues list: an issue, or a pull request shown as one. */
interface Listed {
  number: number;
  state: 'open' | 'closed';
  labels: string[];
  user: FakeUser;
  body: string | null;
  createdAt: string;
  updatedAt: string;
  json: () => unknown;
}

// The answers GitHub gives today for an issue body over the limit (both entries, as reported in 2024).
function bodyTooLong(documentation: string): HandlerResult {
  return validationFailed(documentation,
    { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long' },
    { resource: 'Issue', code: 'custom', field: 'body', message: `body is too long (maximum is ${issueBodyLimit} characters)` });
}

/** Why the fields cannot be written (a 422), or undefined. */
function invalidFields(b: IssueFields, documentation: string, creating: boolean): HandlerResult | undefined {
  if ((creating || (b.title !== undefined && b.title !== null)) && String(b.title ?? '').trim() === '') {
    return validationFailed(documentation, { resource: 'Issue', code: 'missing_field', field: 'title' });
  }
  if (typeof b.body === 'string' && b.body.length > issueBodyLimit) return bodyTooLong(documentation);
  return undefined;
}

function labelNames(labels: readonly LabelInput[]): string[] {
  return labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((name) => name.trim() !== '');
}

/** Every issue and pull request of the repository as list rows. */
function listed(c: HandlerContext): Listed[] {
  return [
    ...c.state.issues.map((issue) => ({ ...issue, json: () => issueJson(c.render, issue) })),
    ...[...c.state.pullRequests.values()].map((pull) => ({ ...pull, json: () => pullRequestIssueJson(c.render, pull) })),
  ];
}

/**
 * The list filters. The fake models no assignees, milestones, issue types or issue fields, so `none`
 * matches every issue and any other value (a login, a number, `*`) none.
 */
function matchesFilters(q: URLSearchParams, row: Listed): boolean {
  const state = q.get('state') ?? 'open';
  if (state !== 'all' && row.state !== state) return false;
  const wanted = (q.get('labels') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const carried = new Set(row.labels.map((name) => name.toLowerCase()));
  if (!wanted.every((name) => carried.has(name))) return false;
  const creator = q.get('creator');
  if (creator && row.user.login.toLowerCase() !== creator.toLowerCase()) return false;
  const since = q.get('since');
  if (since && Date.parse(row.updatedAt) < Date.parse(since)) return false;
  const mentioned = q.get('mentioned');
  if (mentioned && !(row.body ?? '').toLowerCase().includes(`@${mentioned.toLowerCase()}`)) return false;
  for (const unmodelled of ['assignee', 'milestone', 'type']) {
    const value = q.get(unmodelled);
    if (value !== null && value !== 'none') return false;
  }
  return !q.has('issue_field_values');
}

// `sort` created (default), updated or comments; `direction` desc by default. Equal keys keep number order.
function sortRows(c: HandlerContext, rows: Listed[]): Listed[] {
  const q = c.url.searchParams;
  const sort = q.get('sort') ?? 'created';
  const key = (row: Listed): number =>
    sort === 'comments' ? c.state.commentsOn(row.number).length : Date.parse(sort === 'updated' ? row.updatedAt : row.createdAt);
  const sign = (q.get('direction') ?? 'desc') === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}

/** Closing sets closed_at and the reason (`completed` unless told); reopening clears them and says `reopened`. */
function applyState(c: HandlerContext, target: FakeIssue | FakePullRequest, b: IssueFields): void {
  if (b.state === undefined || b.state === target.state) return; // state_reason is ignored unless the state changes
  const closing = b.state === 'closed';
  target.state = b.state;
  target.closedAt = closing ? c.state.now() : null;
  if ('stateReason' in target) {
    target.stateReason = closing ? (b.state_reason ?? 'completed') : 'reopened';
    target.closedBy = closing ? c.state.tokenUser : null;
  }
}

function findTarget(c: HandlerContext): { issue?: FakeIssue; pull?: FakePullRequest } {
  const number = Number(c.params.issue_number);
  return { issue: c.state.issue(number), pull: c.state.pullRequests.get(number) };
}

export const issueHandlers: Record<string, Handler> = {
  'issues/list-for-repo': (c) => {
    const rows = sortRows(c, listed(c).filter((row) => matchesFilters(c.url.searchParams, row)));
    return list(c, rows, (row) => row.json());
  },

  'issues/create': (c) => {
    const documentation = `${issueDocs}#create-an-issue`;
    const b = c.body as IssueFields;
    const invalid = invalidFields(b, documentation, true);
    if (invalid) return invalid;
    // Assignees, milestone and type are not modelled: GitHub drops them silently for tokens without push access too.
    const now = c.state.now();
    const issue: FakeIssue = {
      id: c.state.nextId(), number: c.state.nextIssueNumber(), title: String(b.title), body: b.body ?? null,
      state: 'open', stateReason: null, labels: c.state.ensureLabels(labelNames(b.labels ?? [])), user: c.state.tokenUser,
      createdAt: now, updatedAt: now, closedAt: null, closedBy: null,
    };
    c.state.issues.push(issue);
    return { status: 201, body: issueJson(c.render, issue), headers: { location: `${c.render.apiBase}/issues/${issue.number}` } };
  },

  'issues/get': (c) => {
    const { issue, pull } = findTarget(c);
    if (issue) return { status: 200, body: issueJson(c.render, issue) };
    if (pull) return { status: 200, body: pullRequestIssueJson(c.render, pull) };
    return notFound(`${issueDocs}#get-an-issue`);
  },

  'issues/update': (c) => {
    const documentation = `${issueDocs}#update-an-issue`;
    const { issue, pull } = findTarget(c);
    const target = issue ?? pull;
    if (!target) return notFound(documentation);
    const b = c.body as IssueFields;
    const invalid = invalidFields(b, documentation, false);
    if (invalid) return invalid;
    if (b.state === 'closed' && b.state_reason === 'reopened' && target.state === 'open') {
      return validationFailed(documentation, { resource: 'Issue', code: 'invalid', field: 'state_reason' });
    }
    if (b.title !== undefined && b.title !== null) target.title = String(b.title);
    if (b.body !== undefined) target.body = b.body;
    if (b.labels !== undefined) target.labels = c.state.ensureLabels(labelNames(b.labels));
    applyState(c, target, b);
    target.updatedAt = c.state.now();
    return { status: 200, body: issue ? issueJson(c.render, issue) : pullRequestIssueJson(c.render, pull!) };
  },
};
