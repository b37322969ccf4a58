// JSON shape of the repository (repos/get), built on the example in GitHub's REST description
// like the other resources.
import { nodeId, type ResourceRenderer } from './resources.ts';

type Json = Record<string, unknown>;

/** GitHub's full-repository for the fake's repository: not a fork, not a template, owned by a user. */
export function repositoryJson(render: ResourceRenderer): Json {
  const { repository } = render.state;
  const {
    parent: _parent, source: _source, organization: _organization, template_repository: _template,
    permissions: _permissions, security_and_analysis: _security, temp_clone_token: _clone, ...template
  } = render.template('full-repository-default-response');
  const api = render.apiBase;
  const html = render.htmlBase;
  const openIssues = render.state.issues.filter((issue) => issue.state === 'open').length
    + [...render.state.pullRequests.values()].filter((pull) => pull.state === 'open').length;
  // Every `*_url` of the example, rewritten from octocat/Hello-World to this repository.
  const urls = Object.fromEntries(Object.entries(template)
    .filter(([key, value]) => key.endsWith('_url') && typeof value === 'string')
    .map(([key, value]) => [key, (value as string)
      .replace('https://api.github.com/repos/octocat/Hello-World', api)
      .replace('https://github.com/octocat/Hello-World', html)
      .replace('git@github.com:octocat/Hello-World', `git@${new URL(repository.serverUrl).host}:${render.state.fullName}`)
      .replace('git:github.com/octocat/Hello-World', `git:${new URL(repository.serverUrl).host}/${render.state.fullName}`)]));
  return {
    ...template,
    ...urls,
    id: repository.id, node_id: nodeId('Repository', repository.id), name: repository.repo, full_name: render.state.fullName,
    owner: render.user({ login: repository.owner, id: 2, type: 'User' }), // as pull requests show the owner
    private: false, visibility: 'public', fork: false, is_template: false, archived: false, disabled: false,
    url: api, html_url: html, clone_url: `${html}.git`, svn_url: html, mirror_url: null, homepage: null,
    // `language` is required by the schema but missing from GitHub's example; an empty repository has none.
    language: null, default_branch: repository.defaultBranch, has_issues: true,
    open_issues: openIssues, open_issues_count: openIssues,
  };
}
