import { basename } from 'node:path';
import { defaultRunDir, train } from '@modelgate/train';
import type { CommandSpec } from '../command.ts';

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'Run a training command with lineage (run.json) and package its model directory with a manifest',
  usage: '[--name NAME] [--params FILE] [--data PATH]... [--model-dir DIR] [--run-dir DIR] -- <command...>',
  passThrough: true,
  options: {
    name: { type: 'string', value: 'NAME', description: 'model name (letters, digits, . _ -)', default: 'the model directory name, else "model"' },
    params: { type: 'string', value: 'FILE', description: 'params file (YAML or JSON), recorded flattened to dotted keys' },
    data: { type: 'string', value: 'PATH', multiple: true, description: 'data input (file or directory) to record with its sha256' },
    'model-dir': { type: 'string', value: 'DIR', description: 'directory the command writes the model to; gets a manifest.json on success' },
    'run-dir': { type: 'string', value: 'DIR', description: 'where run.json is written', default: defaultRunDir },
    metrics: { type: 'string', value: 'FILE', description: 'metrics file (JSON or YAML) whose numbers go into the manifest' },
  },
  details: [
    'The command after `--` runs as given (no shell); its output streams live, grouped in the Actions log.',
    'run.json records exit code, duration, sampled peak memory, git commit and branch, the workflow run,',
    'params, data digests, runtime versions, OS and GPUs. manifest.json is written only when the command',
    'succeeds; one left by an earlier run is removed first, so a half-written model never looks complete.',
    'The model digest is sha256 over the sha256sum listing of the model files (see manifest.json).',
    '',
    'Exit code: the command\'s own when it fails, 128 + signal number when it is killed, 127 when it is not',
    'found and 126 when it is not executable (as a shell reports them; run.json is written in every case),',
    '2 for bad options or when the model directory cannot be packaged (run.json status packaging_failed).',
    '',
    'Example: modelgate train --name churn --params params.yaml --data data/ --model-dir model -- python train.py',
  ].join('\n'),
  async run(context) {
    const { io } = context;
    const modelDir = context.string('model-dir');
    const stdout = new TextDecoder();
    const stderr = new TextDecoder();
    const result = await train({
      name: context.string('name') ?? (modelDir ? basename(modelDir) : 'model'),
      command: { argv: context.rest },
      paramsFile: context.string('params'),
      data: context.strings('data'),
      modelDir,
      runDir: context.string('run-dir'),
      metricsFile: context.string('metrics'),
      cwd: io.cwd,
      env: io.env,
      output: {
        // Streaming decoders keep a multi-byte character split across two chunks intact.
        stdout: (chunk) => io.out(stdout.decode(chunk, { stream: true })),
        stderr: (chunk) => io.err(stderr.decode(chunk, { stream: true })),
        info: (line) => io.out(`${line}\n`),
      },
      // In a terminal, Ctrl-C reaches the command directly; elsewhere (CI) signals are passed on.
      signals: io.isTty ? 'terminal' : 'forward',
    });
    if (result.ok) io.out(`modelgate: ${result.message}\n`);
    else io.err(`modelgate: ${result.message}\n`);
    return result.exitCode;
  },
};
