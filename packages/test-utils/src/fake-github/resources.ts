// JSON shapes of the fake's resources, built on the examples in GitHub's REST description.
import { actionsBot, fakeSha, gitBlobSha, type FakeArtifact, type FakeCheckRun, type FakeComment, type FakeGitHubState, type FakePullRequest, type FakeStatus, type FakeUser, type FakeWorkflowRun } from './state.ts';

type Json = Record<string, unknown>;

export class ResourceRenderer {
  readonly state: FakeGitHubState;
  readonly examples: Record<string, unknown>;

  constructor(state: FakeGitHubState, examples: Record<string, unknown>) {
    this.state = state;
    this.examples = examples;
  }

  /** The repository's API URL, `.../repos/{owner}/{repo}`. */
  get apiBase(): string {
    return `${this.state.repository.apiUrl}/repos/${this.state.fullName}`;
  }

  /** The repository's web URL. */
  get htmlBase(): string {
    return `${this.state.repository.serverUrl}/${this.state.fullName}`;
  }

  /** A copy of one of GitHub's example objects (route-table.ts names those kept). */
  template(name: string): Json {
    return structuredClone((this.examples[name] ?? {}) as Json);
  }

  /** GitHub's simple-user: every `*_url` it lists is required, so all are sent, as GitHub does. */
  user(user: FakeUser): Json {
    const url = `${this.state.repository.apiUrl}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login, id: user.id, node_id: nodeId('User', user.id), avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '', url, html_url: `${this.state.repository.serverUrl}/${user.login}`,
      followers_url: `${url}/followers`, following_url: `${url}/following{/other_user}`, gists_url: `${url}/gists{/gist_id}`,
      starred_url: `${url}/starred{/owner}{/repo}`, subscriptions_url: `${url}/subscriptions`, organizations_url: `${url}/orgs`,
      repos_url: `${url}/repos`, events_url: `${url}/events{/privacy}`, received_events_url: `${url}/received_events`,
      type: user.type, user_view_type: 'public', site_admin: false,
    };
  }

  /** A repository label by name (issues and pull requests carry labels by name). */
  label(name: string): Json {
    const label = this.state.label(name) ?? { id: 0, name, color: 'ededed', description: null, default: false };
    return {
      id: label.id, node_id: nodeId('Label', label.id), url: `${this.apiBase}/labels/${encodeURIComponent(label.name)}`,
      name: label.name, description: label.description, color: label.color, default: label.default,
    };
  }

  comment(comment: FakeComment): Json {
    return {
      ...this.template('issue-comment'),
      id: comment.id, node_id: nodeId('IssueComment', comment.id),
      url: `${this.apiBase}/issues/comments/${comment.id}`,
      // A pull request's conversation lives under /pull/, an issue's under /issues/.
      html_url: `${this.htmlBase}/${this.state.issue(comment.issueNumber) ? 'issues' : 'pull'}/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${this.apiBase}/issues/${comment.issueNumber}`,
      body: comment.body, user: this.user(comment.user),
      created_at: comment.createdAt, updated_at: comment.updatedAt,
      author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    };
  }

  checkRun(run: FakeCheckRun): Json {
    const template = this.template('check-run');
    return {
      ...template,
      id: run.id, node_id: nodeId('CheckRun', run.id), head_sha: run.headSha, name: run.name,
      external_id: run.externalId ?? '', details_url: run.detailsUrl ?? `${this.htmlBase}/runs/${run.id}`,
      url: `${this.apiBase}/check-runs/${run.id}`, html_url: `${this.htmlBase}/runs/${run.id}`,
      status: run.status, conclusion: run.conclusion, started_at: run.startedAt, completed_at: run.completedAt,
      output: {
        title: null, summary: null, text: null, annotations_count: 0,
        annotations_url: `${this.apiBase}/check-runs/${run.id}/annotations`,
        ...run.output,
      },
      pull_requests: [],
    };
  }

  status(status: FakeStatus): Json {
    return {
      ...this.template('status'),
      url: `${this.apiBase}/statuses/${status.sha}`, id: status.id, node_id: nodeId('StatusContext', status.id),
      state: status.state, description: status.description, target_url: status.targetUrl, context: status.context,
      created_at: status.createdAt, updated_at: status.createdAt, creator: this.user(actionsBot),
    };
  }

  workflowRun(run: FakeWorkflowRun): Json {
    const url = `${this.apiBase}/actions/runs/${run.id}`;
    return {
      ...this.template('workflow-run'),
      id: run.id, name: run.name, node_id: nodeId('WorkflowRun', run.id), path: run.path,
      head_branch: run.headBranch, head_sha: run.headSha, run_number: run.runNumber, run_attempt: run.runAttempt,
      event: run.event, display_title: run.name, status: run.status, conclusion: run.conclusion,
      url, html_url: `${this.htmlBase}/actions/runs/${run.id}`, artifacts_url: `${url}/artifacts`,
      pull_requests: run.pullRequests.map((number) => this.#pullRequestMinimal(number, run)),
      created_at: run.createdAt, updated_at: run.createdAt, run_started_at: run.createdAt,
      actor: this.user({ login: run.actor, id: 1, type: 'User' }), triggering_actor: this.user({ login: run.actor, id: 1, type: 'User' }),
    };
  }

  // GitHub's pull-request-minimal (id, number, url, head and base with ref, sha and repo), as a
  // workflow run lists its PRs. GitHub lists only PRs whose head is in this repository (fork PRs are
  // left out), so both repos are this one. A PR the test did not seed gets the run's head and the
  // base SHA `addPullRequest` would have given it.
  #pullRequestMinimal(number: number, run: FakeWorkflowRun): Json {
    const pull = this.state.pullRequests.get(number);
    const repo = { id: this.state.repository.id, url: this.apiBase, name: this.state.repository.repo };
    return {
      id: number, number, url: `${this.apiBase}/pulls/${number}`,
      head: { ref: pull?.headRef ?? run.headBranch, sha: pull?.headSha ?? run.headSha, repo },
      base: { ref: pull?.baseRef ?? this.state.repository.defaultBranch, sha: pull?.baseSha ?? fakeSha(`base-${number}`), repo },
    };
  }

  artifact(artifact: FakeArtifact): Json {
    const run = this.state.workflowRuns.find((candidate) => candidate.id === artifact.runId);
    const url = `${this.apiBase}/actions/artifacts/${artifact.id}`;
    return {
      ...this.template('artifact'),
      id: artifact.id, node_id: nodeId('Artifact', artifact.id), name: artifact.name, size_in_bytes: artifact.zip.byteLength,
      url, archive_download_url: `${url}/zip`, expired: artifact.expired,
      created_at: artifact.createdAt, updated_at: artifact.createdAt, expires_at: artifact.createdAt,
      digest: null,
      workflow_run: {
        id: artifact.runId, repository_id: this.state.repository.id, head_repository_id: this.state.repository.id,
        head_branch: run?.headBranch ?? this.state.repository.defaultBranch, head_sha: run?.headSha ?? '',
      },
    };
  }

  contentFile(path: string, ref: string, content: Uint8Array): Json {
    const sha = gitBlobSha(content);
    const url = `${this.apiBase}/contents/${path}?ref=${encodeURIComponent(ref)}`;
    // GitHub wraps base64 at 60 characters; above 1 MB it sends no content ("encoding": "none").
    const tooLarge = content.byteLength > 1024 * 1024;
    return {
      type: 'file', encoding: tooLarge ? 'none' : 'base64', size: content.byteLength, name: path.split('/').pop(), path,
      content: tooLarge ? '' : `${Buffer.from(content).toString('base64').replace(/.{60}/g, '$&\n')}\n`,
      sha, url, git_url: `${this.apiBase}/git/blobs/${sha}`, html_url: `${this.htmlBase}/blob/${ref}/${path}`,
      download_url: `${this.state.repository.serverUrl}/raw/${this.state.fullName}/${ref}/${path}`,
      _links: { self: url, git: `${this.apiBase}/git/blobs/${sha}`, html: `${this.htmlBase}/blob/${ref}/${path}` },
    };
  }

  directoryEntry(entry: { name: string; path: string; type: 'file' | 'dir' }, ref: string): Json {
    const url = `${this.apiBase}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
    const content = entry.type === 'file' ? this.state.file(entry.path, ref) : undefined;
    const sha = content ? gitBlobSha(content) : '0'.repeat(40);
    return {
      type: entry.type, size: content?.byteLength ?? 0, name: entry.name, path: entry.path, sha, url,
      git_url: `${this.apiBase}/git/${entry.type === 'file' ? 'blobs' : 'trees'}/${sha}`, html_url: `${this.htmlBase}/${entry.type === 'file' ? 'blob' : 'tree'}/${ref}/${entry.path}`,
      download_url: entry.type === 'file' ? `${this.state.repository.serverUrl}/raw/${this.state.fullName}/${ref}/${entry.path}` : null,
      _links: { self: url, git: `${this.apiBase}/git/blobs/${sha}`, html: `${this.htmlBase}/blob/${ref}/${entry.path}` },
    };
  }

  pullRequest(pull: FakePullRequest): Json {
    const template = this.template('pull-request');
    const side = (ref: string, sha: string, fullName: string): Json => {
      const [owner = '', name = ''] = fullName.split('/');
      const repoTemplate = ((template.base as Json | undefined)?.repo ?? {}) as Json;
      return {
        label: `${owner}:${ref}`, ref, sha, user: this.user({ login: owner, id: 2, type: 'User' }),
        repo: { ...repoTemplate, name, full_name: fullName, fork: fullName !== this.state.fullName, owner: this.user({ login: owner, id: 2, type: 'User' }) },
      };
    };
    return {
      ...template,
      id: pull.number, number: pull.number, node_id: nodeId('PullRequest', pull.number), title: pull.title, body: pull.body, state: pull.state,
      labels: pull.labels.map((name) => this.label(name)),
      created_at: pull.createdAt, updated_at: pull.updatedAt, closed_at: pull.closedAt, merged_at: null,
      url: `${this.apiBase}/pulls/${pull.number}`, html_url: `${this.htmlBase}/pull/${pull.number}`,
      issue_url: `${this.apiBase}/issues/${pull.number}`, comments_url: `${this.apiBase}/issues/${pull.number}/comments`,
      user: this.user(pull.user),
      // The fake models no review requests; GitHub's example team also lacks `type`, which the
      // description's team schema now requires, so the example's lists are not sent.
      requested_reviewers: [], requested_teams: [],
      head: side(pull.headRef, pull.headSha, pull.headRepoFullName),
      base: side(pull.baseRef, pull.baseSha, this.state.fullName),
    };
  }
}

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64');
}
