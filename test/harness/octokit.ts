// Octokit against the fake GitHub, as the harness tests drive it: the repository the fake serves by
// default and a client whose log stays quiet (octokit warns about answers the tests provoke).
import type { FakeGitHub } from '@modelgate/test-utils';
import { Octokit } from '@octokit/rest';

/** The fake's default repository, as octokit's `owner` and `repo` parameters. */
export const repo = { owner: 'Codertocat', repo: 'Hello-World' };

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A client of `github`'s API root sending the token `auth` (none when null). */
export function octokitFor(github: FakeGitHub, auth: string | null = 'ghs_test'): Octokit {
  return new Octokit({ baseUrl: github.url, ...(auth === null ? {} : { auth }), log: silent });
}
