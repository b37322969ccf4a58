import { resolve } from 'node:path';
import * as core from '@actions/core';
import { errorMessage, oneLine, renderRunSummary, type RunRecord, type UploadedArtifact } from '@modelgate/core';
import { uploadModelPackage } from '@modelgate/github';
import { train } from '@modelgate/train';
import { readInputs } from './inputs.ts';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const cwd = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory ?? '.');
    const result = await train({
      name: inputs.name,
      command: { shell: inputs.command },
      paramsFile: inputs.params,
      data: inputs.data,
      modelDir: inputs.modelDir,
      metricsFile: inputs.metrics,
      runDir: inputs.runDir,
      cwd,
      env: process.env,
      output: {
        stdout: (chunk) => process.stdout.write(chunk),
        stderr: (chunk) => process.stderr.write(chunk),
        info: (line) => core.info(line),
      },
      // A cancelled job sends SIGINT/SIGTERM: pass it on so run.json records the run as killed.
      signals: 'forward',
    });
    core.setOutput('run-path', result.runPath);
    if (!result.ok) {
      await writeSummary(result.record);
      core.setFailed(result.message);
      process.exitCode = result.exitCode; // the step fails with the command's own exit code
      return;
    }
    core.info(result.message);
    core.setOutput('manifest-path', result.manifestPath ?? '');
    core.setOutput('model-digest', result.record.model?.digest ?? '');
    let artifact: UploadedArtifact | undefined;
    if (inputs.upload && inputs.modelDir) {
      const uploaded = await uploadModelPackage({ modelDir: resolve(cwd, inputs.modelDir), artifactName: inputs.artifactName, retentionDays: inputs.retentionDays });
      artifact = { name: inputs.artifactName, id: uploaded.artifactId };
      core.info(`uploaded ${uploaded.files + 1} files as artifact "${inputs.artifactName}" (id ${uploaded.artifactId})`);
    } else if (inputs.upload) {
      core.info('no model-dir given: nothing to upload');
    }
    core.setOutput('artifact-id', artifact ? String(artifact.id) : '');
    await writeSummary(result.record, artifact);
  } catch (error) {
    core.setFailed(oneLine(errorMessage(error)));
  }
}

async function writeSummary(record: RunRecord, artifact?: UploadedArtifact): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderRunSummary(record, artifact)).write();
}
