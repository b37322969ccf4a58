import { type FakeGitHub, useFakeGitHub } from '@modelgate/test-utils';
import { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, it } from 'vitest';

const fake = useFakeGitHub();
let github: FakeGitHub;
beforeEach(() => {
  github = fake.github;
});

const commentsPath = '/repos/Codertocat/Hello-World/issues/7/comments';

describe('comment pagination over 250 comments', () => {
  beforeEach(() => {
    github.state.addComments(250, { prNumber: 7, body: (i) => `comment ${i + 1}` });
    github.state.addComments(3, { prNumber: 8 }); // another PR's comments never leak into PR 7's list
  });

  it('answers 30 per page by default, with next and last links only on the first page', async () => {
    const response = await fetch(`${github.url}${commentsPath}`);
    const body = (await response.json()) as { body: string }[];
    expect(body).toHaveLength(30);
    expect(body[0]!.body).toBe('comment 1');
    // ceil(250 / 30) = 9 pages; links use GitHub's /repositories/{id} form.
    const base = `${github.url}/repositories/186853002/issues/7/comments`;
    expect(response.headers.get('link')).toBe(`<${base}?page=2>; rel="next", <${base}?page=9>; rel="last"`);
  });

  it('gives prev, next, last and first on a middle page and keeps per_page in every link', async () => {
    const response = await fetch(`${github.url}${commentsPath}?per_page=100&page=2`);
    expect(((await response.json()) as unknown[]).length).toBe(100);
    const base = `${github.url}/repositories/186853002/issues/7/comments?per_page=100`;
    expect(response.headers.get('link')).toBe(
      `<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=3>; rel="last", <${base}&page=1>; rel="first"`,
    );
  });

  it('ends with 50 comments and only prev and first links on the last page', async () => {
    const response = await fetch(`${github.url}${commentsPath}?per_page=100&page=3`);
    const body = (await response.json()) as { body: string }[];
    expect(body.map((comment) => comment.body).at(-1)).toBe('comment 250');
    expect(body).toHaveLength(50);
    expect(response.headers.get('link')).not.toMatch(/rel="next"|rel="last"/);
    expect(response.headers.get('link')).toMatch(/rel="prev".*rel="first"/);
  });

  it('caps per_page at 100 as GitHub does', async () => {
    const body = (await (await fetch(`${github.url}${commentsPath}?per_page=250`)).json()) as unknown[];
    expect(body).toHaveLength(100);
  });

  it('lets octokit.paginate follow the links to all 250 comments in 3 requests', async () => {
    const octokit = new Octokit({ baseUrl: github.url, auth: 'token' });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'Codertocat', repo: 'Hello-World', issue_number: 7, per_page: 100 });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((comment) => comment.id)).size).toBe(250);
    expect(github.requests.map((request) => `${request.path}?${new URLSearchParams(request.query)}`)).toEqual([
      `${commentsPath}?per_page=100`,
      `${commentsPath}?per_page=100&page=2`,
      `${commentsPath}?per_page=100&page=3`,
    ]);
  });

  it('sends no link header when everything fits on one page', async () => {
    const response = await fetch(`${github.url}/repos/Codertocat/Hello-World/issues/8/comments`);
    expect(((await response.json()) as unknown[]).length).toBe(3);
    expect(response.headers.get('link')).toBeNull();
  });
});
