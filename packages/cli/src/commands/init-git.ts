// What `modelgate init` asks git: where the repository's root is and which branch is the default.
import { InputError } from '@modelgate/core';

type Env = Record<string, string | undefined>;

/** git's stdout (trimmed), or undefined when git ran and failed; a missing git is an InputError. */
function git(args: string[], cwd: string, env: Env): string | undefined {
  // Loaded when needed (Node 22.3+): loading child_process up front costs every command ~6 ms.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(missing ? 'init: git was not found on PATH; modelgate init needs git to find the repository and its default branch' : `init: cannot run git: ${result.error.message}`);
  }
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The top directory of the work tree holding `cwd`. */
export function repositoryRoot(cwd: string, env: Env): string {
  const root = git(['rev-parse', '--show-toplevel'], cwd, env);
  if (!root) throw new InputError(`init: ${cwd} is not inside a git repository (run \`git init\` first, or run modelgate init in your repository)`);
  return root;
}

/**
 * The default branch: the remote's (origin/HEAD, set by clone), else the branch checked out (in
 * a new repository, the unborn branch `git init` made).
 */
export function defaultBranch(root: string, env: Env): { branch: string; source: string } {
  const remote = git(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], root, env);
  if (remote?.startsWith('origin/')) return { branch: remote.slice('origin/'.length), source: 'origin/HEAD' };
  const current = git(['symbolic-ref', '--quiet', '--short', 'HEAD'], root, env);
  if (current) return { branch: current, source: 'the checked-out branch' };
  throw new InputError('init: cannot tell the default branch (no origin/HEAD and HEAD is detached); pass --branch NAME');
}

/** A --branch value git would accept as a branch name. */
export function checkBranchName(branch: string, root: string, env: Env): void {
  // git prints the name it accepted; `@{-1}` would come back expanded, so it must come back unchanged.
  if (git(['check-ref-format', '--branch', branch], root, env) !== branch) throw new InputError(`init: --branch: "${branch}" is not a valid branch name`);
}
