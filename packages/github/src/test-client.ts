// Test helper for this package's nock tests (not exported): a client whose waits are scaled down.
import { createGitHubClient, type GitHubClient, type Logger } from './client.ts';

export const api = 'https://api.github.test';

export function testClient(overrides: Partial<Parameters<typeof createGitHubClient>[0]> = {}): { client: GitHubClient; warnings: string[] } {
  const warnings: string[] = [];
  const log: Logger = { info: () => {}, warning: (m) => warnings.push(m) };
  const client = createGitHubClient({ token: 't0ken', baseUrl: api, log, retryBaseMs: 1, ...overrides });
  return { client, warnings };
}
