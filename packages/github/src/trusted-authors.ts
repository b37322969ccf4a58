import type { GitHubClient } from './client.ts';

interface Authored {
  user?: { login: string; type?: string } | null;
}

/**
 * The items (comments, issues) this token's own account wrote. A hidden marker can be pasted by
 * anyone; acting on a person's copy would let them plant a fake "Gate passed" or close our issue.
 * Bots (GITHUB_TOKEN's github-actions[bot], a GitHub App) are recognised by type; for a personal
 * token the login is asked once, and only when a marked item by a person exists.
 */
export async function writtenByThisToken<T extends Authored>(client: GitHubClient, items: readonly T[]): Promise<{ trusted: T[]; ignored: number }> {
  const byPeople = items.filter((item) => item.user?.type !== 'Bot');
  if (byPeople.length === 0) return { trusted: [...items], ignored: 0 };
  const self = await ownLogin(client);
  const trusted = items.filter((item) => item.user?.type === 'Bot' || (self !== undefined && item.user?.login === self));
  return { trusted, ignored: items.length - trusted.length };
}

// The login behind a personal token; installation tokens may not ask (403), and then only bots count.
async function ownLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}
