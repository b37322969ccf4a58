import { type StageAction, type StageEvent, orderPreviousVersions } from '@modelgate/core';
import { z } from 'zod';
import type { Logger } from '../client.ts';
import { apiCall, registryPermissions } from './permission-errors.ts';
import type { RepositoryRef } from './release-assets.ts';

/** The deployment task of a model: stages of several models can share one Environment. */
export function deploymentTask(name: string): string {
  return `modelgate:${name}`;
}

/** What a stage-change deployment carries, so the history can be read back from deployments alone. */
export const deploymentPayloadSchema = z.looseObject({
  modelgate: z.literal('registry/v1'),
  model: z.string(),
  version: z.number().int().positive(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  action: z.enum(['promote', 'rollback']),
  by: z.string().nullable(),
  reason: z.string().nullable(),
  approved_by: z.array(z.string()),
  source_run: z.string().nullable(),
});
export type DeploymentPayload = z.infer<typeof deploymentPayloadSchema>;

interface DeploymentJson {
  id: number;
  environment: string;
  created_at: string;
  task: string;
  payload: unknown;
}

function payloadOf(deployment: DeploymentJson, name: string): DeploymentPayload | null {
  let payload = deployment.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return null;
    }
  }
  const parsed = deploymentPayloadSchema.safeParse(payload);
  return parsed.success && parsed.data.model === name ? parsed.data : null;
}

/** Every stage change of a model in the order GitHub recorded them (deployment ids), with previous versions. */
export async function listStageEvents(repository: RepositoryRef, name: string): Promise<(StageEvent & { deploymentId: number })[]> {
  const { client, owner, repo } = repository;
  const deployments = (await apiCall('listing deployments', registryPermissions.readDeployments, () =>
    client.paginate('GET /repos/{owner}/{repo}/deployments', { owner, repo, task: deploymentTask(name), per_page: 100 }),
  )) as DeploymentJson[];
  const events = deployments
    .map((deployment) => ({ deployment, payload: payloadOf(deployment, name) }))
    .filter((entry): entry is { deployment: DeploymentJson; payload: DeploymentPayload } => entry.payload !== null)
    .sort((a, b) => a.deployment.id - b.deployment.id)
    .map(({ deployment, payload }) => ({
      deploymentId: deployment.id,
      stage: deployment.environment,
      version: payload.version,
      digest: payload.digest,
      action: payload.action as StageAction,
      at: deployment.created_at,
      by: payload.by,
      reason: payload.reason,
      approved_by: payload.approved_by,
      source_run: payload.source_run,
    }));
  const ordered = orderPreviousVersions(events);
  return ordered.map((event, index) => ({ ...event, deploymentId: events[index]!.deploymentId }));
}

/** The version a stage holds: the newest deployment of the model to its environment. One request. */
export async function readStageHolder(repository: RepositoryRef, name: string, stage: string): Promise<number | null> {
  const { client, owner, repo } = repository;
  const { data } = await apiCall('reading the stage holder', registryPermissions.readDeployments, () =>
    client.request('GET /repos/{owner}/{repo}/deployments', { owner, repo, task: deploymentTask(name), environment: stage, per_page: 1 }),
  );
  const newest = (data as DeploymentJson[])[0];
  return newest ? (payloadOf(newest, name)?.version ?? null) : null;
}

export interface DeploymentRequest {
  name: string;
  stage: string;
  /** The version's tag: the deployment's ref. */
  tag: string;
  payload: DeploymentPayload;
  /** Shown on the Environments page: the version's release. */
  environmentUrl: string;
  logUrl: string | null;
  description: string;
  log: Logger;
}

/**
 * Record a stage change: a deployment of the version's tag to the stage's environment, with a
 * `success` status. `auto_inactive` is off: GitHub would inactivate every earlier deployment to the
 * environment, other models' too, and skips production environments anyway; the deployments this
 * one replaces are marked `inactive` explicitly (see inactivateReplaced).
 */
export async function createStageDeployment(repository: RepositoryRef, request: DeploymentRequest): Promise<number> {
  const { client, owner, repo } = repository;
  const { data } = await apiCall(`creating a deployment to ${request.stage}`, registryPermissions.writeDeployments, () =>
    client.request('POST /repos/{owner}/{repo}/deployments', {
      owner, repo,
      ref: request.tag,
      task: deploymentTask(request.name),
      environment: request.stage,
      payload: request.payload as unknown as Record<string, unknown>,
      description: request.description.slice(0, 140),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: request.stage === 'production',
    }),
  );
  const id = (data as { id?: number }).id;
  if (typeof id !== 'number') throw new Error(`GitHub did not create the deployment to ${request.stage}: ${JSON.stringify(data).slice(0, 200)}`);
  await setDeploymentState(repository, id, 'success', request);
  return id;
}

async function setDeploymentState(repository: RepositoryRef, id: number, state: 'success' | 'inactive', request: Pick<DeploymentRequest, 'stage' | 'environmentUrl' | 'logUrl' | 'description'>): Promise<void> {
  const { client, owner, repo } = repository;
  await apiCall(`setting deployment ${id} to ${state}`, registryPermissions.writeDeployments, () =>
    client.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      owner, repo, deployment_id: id, state,
      auto_inactive: false,
      ...(state === 'success' ? { environment_url: request.environmentUrl, description: request.description.slice(0, 140) } : { description: 'replaced by a newer version' }),
      ...(request.logUrl ? { log_url: request.logUrl } : {}),
    }),
  );
}

/**
 * Mark `inactive` every deployment of the model to the stage but the newest, newest first, stopping
 * at the first one already inactive (all older ones were handled by an earlier change). Each change
 * runs this after its own `success`, so whatever order concurrent changes finish in, only the newest
 * deployment ends up active, which is what the Environments page shows.
 */
export async function inactivateReplaced(repository: RepositoryRef, name: string, stage: string): Promise<void> {
  const { client, owner, repo } = repository;
  const { data } = await apiCall('listing deployments', registryPermissions.readDeployments, () =>
    client.request('GET /repos/{owner}/{repo}/deployments', { owner, repo, task: deploymentTask(name), environment: stage, per_page: 100 }),
  );
  const [, ...replaced] = (data as DeploymentJson[]).sort((a, b) => b.id - a.id);
  for (const deployment of replaced) {
    const { data: statuses } = await apiCall('reading deployment statuses', registryPermissions.readDeployments, () =>
      client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: deployment.id, per_page: 1 }),
    );
    if ((statuses as { state: string }[])[0]?.state === 'inactive') break;
    await setDeploymentState(repository, deployment.id, 'inactive', { stage, environmentUrl: '', logUrl: null, description: '' });
  }
}
