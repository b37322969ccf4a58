// Runs an action's bundled entry in a child process exactly as the GitHub runner does, against
// a fake (or any) API URL, and returns what the step produced. See packages/test-utils/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pullRequestEvent, type WorkflowEvent } from '../events.ts';
import type { FakeGitHub } from '../fake-github/server.ts';
import { defaultRunnerRunId } from '../fake-github/state.ts';
import { seedEventPullRequest } from './event-pull-request.ts';
import { inputEnvName, readActionMetadata, resolveExpressions } from './action-metadata.ts';
import { parseAnnotations, parseFileCommand, type Annotation } from './workflow-commands.ts';

export const repoRoot = new URL('../../../../', import.meta.url).pathname;

/** What `${{ github.token }}` resolves to unless a test says otherwise. */
export const fakeToken = 'ghs_fakeTokenForModelgateTests0000000000';

export interface RunActionOptions {
  inputs?: Record<string, string | number | boolean>;
  /** Defaults to `pullRequestEvent()` on the fake's repository. */
  event?: WorkflowEvent;
  /** The fake GitHub (or an API URL) for `GITHUB_API_URL`. */
  github?: FakeGitHub | string;
  /** `github.token`, used by defaults such as `${{ github.token }}`. */
  token?: string;
  /** `GITHUB_WORKSPACE` and the working directory; a fresh empty directory by default. */
  workspace?: string;
  /** `RUNNER_TEMP`, kept after the run (e.g. to read a file an output names); a throwaway dir by default. */
  runnerTemp?: string;
  /** Extra environment variables (set after the runner's, so they can override). */
  env?: Record<string, string>;
  timeoutMs?: number;
  runId?: number;
  runAttempt?: number;
  runNumber?: number;
  workflow?: string;
  job?: string;
  actor?: string;
}

export interface RunActionResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** Contents of `GITHUB_STEP_SUMMARY`. */
  summary: string;
  annotations: Annotation[];
  /** From `GITHUB_ENV` and `GITHUB_STATE`. */
  exportedEnv: Record<string, string>;
  savedState: Record<string, string>;
  /** Process start to exit. */
  durationMs: number;
}

/** `name`: a directory under `actions/`, or an absolute path to an action directory. */
export async function runAction(name: string, options: RunActionOptions = {}): Promise<RunActionResult> {
  const actionDir = isAbsolute(name) ? name : join(repoRoot, 'actions', name);
  const metadata = readActionMetadata(actionDir);
  if (!existsSync(metadata.main)) throw new Error(`${metadata.main} does not exist: run \`pnpm build\` first`);

  const event = options.event ?? pullRequestEvent(typeof options.github === 'object' ? { repository: options.github.state.fullName } : {});
  const runnerRoot = mkdtempSync(join(tmpdir(), 'modelgate-runner-'));
  try {
    const temp = options.runnerTemp ?? join(runnerRoot, '_temp');
    // The file commands live apart from RUNNER_TEMP, so a kept temp dir holds only what the action wrote.
    const commands = join(runnerRoot, '_runner_file_commands');
    mkdirSync(commands, { recursive: true });
    mkdirSync(temp, { recursive: true });
    const workspace = options.workspace ?? join(runnerRoot, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const files = {
      GITHUB_EVENT_PATH: join(runnerRoot, '_github_workflow', 'event.json'),
      GITHUB_OUTPUT: join(commands, 'set_output'),
      GITHUB_STEP_SUMMARY: join(commands, 'step_summary'),
      GITHUB_STATE: join(commands, 'save_state'),
      GITHUB_ENV: join(commands, 'set_env'),
      GITHUB_PATH: join(commands, 'add_path'),
    };
    mkdirSync(join(runnerRoot, '_github_workflow'));
    writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(event.payload, null, 2));
    for (const [key, path] of Object.entries(files)) if (key !== 'GITHUB_EVENT_PATH') writeFileSync(path, '');

    const runId = options.runId ?? defaultRunnerRunId;
    // The run the action runs in exists on the fake (its approvals can be read) without seeding it.
    if (typeof options.github === 'object') {
      options.github.state.runnerRunIds.add(runId);
      seedEventPullRequest(options.github.state, event);
    }
    const apiUrl = typeof options.github === 'string' ? options.github : (options.github?.url ?? 'https://api.github.com');
    const serverUrl = typeof options.github === 'object' ? options.github.serverUrl : 'https://github.com';
    const [owner = ''] = event.repository.split('/');
    const github = {
      token: options.token ?? fakeToken,
      repository: event.repository, repository_owner: owner, event_name: event.name, event: event.payload,
      sha: event.sha, ref: event.ref, head_ref: event.headRef ?? '', base_ref: event.baseRef ?? '',
      run_id: String(runId), run_attempt: String(options.runAttempt ?? 1), run_number: String(options.runNumber ?? 3),
      workflow: options.workflow ?? 'Model PR check', job: options.job ?? 'check', action: '__run_action',
      actor: options.actor ?? 'octocat', server_url: serverUrl, api_url: apiUrl, graphql_url: `${apiUrl.replace(/\/v3$/, '')}/graphql`,
      workspace,
    };
    const runner = { temp, os: 'Linux', arch: 'X64', name: 'GitHub Actions 1', tool_cache: join(runnerRoot, '_tool'), environment: 'github-hosted' };

    const env: Record<string, string> = {
      ...inheritedEnv(),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_SHA: github.sha,
      GITHUB_REF: github.ref,
      GITHUB_REF_NAME: event.ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_HEAD_REF: github.head_ref,
      GITHUB_BASE_REF: github.base_ref,
      GITHUB_RUN_ID: github.run_id,
      GITHUB_RUN_ATTEMPT: github.run_attempt,
      GITHUB_RUN_NUMBER: github.run_number,
      GITHUB_WORKFLOW: github.workflow,
      GITHUB_JOB: github.job,
      GITHUB_ACTION: github.action,
      GITHUB_ACTION_PATH: actionDir,
      GITHUB_ACTOR: github.actor,
      GITHUB_SERVER_URL: github.server_url,
      GITHUB_API_URL: github.api_url,
      GITHUB_GRAPHQL_URL: github.graphql_url,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runner.temp,
      RUNNER_OS: runner.os,
      RUNNER_ARCH: runner.arch,
      RUNNER_NAME: runner.name,
      RUNNER_TOOL_CACHE: runner.tool_cache,
      RUNNER_ENVIRONMENT: runner.environment,
      ...files,
      ...inputEnv(metadata.inputs, options.inputs ?? {}, { github, runner }, metadata.name),
      ...options.env,
    };

    const started = performance.now();
    const { exitCode, stdout, stderr } = await spawnNode(metadata.main, workspace, env, options.timeoutMs ?? 30_000, name);
    const durationMs = performance.now() - started;
    return {
      exitCode, stdout, stderr, durationMs,
      outputs: parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8'), 'GITHUB_OUTPUT'),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      annotations: parseAnnotations(stdout),
      exportedEnv: parseFileCommand(readFileSync(files.GITHUB_ENV, 'utf8'), 'GITHUB_ENV'),
      savedState: parseFileCommand(readFileSync(files.GITHUB_STATE, 'utf8'), 'GITHUB_STATE'),
    };
  } finally {
    rmSync(runnerRoot, { recursive: true, force: true });
  }
}

// The runner starts actions with its own environment, never the test process's workflow state.
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|STATE_|VITEST|NODE_OPTIONS$|CI$)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function inputEnv(
  declared: Record<string, { default?: string }>,
  given: Record<string, string | number | boolean>,
  context: Record<string, unknown>,
  actionName: string,
): Record<string, string> {
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) {
    throw new Error(`runAction: ${actionName} declares no input ${unknown.map((n) => `"${n}"`).join(', ')} (valid: ${Object.keys(declared).join(', ')})`);
  }
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in given ? String(given[name]) : spec.default !== undefined ? resolveExpressions(spec.default, context) : undefined;
    if (value !== undefined) env[inputEnvName(name)] = value;
  }
  return env;
}

function spawnNode(
  main: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  label: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // process.execPath: the same Node 24 that runs vitest, as `runs.using: node24` would.
    const child = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runAction: ${label} did not finish within ${timeoutMs} ms\nstdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
