import { constants } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import { ExitCode, InputError, errorMessage, formatBytes, formatDuration, oneLine, runRecordSchema, type Lineage, type ParamValue, type RunRecord, type RunStatus } from '@modelgate/core';
import { writeOutputFile } from '@modelgate/data';
import { digestDataInput } from './digest.ts';
import { ciLineage } from './lineage/ci.ts';
import { environmentLineage } from './lineage/environment.ts';
import { gitLineage } from './lineage/git.ts';
import { clearManifest, packageModel } from './package-model.ts';
import { readParams } from './params.ts';
import { describeCommand, runCommand, type CommandOutput, type LaunchFailure, type SignalHandling, type TrainingCommand } from './run-command.ts';

export const defaultRunDir = '.modelgate/run';

export interface TrainOptions {
  /** Model name: letters, digits, `.`, `_`, `-` (it becomes part of artifact names). */
  name: string;
  command: TrainingCommand;
  paramsFile?: string | undefined;
  data?: readonly string[] | undefined;
  /** Directory the command writes the model to; packaged with a manifest when the command succeeds. */
  modelDir?: string | undefined;
  /** Where run.json goes (default `.modelgate/run`). */
  runDir?: string | undefined;
  /** A metrics file (JSON/YAML) whose numbers go into the manifest. */
  metricsFile?: string | undefined;
  cwd: string;
  env: Record<string, string | undefined>;
  output: TrainOutput;
  sampleIntervalMs?: number;
  /** See `RunCommandOptions.signals`. */
  signals?: SignalHandling;
}

/** Where training writes: the command's own output plus modelgate's lines (stdout). */
export interface TrainOutput extends CommandOutput {
  info(line: string): void;
}

export interface TrainResult {
  ok: boolean;
  /**
   * The process exit code to use: 0, the command's own code, 128 + signal number when killed, 127 or
   * 126 when the program was not found or not executable, 2 when the model could not be packaged.
   */
  exitCode: number;
  /** One line saying what happened, for the log or the step's failure. */
  message: string;
  record: RunRecord;
  runPath: string;
  manifestPath: string | null;
}

/**
 * Run a training command with lineage: hash the declared inputs, run and stream the command, then
 * (only on success) package the model directory with a manifest, and write run.json either way.
 * Throws InputError for bad options, before anything runs. A command that fails, cannot be started,
 * or leaves a model directory that cannot be packaged is a result (ok: false), with run.json written.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { cwd, env, output } = options;
  checkName(options.name);
  const at = (path: string) => resolve(cwd, path);
  const modelDir = options.modelDir ? at(options.modelDir) : undefined;
  if (modelDir && (await stat(modelDir).catch(() => undefined))?.isFile()) throw new InputError(`--model-dir ${options.modelDir}: expected a directory, found a file`);
  if (options.metricsFile && !modelDir) throw new InputError('--metrics needs --model-dir: metrics are recorded in the model manifest');
  const params: Record<string, ParamValue> = options.paramsFile ? await readParams(at(options.paramsFile)) : {};
  const commandText = describeCommand(options.command);
  if ('argv' in options.command && options.command.argv.length === 0) throw new InputError('no training command given: put it after `--`, e.g. modelgate train -- python train.py');

  // Inputs are hashed before the command runs: that is the state the training read.
  const [data, git, environment] = await Promise.all([
    Promise.all((options.data ?? []).map((path) => digestDataInput(path, cwd))),
    gitLineage(cwd, env),
    environmentLineage(cwd, env),
  ]);
  const lineage: Lineage = {
    command: commandText,
    git,
    ci: ciLineage(env),
    params_file: options.paramsFile ? toPosix(options.paramsFile) : null,
    params,
    data,
    ...environment,
  };
  if (modelDir) await clearManifest(modelDir);

  const grouped = env.GITHUB_ACTIONS === 'true';
  output.info(grouped ? `::group::Training ${options.name}: ${commandText}` : `Training ${options.name}: ${commandText}`);
  let endsWithNewline = true;
  const outcome = await runCommand(options.command, {
    cwd,
    env,
    output: {
      stdout: (chunk) => {
        endsWithNewline = chunk.length > 0 ? chunk[chunk.length - 1] === 10 : endsWithNewline;
        output.stdout(chunk);
      },
      stderr: (chunk) => output.stderr(chunk),
    },
    ...(options.sampleIntervalMs !== undefined ? { sampleIntervalMs: options.sampleIntervalMs } : {}),
    signals: options.signals,
  });
  if (grouped) output.info(`${endsWithNewline ? '' : '\n'}::endgroup::`);
  const launch = launchFailureText(options.command, outcome.launchFailure);

  const runDir = at(options.runDir ?? defaultRunDir);
  const runPath = join(runDir, 'run.json');
  const shownRun = shownPath(cwd, runPath);
  let status: RunStatus = outcome.signal ? 'killed' : outcome.exitCode === 0 ? 'succeeded' : 'failed';
  let model: RunRecord['model'] = null;
  let manifestPath: string | null = null;
  // A model that cannot be packaged still leaves a run record that says so; the step then fails.
  let packagingError: unknown;
  if (status === 'succeeded' && modelDir) {
    try {
      const packaged = await packageModel({
        name: options.name,
        modelDir,
        shownDir: options.modelDir!,
        lineage,
        run: { started_at: outcome.startedAt.toISOString(), duration_ms: round(outcome.durationMs), peak_memory_bytes: outcome.peakMemoryBytes },
        metricsFile: options.metricsFile ? at(options.metricsFile) : undefined,
        now: outcome.finishedAt,
      });
      manifestPath = packaged.manifestPath;
      model = {
        dir: toPosix(options.modelDir!),
        manifest: shownPath(cwd, packaged.manifestPath),
        digest: packaged.manifest.digest,
        files: packaged.manifest.files.length,
        bytes: packaged.bytes,
      };
    } catch (error) {
      packagingError = error;
      status = 'packaging_failed';
    }
  }
  const record = runRecordSchema.parse({
    schema: 'modelgate.run/v1',
    name: options.name,
    status,
    exit_code: outcome.exitCode,
    signal: outcome.signal,
    started_at: outcome.startedAt.toISOString(),
    finished_at: outcome.finishedAt.toISOString(),
    duration_ms: round(outcome.durationMs),
    peak_memory_bytes: outcome.peakMemoryBytes,
    peak_memory_method: outcome.peakMemoryMethod,
    error: packagingError !== undefined ? oneLine(errorMessage(packagingError)) : launch,
    lineage,
    model,
  } satisfies RunRecord);
  await writeOutputFile(runPath, `${JSON.stringify(record, null, 2)}\n`, `--run-dir ${options.runDir ?? defaultRunDir}`);

  const took = `after ${formatDuration(outcome.durationMs)}`;
  if (packagingError !== undefined) {
    // Anything but a bad model directory or metrics file (an InputError) is a bug: let it surface.
    if (!(packagingError instanceof InputError)) throw packagingError;
    return { ok: false, exitCode: ExitCode.inputError, message: `${record.error} (run record: ${shownRun})`, record, runPath, manifestPath };
  }
  if (status === 'killed') {
    const number = constants.signals[outcome.signal!] ?? 0;
    return { ok: false, exitCode: 128 + number, message: `training command "${commandText}" was killed by ${outcome.signal} ${took}; no model was packaged (run record: ${shownRun})`, record, runPath, manifestPath };
  }
  if (status === 'failed') {
    // The CLI runs the program itself; use the exit codes a shell gives (127 not found, 126 not executable), as the action's bash does.
    const exitCode = outcome.exitCode ?? (outcome.launchFailure === 'not-executable' ? 126 : 127);
    const message =
      outcome.exitCode === null
        ? `${launch}; nothing ran (run record: ${shownRun})`
        : `training command "${commandText}" failed with exit code ${outcome.exitCode}${launch ? ` (${launch})` : ''} ${took}; no model was packaged (run record: ${shownRun})`;
    return { ok: false, exitCode, message, record, runPath, manifestPath };
  }
  const memory = outcome.peakMemoryBytes === null ? '' : `, peak memory ${formatBytes(outcome.peakMemoryBytes)} (sampled)`;
  const packaged = model ? `; model ${model.dir}: ${model.files} file${model.files === 1 ? '' : 's'}, ${formatBytes(model.bytes)}, ${model.digest}` : '';
  return { ok: true, exitCode: 0, message: `trained ${options.name} in ${formatDuration(outcome.durationMs)}${memory}${packaged} (run record: ${shownRun})`, record, runPath, manifestPath };
}

/** One line on why the command did not start; the shell's own message is already in the log. */
function launchFailureText(command: TrainingCommand, failure: LaunchFailure | null): string | null {
  if (failure === null) return null;
  // The shell named the program on stderr; this says what its exit code (127 or 126) means.
  if ('shell' in command) return failure === 'not-found' ? 'command not found' : 'command not executable';
  const program = JSON.stringify(command.argv[0]);
  return failure === 'not-found'
    ? `training command not found: ${program} (is it installed and on PATH?)`
    : `training command ${program} is not executable (make it executable with chmod +x, or run it through its interpreter)`;
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new InputError(`--name "${name}": use letters, digits, ".", "_" and "-" (at most 100 characters, starting with a letter or digit)`);
  }
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** A path as a person reads it in the log: relative to the working directory when inside it. */
function shownPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return toPosix(inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
