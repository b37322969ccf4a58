// GITHUB_TOKEN permissions: which `permissions:` scope GitHub checks for each operation the fake
// implements. A GET needs the scope at `read` (or `write`), any other method at `write`; lacking it
// GitHub answers 403 "Resource not accessible by integration". Scopes a workflow does not list are
// `none` once it lists any, as on GitHub. Sources: each endpoint's "Fine-grained access tokens"
// section on docs.github.com (GitHub App installation permissions, which GITHUB_TOKEN has).

export type TokenScope = 'contents' | 'deployments' | 'actions' | 'pull-requests' | 'checks' | 'statuses' | 'issues';
export type ScopeAccess = 'read' | 'write' | 'none';
export type TokenPermissions = Partial<Record<TokenScope, ScopeAccess>>;

/** Each row: operations, and the scopes any one of which lets the token through ([] = none needed). */
export const permissionTable: readonly { scopes: readonly TokenScope[]; operations: readonly string[] }[] = [
  // contents: releases, release assets (uploads on the upload host too) and repository files.
  {
    scopes: ['contents'],
    operations: [
      'repos/create-release', 'repos/list-releases', 'repos/get-release', 'repos/get-release-by-tag', 'repos/get-latest-release',
      'repos/update-release', 'repos/delete-release', 'repos/upload-release-asset', 'repos/list-release-assets',
      'repos/get-release-asset', 'repos/delete-release-asset', 'repos/get-content',
    ],
  },
  // deployments: deployments and their statuses.
  {
    scopes: ['deployments'],
    operations: [
      'repos/create-deployment', 'repos/list-deployments', 'repos/get-deployment', 'repos/delete-deployment',
      'repos/create-deployment-status', 'repos/list-deployment-statuses', 'repos/get-deployment-status',
    ],
  },
  // actions: workflow runs, artifacts, a run's approvals, and reading environments ("Actions"
  // repository permission (read) on List environments / Get an environment).
  {
    scopes: ['actions'],
    operations: [
      'actions/list-workflow-runs-for-repo', 'actions/list-workflow-runs', 'actions/get-workflow-run',
      'actions/list-workflow-run-artifacts', 'actions/list-artifacts-for-repo', 'actions/get-artifact', 'actions/download-artifact',
      'actions/get-reviews-for-run', 'repos/get-environment', 'repos/get-all-environments',
    ],
  },
  // actions (write): starting a workflow ("Actions" repository permission (write) on Create a
  // workflow dispatch event).
  { scopes: ['actions'], operations: ['actions/create-workflow-dispatch'] },
  // issues: issues themselves ("Issues" on Create an issue / List repository issues), and a pull
  // request read or edited through the issues endpoints too: the table cannot tell numbers apart,
  // so `pull-requests` alone never stands in for it.
  { scopes: ['issues'], operations: ['issues/list-for-repo', 'issues/create', 'issues/get', 'issues/update'] },
  // issues or pull-requests: a PR's conversation comments are issue comments; either scope grants them.
  { scopes: ['issues', 'pull-requests'], operations: ['issues/list-comments', 'issues/create-comment', 'issues/get-comment', 'issues/update-comment', 'issues/delete-comment'] },
  // pull-requests: the pull request itself.
  { scopes: ['pull-requests'], operations: ['pulls/get'] },
  // checks: check runs.
  { scopes: ['checks'], operations: ['checks/create', 'checks/update', 'checks/get', 'checks/list-for-ref'] },
  // statuses: commit statuses.
  { scopes: ['statuses'], operations: ['repos/create-commit-status', 'repos/list-commit-statuses-for-ref'] },
  // none: the rate limit is readable by any token.
  { scopes: [], operations: ['rate-limit/get'] },
  // none: metadata, which every token reads (a workflow's `permissions:` cannot take it away).
  { scopes: [], operations: ['repos/get'] },
  // none: who the token is; an installation token (GITHUB_TOKEN) is refused whatever its permissions.
  { scopes: [], operations: ['users/get-authenticated'] },
];

const scopesByOperation = new Map(permissionTable.flatMap(({ scopes, operations }) => operations.map((operation) => [operation, scopes] as const)));

/** The scopes that grant `operationId` (any one suffices), or undefined when the table lacks it. */
export function scopesFor(operationId: string): readonly TokenScope[] | undefined {
  return scopesByOperation.get(operationId);
}

/** Whether a token with `permissions` may call `operationId` with `method`. */
export function isPermitted(permissions: TokenPermissions, operationId: string, method: string): boolean {
  const scopes = scopesFor(operationId);
  // An operation missing from the table is a gap in the fake, not a refusal: it stays allowed
  // (a test of the table in packages/test-utils keeps every implemented operation listed).
  if (scopes === undefined || scopes.length === 0) return true;
  const needed = method === 'GET' || method === 'HEAD' ? ['read', 'write'] : ['write'];
  return scopes.some((scope) => needed.includes(permissions[scope] ?? 'none'));
}
