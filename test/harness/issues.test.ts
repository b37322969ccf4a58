// Issues against the fake, through octokit as a sticky-issue client uses them: list by label page
// by page (pull requests included, marked by `pull_request`), create with new labels, update and
// close with a reason, comments on issues, and a create GitHub carries out but answers 502.
import { type FakeGitHub, issueBodyLimit, useFakeGitHub } from '@modelgate/test-utils';
import type { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { octokitFor, repo } from './octokit.ts';

// A clock the tests move, so created/updated order and `since` are observable.
let now = Date.parse('2026-03-01T09:00:00Z');
const tick = (minutes = 1) => {
  now += minutes * 60_000;
};
const fake = useFakeGitHub({ clock: () => new Date(now) });
let github: FakeGitHub;
let octokit: Octokit;
const marker = '<!-- modelgate:drift:churn -->';
type ListQuery = Omit<NonNullable<Parameters<Octokit['rest']['issues']['listForRepo']>[0]>, 'owner' | 'repo'>;
const numbers = async (query: ListQuery = {}) => (await octokit.rest.issues.listForRepo({ ...repo, ...query })).data.map((issue) => issue.number);

beforeEach(() => {
  github = fake.github;
  octokit = octokitFor(github);
});

describe('create', () => {
  it('opens an issue as the token user, numbered after the pull requests, creating missing labels', async () => {
    github.state.addPullRequest({ number: 3 });
    github.state.addLabel('Drift', { color: 'd73a4a', description: 'Data drift' });
    const { status, data, headers } = await octokit.rest.issues.create({ ...repo, title: 'Drift: churn', body: `${marker}\nreport`, labels: ['drift', 'model:churn'] });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      number: 4, state: 'open', state_reason: null, title: 'Drift: churn', body: `${marker}\nreport`, closed_at: null, comments: 0,
      user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: `${github.serverUrl}/Codertocat/Hello-World/issues/4`,
    });
    expect(data).not.toHaveProperty('pull_request');
    expect(headers.location).toBe(`${github.url}/repos/Codertocat/Hello-World/issues/4`);
    // The existing label keeps its spelling and colour (names match without regard to case); the new one gets GitHub's grey.
    expect(data.labels).toEqual([
      expect.objectContaining({ name: 'Drift', color: 'd73a4a', description: 'Data drift' }),
      expect.objectContaining({ name: 'model:churn', color: 'ededed', description: null, default: false }),
    ]);
    expect(github.state.labels.map((label) => label.name)).toEqual(['Drift', 'model:churn']);
    expect(github.state.issue(4)).toMatchObject({ title: 'Drift: churn', labels: ['Drift', 'model:churn'], user: { login: 'github-actions[bot]' } });
    // The next pull request seeded after it cannot take its number.
    expect(() => github.state.addPullRequest({ number: 4 })).toThrow(/is an issue already/);
  });

  it('refuses an empty title and an oversized body with 422, creating nothing', async () => {
    await expect(octokit.rest.issues.create({ ...repo, title: ' ' })).rejects.toMatchObject({
      status: 422, response: { data: { errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] } },
    });
    await expect(octokit.rest.issues.create({ ...repo, title: 'big', body: 'x'.repeat(issueBodyLimit + 1) })).rejects.toMatchObject({
      status: 422, response: { data: { errors: expect.arrayContaining([expect.objectContaining({ field: 'body', message: 'body is too long (maximum is 65536 characters)' })]) } },
    });
    expect((await octokit.rest.issues.create({ ...repo, title: 'max', body: 'x'.repeat(issueBodyLimit) })).status).toBe(201);
    expect(github.state.issues.map((issue) => issue.title)).toEqual(['max']);
  });

  it('create-then-502: the issue exists although the answer was 502, so a careful client finds it before creating again', async () => {
    github.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues', respond: 'create-then-502' });
    await expect(octokit.rest.issues.create({ ...repo, title: 'Drift: churn', body: marker, labels: ['drift'] })).rejects.toMatchObject({ status: 502 });
    const open = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: 'drift', per_page: 100 });
    expect(open.filter((issue) => issue.body?.startsWith(marker)).map((issue) => issue.number)).toEqual([1]);
    expect(github.state.issues).toHaveLength(1);
  });
});

describe('list', () => {
  it('keeps issues carrying every label asked for, open by default, newest first, pull requests included', async () => {
    github.state.addIssue({ title: 'drift only', labels: ['drift'] }); // #1
    tick();
    github.state.addIssue({ title: 'drift churn', labels: ['drift', 'model:churn'] }); // #2
    tick();
    github.state.addIssue({ title: 'closed drift churn', labels: ['drift', 'model:churn'], state: 'closed' }); // #3
    tick();
    github.state.addPullRequest({ number: 4, title: 'retrain churn', labels: ['drift', 'model:churn'] });
    tick();
    github.state.addIssue({ title: 'unlabelled' }); // #5

    const { data } = await octokit.rest.issues.listForRepo({ ...repo, labels: 'Drift, model:churn' });
    expect(data.map((issue) => [issue.number, Boolean(issue.pull_request)])).toEqual([[4, true], [2, false]]);
    expect(data[0]!.pull_request).toEqual({
      url: `${github.url}/repos/Codertocat/Hello-World/pulls/4`, html_url: `${github.serverUrl}/Codertocat/Hello-World/pull/4`,
      diff_url: `${github.serverUrl}/Codertocat/Hello-World/pull/4.diff`, patch_url: `${github.serverUrl}/Codertocat/Hello-World/pull/4.patch`, merged_at: null,
    });
    expect(await numbers({})).toEqual([5, 4, 2, 1]);
    expect(await numbers({ state: 'closed' })).toEqual([3]);
    expect(await numbers({ state: 'all', labels: 'model:churn', direction: 'asc' })).toEqual([2, 3, 4]);
    expect(await numbers({ labels: 'nope' })).toEqual([]);
    expect(await numbers({ creator: 'octocat', labels: 'drift' })).toEqual([4, 2, 1]);
    expect(await numbers({ creator: 'github-actions[bot]' })).toEqual([]);
    // Nothing has an assignee or a milestone in the fake.
    expect(await numbers({ assignee: 'none', labels: 'drift' })).toEqual([4, 2, 1]);
    expect(await numbers({ assignee: '*' })).toEqual([]);
  });

  it('sorts by updated and filters by since', async () => {
    const first = github.state.addIssue({ title: 'first' });
    tick();
    github.state.addIssue({ title: 'second' });
    tick(10);
    await octokit.rest.issues.update({ ...repo, issue_number: first.number, body: 'touched' });
    expect(await numbers({})).toEqual([2, 1]);
    expect(await numbers({ sort: 'updated' })).toEqual([1, 2]);
    expect(await numbers({ since: new Date(now - 5 * 60_000).toISOString() })).toEqual([1]);
  });

  it('pages 130 labelled issues 100 at a time with GitHub links, and octokit.paginate sees each once', async () => {
    for (let index = 0; index < 130; index++) github.state.addIssue({ labels: ['drift'], body: `${index}` });
    github.state.addIssue({ labels: ['other'] });
    const first = await octokit.rest.issues.listForRepo({ ...repo, labels: 'drift', per_page: 100 });
    expect(first.data).toHaveLength(100);
    const base = `${github.url}/repositories/186853002/issues?labels=drift&per_page=100`;
    expect(first.headers.link).toBe(`<${base}&page=2>; rel="next", <${base}&page=2>; rel="last"`);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: 'drift', per_page: 100 });
    expect(new Set(all.map((issue) => issue.number)).size).toBe(130);
    expect(all.at(-1)!.number).toBe(1);
  });

  it('shows a person\'s copy of a bot\'s marker with its author, who is no bot', async () => {
    github.state.addIssue({ title: 'Drift: churn', body: `${marker}\nfake`, labels: ['drift'], user: 'mallory' });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, labels: 'drift' });
    expect(data[0]!.user).toMatchObject({ login: 'mallory', type: 'User' });
    expect(data[0]!.author_association).toBe('MEMBER');
    // GITHUB_TOKEN cannot ask who it is (no user behind an installation token) ...
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403, response: { data: { message: 'Resource not accessible by integration' } } });
    // ... a person's token can.
    expect(github.violations).toEqual([]);
    const personal = await fake.restart({ tokenUser: { login: 'maintainer', id: 7, type: 'User' } });
    const asPerson = octokitFor(personal, 'ghp_test');
    expect((await asPerson.rest.users.getAuthenticated()).data).toMatchObject({ login: 'maintainer', type: 'User' });
  });
});

describe('get and update', () => {
  it('closes as not_planned, reopens as reopened, and ignores a reason when the state does not change', async () => {
    const issue = github.state.addIssue({ title: 'Drift: churn', labels: ['drift'] });
    const number = issue.number;
    tick();
    const closed = await octokit.rest.issues.update({ ...repo, issue_number: number, state: 'closed', state_reason: 'not_planned' });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: new Date(now).toISOString().replace('.000', ''), closed_by: { login: 'github-actions[bot]' } });
    expect(github.state.issue(number)).toMatchObject({ state: 'closed', stateReason: 'not_planned', closedAt: closed.data.closed_at });
    await octokit.rest.issues.update({ ...repo, issue_number: number, state: 'closed', state_reason: 'completed' });
    expect(github.state.issue(number)!.stateReason).toBe('not_planned');

    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: number, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null, closed_by: null });
    const completed = await octokit.rest.issues.update({ ...repo, issue_number: number, state: 'closed' });
    expect(completed.data.state_reason).toBe('completed');
  });

  it('rewrites title and body and replaces the labels', async () => {
    const { number } = github.state.addIssue({ title: 'old', body: 'old', labels: ['drift', 'stale'] });
    tick();
    const { data } = await octokit.rest.issues.update({ ...repo, issue_number: number, title: 'new', body: `${marker}\nnew`, labels: ['drift', 'fresh'] });
    expect(data).toMatchObject({ title: 'new', body: `${marker}\nnew`, labels: [{ name: 'drift' }, { name: 'fresh' }] });
    expect(data.updated_at).not.toBe(data.created_at);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: number })).data).toMatchObject({ title: 'new', state: 'open' });
    await expect(octokit.rest.issues.update({ ...repo, issue_number: number, body: 'x'.repeat(issueBodyLimit + 1) })).rejects.toMatchObject({ status: 422 });
    expect(github.state.issue(number)!.body).toBe(`${marker}\nnew`);
  });

  it('answers for a pull request through the issues endpoints, and 404 for a number that is neither', async () => {
    github.state.addPullRequest({ number: 9, title: 'feature' });
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 9 });
    expect(data).toMatchObject({ number: 9, title: 'feature', html_url: `${github.serverUrl}/Codertocat/Hello-World/pull/9`, pull_request: { url: `${github.url}/repos/Codertocat/Hello-World/pulls/9` } });
    await octokit.rest.issues.update({ ...repo, issue_number: 9, state: 'closed' });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 9 })).data).toMatchObject({ state: 'closed', closed_at: expect.any(String) });
    await expect(octokit.rest.issues.get({ ...repo, issue_number: 10 })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.issues.update({ ...repo, issue_number: 10, title: 'x' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('comments on issues', () => {
  it('comment on an issue (counted, linked under /issues/) and 404 on a number that is neither an issue nor a pull request', async () => {
    const { number } = github.state.addIssue({ title: 'Drift: churn' });
    const { data: comment } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: 'drift is gone' });
    expect(comment.html_url).toBe(`${github.serverUrl}/Codertocat/Hello-World/issues/${number}#issuecomment-${comment.id}`);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: number })).data.comments).toBe(1);
    await expect(octokit.rest.issues.createComment({ ...repo, issue_number: 99, body: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.issues.listComments({ ...repo, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
    expect(github.state.comments).toHaveLength(1);
  });
});

describe('GitHub Enterprise Server', () => {
  it('serves the same issue, dispatch and repository answers under /api/v3, valid for its description', async () => {
    const ghes = await fake.restart({ description: 'ghes-3.17' });
    ghes.state.addWorkflow('retrain.yml');
    ghes.state.addPullRequest({ number: 1, labels: ['drift'] });
    const client = octokitFor(ghes);
    const { data: created } = await client.rest.issues.create({ ...repo, title: 'Drift: churn', labels: ['drift'] });
    await client.rest.issues.update({ ...repo, issue_number: created.number, state: 'closed', state_reason: 'not_planned' });
    expect((await client.rest.issues.listForRepo({ ...repo, labels: 'drift', state: 'all' })).data.map((issue) => issue.number)).toEqual([2, 1]);
    expect((await client.rest.repos.get(repo)).data.default_branch).toBe('main');
    expect((await client.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'retrain.yml', ref: 'main' })).status).toBe(204);
    expect(ghes.violations).toEqual([]);
  });
});
