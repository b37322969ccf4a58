import { resolve } from 'node:path';
import * as core from '@actions/core';
import { type RegistryVersion, errorMessage, oneLine, renderPromotionSummary, shortDigest, version as modelgateVersion } from '@modelgate/core';
import { actorFromEnv, loadConfig, promoteModel, registerModel, reportedVersions, rollbackModel, type StageOutcome } from '@modelgate/data';
import { actionLog, createGitHubRegistry, readRunContext } from '@modelgate/github';
import { readInputs } from './inputs.ts';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const env = process.env;
    const context = await readRunContext(env);
    const workspace = context.workspace;
    const { config, source } = await loadConfig(inputs.config ? resolve(workspace, inputs.config) : undefined, workspace);
    const registry = createGitHubRegistry({
      owner: context.owner,
      repo: context.repo,
      token: inputs.token,
      apiUrl: context.apiUrl,
      serverUrl: context.serverUrl,
      runId: env.GITHUB_RUN_ID,
      targetCommit: context.sha || undefined,
      env,
      log: actionLog,
      userAgent: `modelgate/${modelgateVersion}`,
    });
    const actor = actorFromEnv(env);

    let version: number | undefined;
    let registeredVersion: RegistryVersion | undefined;
    if ('package' in inputs.source) {
      const registered = await registerModel(registry, {
        name: inputs.model,
        packageDir: resolve(workspace, inputs.source.package),
        shownPackage: inputs.source.package,
        ...(inputs.source.metrics ? { metricsFile: { path: resolve(workspace, inputs.source.metrics), shown: inputs.source.metrics } } : {}),
        actor,
        now: new Date(),
      });
      version = registered.version.version;
      registeredVersion = registered.version;
      core.info(registered.created
        ? `registered ${inputs.model} v${version} (${shortDigest(registered.version.digest)})`
        : `${inputs.model} v${version} already has digest ${shortDigest(registered.version.digest)}: nothing registered`);
    } else if ('version' in inputs.source) {
      version = inputs.source.version;
    }

    if (inputs.to === undefined) {
      // Register only: the version is the output; no stage changes.
      const registered = registeredVersion!;
      core.setOutput('version', String(registered.version));
      core.setOutput('previous-version', '');
      core.setOutput('digest', registered.digest);
      core.setOutput('changed', 'false');
      core.setOutput('deployment-id', '');
      core.setOutput('release-url', (await registry.versionUrl(registered)) ?? '');
      return;
    }
    const stageOptions = { name: inputs.model, reason: inputs.reason, allowUnprotected: inputs.allowUnprotected, config, configSource: source, actor };
    const outcome: StageOutcome = 'rollback' in inputs.source
      ? await rollbackModel(registry, { ...stageOptions, stage: inputs.to })
      : await promoteModel(registry, {
          ...stageOptions,
          ...(version !== undefined ? { version } : {}),
          ...('fromStage' in inputs.source ? { fromStage: inputs.source.fromStage } : {}),
          to: inputs.to,
          requireBetter: inputs.requireBetter,
          ...(inputs.compareWith ? { championStage: inputs.compareWith } : {}),
        });
    const { event } = outcome;
    const reported = reportedVersions(outcome);
    core.setOutput('version', String(reported.version ?? ''));
    core.setOutput('previous-version', String(reported.previous ?? ''));
    core.setOutput('digest', outcome.version.digest);
    core.setOutput('changed', String(event !== null));
    core.setOutput('deployment-id', event?.deploymentId !== undefined ? String(event.deploymentId) : '');
    core.setOutput('release-url', outcome.versionUrl ?? '');
    await core.summary.addRaw(renderPromotionSummary({
      name: inputs.model,
      stage: outcome.stage,
      action: 'rollback' in inputs.source ? 'rollback' : 'promote',
      version: outcome.version,
      ...(outcome.previous ? { previous: outcome.previous } : {}),
      changed: event !== null,
      approvedBy: outcome.approvedBy,
      reason: inputs.reason,
      ...(outcome.versionUrl ? { releaseUrl: outcome.versionUrl } : {}),
      ...(outcome.challenge ? { challenge: outcome.challenge } : {}),
      config,
      metricsDocuments: await outcome.metricsDocuments(),
    })).write();
    if (outcome.refused) {
      core.setFailed(`promotion refused: ${outcome.refused.summary}`);
      return;
    }
    core.info(event
      ? `${inputs.model}: ${outcome.stage} ${event.action === 'rollback' ? 'rolled back' : 'promoted'} ${event.previous_version === null ? '' : `v${event.previous_version} -> `}v${outcome.version.version}${outcome.approvedBy.length ? ` (approved by ${outcome.approvedBy.join(', ')})` : ''}`
      : `${inputs.model}: v${outcome.version.version} already holds ${outcome.stage}; nothing changed`);
  } catch (error) {
    core.setFailed(oneLine(errorMessage(error)));
  }
}
