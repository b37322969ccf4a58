import type { RunRecord } from '@modelgate/core';

type CiLineage = RunRecord['lineage']['ci'];

/** The GitHub Actions run that trained the model (from the runner's default variables), or null outside Actions. */
export function ciLineage(env: Record<string, string | undefined>): CiLineage {
  if (env.GITHUB_ACTIONS !== 'true') return null;
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const url = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null;
  return {
    provider: 'github-actions',
    workflow_run_url: url && env.GITHUB_RUN_ATTEMPT ? `${url}/attempts/${env.GITHUB_RUN_ATTEMPT}` : url,
    workflow: env.GITHUB_WORKFLOW ?? null,
    run_id: env.GITHUB_RUN_ID ?? null,
    run_attempt: env.GITHUB_RUN_ATTEMPT ?? null,
    event: env.GITHUB_EVENT_NAME ?? null,
    sha: env.GITHUB_SHA ?? null,
    ref: env.GITHUB_REF ?? null,
  };
}
