// The repository itself and the account behind the token: what a client reads to learn the
// default branch, or to tell its own writings from a person's copy of them.
import { docs, type Handler } from '../handler-kit.ts';
import { repositoryJson } from '../repository-resources.ts';

export const repositoryHandlers: Record<string, Handler> = {
  'repos/get': (c) => ({ status: 200, body: repositoryJson(c.render) }),

  // An installation token (GITHUB_TOKEN, a GitHub App) acts as no user: GitHub answers 403
  // "Resource not accessible by integration". A person's token (tokenUser of type User) gets the
  // public profile.
  'users/get-authenticated': (c) => {
    const user = c.state.tokenUser;
    if (user.type === 'Bot') {
      return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: `${docs}/users/users#get-the-authenticated-user`, status: '403' } };
    }
    return {
      status: 200,
      body: {
        ...c.render.user(user), name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null,
        twitter_username: null, public_repos: 1, public_gists: 0, followers: 0, following: 0,
        created_at: '2011-01-25T18:44:36Z', updated_at: c.state.now(),
      },
    };
  },
};
