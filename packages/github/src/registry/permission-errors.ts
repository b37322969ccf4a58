import { InputError } from '@modelgate/core';
import { describeApiError, httpStatus, isPermissionDenied } from '../api-errors.ts';

/**
 * The `permissions:` entry a workflow needs for each thing the registry does with GITHUB_TOKEN,
 * written as a workflow's `permissions:` block writes it.
 */
export const registryPermissions = {
  readReleases: 'contents: read',
  writeReleases: 'contents: write',
  readDeployments: 'deployments: read',
  writeDeployments: 'deployments: write',
  readEnvironments: 'actions: read',
  readApprovals: 'actions: read',
} as const;

/**
 * An API failure as one line. A refusal for lack of permission (403 "Resource not accessible by
 * integration", or GitHub's 404 for writes it hides) names the permission the job must grant.
 */
export function registryApiError(error: unknown, action: string, permission: string): InputError {
  // GitHub hides a refused write behind 404; a 404 on a read is just a missing resource.
  const method = (error as { request?: { method?: string } } | null)?.request?.method ?? 'GET';
  if (isPermissionDenied(error) && !(httpStatus(error) === 404 && method === 'GET')) {
    return new InputError(`${action}: the token is not allowed to (${describeApiError(error, 'GitHub answered').replace(/^GitHub answered: /, '')}); grant it \`permissions: ${permission}\` in the workflow (or a token with that access)`);
  }
  return new InputError(describeApiError(error, action));
}

/** Run an API call; failures become one line naming what was done and, for a refusal, the permission. */
export async function apiCall<T>(action: string, permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw registryApiError(error, action, permission);
  }
}
