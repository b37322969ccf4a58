import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PeakMemorySampler, peakMemoryMethod } from './peak-memory.ts';

/** The user's training command: an argv (CLI, after `--`) or a script for the shell (the action's `command`). */
export type TrainingCommand = { argv: readonly string[] } | { shell: string };

export interface CommandOutput {
  stdout(chunk: Uint8Array): void;
  stderr(chunk: Uint8Array): void;
}

export interface RunCommandOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  output: CommandOutput;
  /** How often /proc is sampled for peak memory. */
  sampleIntervalMs?: number;
  /**
   * What SIGINT/SIGTERM sent to this process do while the command runs; by default nothing special.
   * `forward`: pass both on to the command (a cancelled workflow: the runner signals only this
   * process), then record the run as killed. `terminal`: Ctrl-C already reached the whole foreground
   * process group, so SIGINT is not sent twice, only waited out; SIGTERM is still passed on.
   */
  signals?: SignalHandling | undefined;
}

export type SignalHandling = 'forward' | 'terminal';

/** Why a command did not run: no such program, or a file without execute permission. */
export type LaunchFailure = 'not-found' | 'not-executable';

export interface CommandOutcome {
  /** null when the command could not be started (nothing ran) or was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started, or the shell reported so (exit 127 or 126). */
  launchFailure: LaunchFailure | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  peakMemoryBytes: number | null;
  peakMemoryMethod: string | null;
}

/** Human form of a command for messages and run.json. */
export function describeCommand(command: TrainingCommand): string {
  if ('shell' in command) return command.shell;
  return command.argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Run the command to completion, streaming its output as it arrives. Never throws for the command's own failure. */
export async function runCommand(command: TrainingCommand, options: RunCommandOptions): Promise<CommandOutcome> {
  // Python block-buffers stdout into a pipe; unbuffered output is what makes the log live.
  const env = { PYTHONUNBUFFERED: '1', ...options.env };
  const startedAt = new Date();
  const start = performance.now();
  let child = await trySpawn(programFor(command), { ...options, env });
  if (typeof child === 'string' && 'shell' in command) {
    // No bash: a minimal container has sh; Windows without Git Bash has cmd.exe.
    child = await trySpawn(process.platform === 'win32' ? ['shell:', command.shell] : ['sh', '-e', '-c', command.shell], { ...options, env });
  }
  if (typeof child === 'string') {
    const now = new Date();
    return { exitCode: null, signal: null, launchFailure: child, startedAt, finishedAt: now, durationMs: 0, peakMemoryBytes: null, peakMemoryMethod: null };
  }
  const running = child;
  const sampler = running.pid !== undefined && PeakMemorySampler.supported() ? new PeakMemorySampler(running.pid, options.sampleIntervalMs ?? 100) : undefined;
  // A listener also keeps this process alive until the command has exited and run.json is written.
  const forward = (signal: NodeJS.Signals): void => {
    if (!(signal === 'SIGINT' && options.signals === 'terminal')) running.kill(signal);
  };
  if (options.signals) for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, forward);
  running.stdout?.on('data', (chunk: Uint8Array) => options.output.stdout(chunk));
  running.stderr?.on('data', (chunk: Uint8Array) => options.output.stderr(chunk));
  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      running.once('error', reject);
      running.once('close', (code, signal) => resolve([code, signal]));
    });
    const peakMemoryBytes = sampler?.stop() ?? null;
    return {
      exitCode,
      signal,
      // A shell reports "command not found" as 127 and "not executable" as 126 (POSIX).
      launchFailure: 'shell' in command ? (exitCode === 127 ? 'not-found' : exitCode === 126 ? 'not-executable' : null) : null,
      startedAt,
      finishedAt: new Date(),
      durationMs: performance.now() - start,
      peakMemoryBytes,
      peakMemoryMethod: peakMemoryBytes === null ? null : peakMemoryMethod,
    };
  } finally {
    sampler?.stop();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, forward);
  }
}

function programFor(command: TrainingCommand): string[] {
  if ('argv' in command) return [...command.argv];
  // The same flags GitHub Actions uses for `shell: bash`: fail on the first error, including inside pipes.
  return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', command.shell];
}

/** Spawn, or why the program could not be started. */
async function trySpawn(argv: string[], options: RunCommandOptions): Promise<ChildProcess | LaunchFailure> {
  const [program, ...args] = argv;
  // Loaded when needed (Node 22.3+): loading child_process up front costs every command ~6 ms.
  const { spawn } = process.getBuiltinModule('node:child_process');
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] };
  // `shell:` marks a script for the platform's default shell (cmd.exe on Windows without bash).
  const child = program === 'shell:' ? spawn(args[0]!, { ...spawnOptions, shell: true }) : spawn(program!, args, spawnOptions);
  if (child.pid !== undefined) return child;
  const error = await new Promise<NodeJS.ErrnoException>((resolve) => child.once('error', resolve));
  if (error.code === 'ENOENT') return 'not-found';
  if (error.code === 'EACCES') return 'not-executable';
  throw error;
}
