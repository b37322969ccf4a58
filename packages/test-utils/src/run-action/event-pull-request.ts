// The pull request a pull_request event names exists on GitHub: runAction seeds it on the fake (as
// the run's id is), so an action can comment on it, read it, or list it among the issues.
import type { WorkflowEvent } from '../events.ts';
import type { FakeGitHubState, FakeUser } from '../fake-github/state.ts';

// Webhook payloads are loosely typed JSON.
type Json = Record<string, any>;

export function seedEventPullRequest(state: FakeGitHubState, event: WorkflowEvent): void {
  const pull = event.payload.pull_request as Json | undefined;
  if (!pull || typeof pull.number !== 'number') return;
  // A seeded pull request or issue with that number wins; another repository's PR is not this fake's.
  if (state.hasIssueNumber(pull.number) || String(pull.base?.repo?.full_name ?? event.repository).toLowerCase() !== state.fullName.toLowerCase()) return;
  const user = pull.user as Json | undefined;
  state.addPullRequest({
    number: pull.number,
    ...(typeof pull.title === 'string' ? { title: pull.title } : {}),
    state: pull.state === 'closed' ? 'closed' : 'open',
    headSha: pull.head.sha, headRef: pull.head.ref, baseSha: pull.base.sha, baseRef: pull.base.ref,
    headRepoFullName: pull.head.repo?.full_name ?? state.fullName,
    ...(user ? { user: { login: String(user.login), id: Number(user.id), type: user.type === 'Bot' ? 'Bot' : 'User' } satisfies FakeUser } : {}),
  });
}
