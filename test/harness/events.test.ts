import { pullRequestEvent, pushEvent, scheduleEvent, workflowRunEvent } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';

describe('pullRequestEvent', () => {
  it('starts from the real opened payload and sets number, SHAs and refs', () => {
    const event = pullRequestEvent({ number: 17, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), headRef: 'feature', repository: 'acme/models' });
    expect(event).toMatchObject({ name: 'pull_request', ref: 'refs/pull/17/merge', headRef: 'feature', baseRef: 'main', repository: 'acme/models' });
    expect(event.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(event.sha).not.toBe('a'.repeat(40)); // GITHUB_SHA of a PR run is the test merge commit
    const { payload } = event;
    expect(payload.action).toBe('opened');
    expect(payload.number).toBe(17);
    expect(payload.pull_request).toMatchObject({
      number: 17,
      head: { sha: 'a'.repeat(40), ref: 'feature', repo: { full_name: 'acme/models', fork: false } },
      base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'acme/models' } },
    });
    expect(payload.repository).toMatchObject({ full_name: 'acme/models', name: 'models', owner: { login: 'acme' } });
    expect(payload.sender.login).toBeTypeOf('string'); // the rest of the real payload is kept
  });

  it('marks a PR from another repository as a fork', () => {
    const { payload } = pullRequestEvent({ headRepository: 'contributor/models', repository: 'acme/models' });
    expect(payload.pull_request.head.repo).toMatchObject({ full_name: 'contributor/models', fork: true, owner: { login: 'contributor' } });
    expect(payload.pull_request.base.repo).toMatchObject({ full_name: 'acme/models', owner: { login: 'acme' } });
  });

  it('uses the synchronize payload, whose "after" is the new head', () => {
    const { payload } = pullRequestEvent({ action: 'synchronize', headSha: 'c'.repeat(40) });
    expect(payload).toMatchObject({ action: 'synchronize', after: 'c'.repeat(40) });
  });

  it('returns independent copies', () => {
    pullRequestEvent().payload.pull_request.title = 'changed';
    expect(pullRequestEvent().payload.pull_request.title).not.toBe('changed');
  });
});

describe('other events', () => {
  it('pushEvent sets ref and after', () => {
    const event = pushEvent({ ref: 'refs/heads/release', sha: 'd'.repeat(40) });
    expect(event).toMatchObject({ name: 'push', ref: 'refs/heads/release', sha: 'd'.repeat(40) });
    expect(event.payload).toMatchObject({ ref: 'refs/heads/release', after: 'd'.repeat(40) });
  });

  it('workflowRunEvent describes a completed pull_request run with empty pull_requests for forks', () => {
    const event = workflowRunEvent({ runId: 99, headRepository: 'contributor/Hello-World', conclusion: 'success' });
    expect(event).toMatchObject({ name: 'workflow_run', ref: 'refs/heads/main' });
    expect(event.payload.workflow_run).toMatchObject({
      id: 99, event: 'pull_request', status: 'completed', conclusion: 'success', pull_requests: [],
      head_repository: { full_name: 'contributor/Hello-World' },
    });
  });

  it('scheduleEvent carries the cron expression', () => {
    const event = scheduleEvent({ cron: '*/15 * * * *' });
    expect(event).toMatchObject({ name: 'schedule', ref: 'refs/heads/main' });
    expect(event.payload).toMatchObject({ schedule: '*/15 * * * *', repository: { full_name: 'Codertocat/Hello-World' } });
  });
});
