import type { RunRecord } from '@modelgate/core';
import { probe, probeOutput } from './probe.ts';

type GitLineage = RunRecord['lineage']['git'];

/**
 * Commit, branch and dirtiness of the working tree at `cwd`. Without git or outside a repository
 * every field is null. CI checkouts are usually a detached HEAD, so the branch falls back to what
 * GitHub Actions names (the PR's head branch, or the pushed branch).
 */
export async function gitLineage(cwd: string, env: Record<string, string | undefined>): Promise<GitLineage> {
  const run = async (...args: string[]) => probeOutput(await probe('git', args, { cwd, env }));
  const commit = (await run('rev-parse', '--verify', '-q', 'HEAD')) ?? null;
  if (commit === null) return { commit: env.GITHUB_SHA ?? null, branch: actionsBranch(env), dirty: null };
  const [branch, status] = await Promise.all([run('symbolic-ref', '--short', '-q', 'HEAD'), run('status', '--porcelain', '--untracked-files=no')]);
  return {
    commit,
    branch: branch || actionsBranch(env),
    dirty: status === undefined ? null : status !== '',
  };
}

function actionsBranch(env: Record<string, string | undefined>): string | null {
  if (env.GITHUB_HEAD_REF) return env.GITHUB_HEAD_REF;
  if (env.GITHUB_REF_TYPE === 'branch' && env.GITHUB_REF_NAME) return env.GITHUB_REF_NAME;
  return null;
}
