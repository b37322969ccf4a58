import { randomUUID } from 'node:crypto';
import { type StageEvent, errorMessage, orderPreviousVersions, stageActionSchema } from '@modelgate/core';
import { isUncertainOutcome } from '../api-errors.ts';
import { z } from 'zod';
import type { Logger } from '../client.ts';
import { apiCall, registryApiError, registryPermissions } from './permission-errors.ts';
import type { RepositoryRef } from './release-assets.ts';

/** The deployment task of a model: stages of several models can share one Environment. */
function deploymentTask(name: string): string {
  return `modelgate:${name}`;
}

/** What a stage-change deployment carries, so the history can be read back from deployments alone. */
const deploymentPayloadSchema = z.looseObject({
  modelgate: z.literal('registry/v1'),
  model: z.string(),
  version: z.number().int().positive(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  action: stageActionSchema,
  by: z.string().nullable(),
  reason: z.string().nullable(),
  approved_by: z.array(z.string()),
  source_run: z.string().nullable(),
  /** Names this one stage change, to find it after a create whose answer was lost. */
  nonce: z.string().optional(),
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
      action: payload.action,
      at: deployment.created_at,
      by: payload.by,
      reason: payload.reason,
      approved_by: payload.approved_by,
      source_run: payload.source_run,
    }));
  return orderPreviousVersions(events);
}

/** One page of the model's deployments to one stage's environment, newest first. */
async function stageDeployments(repository: RepositoryRef, name: string, stage: string, perPage: number, action: string): Promise<DeploymentJson[]> {
  const { client, owner, repo } = repository;
  const { data } = await apiCall(action, registryPermissions.readDeployments, () =>
    client.request('GET /repos/{owner}/{repo}/deployments', { owner, repo, task: deploymentTask(name), environment: stage, per_page: perPage }),
  );
  return (data as DeploymentJson[]).sort((a, b) => b.id - a.id);
}

/**
 * The version a stage holds and the digest its promotion recorded: the newest deployment of the
 * model to the stage's environment that carries a registry payload. One request.
 */
export async function readStageHolder(repository: RepositoryRef, name: string, stage: string): Promise<{ version: number; digest: string } | null> {
  for (const deployment of await stageDeployments(repository, name, stage, 10, 'reading the stage holder')) {
    const payload = payloadOf(deployment, name);
    if (payload) return { version: payload.version, digest: payload.digest };
  }
  return null;
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
 * one replaces are marked `inactive` explicitly (see inactivateReplaced). The deployment is the
 * record of the change (the history and the holder are read from deployments), so once it exists
 * the change has happened: a status that cannot be set is a warning (the Environments page shows
 * the change late), not a failure that would contradict the record. Its create is never retried
 * blindly: after a 5xx or timeout the deployment is looked up by the nonce in its payload.
 */
export async function createStageDeployment(repository: RepositoryRef, request: DeploymentRequest): Promise<number> {
  const { client, owner, repo } = repository;
  const payload = { ...request.payload, nonce: request.payload.nonce ?? randomUUID() };
  const action = `creating a deployment to ${request.stage}`;
  const create = () =>
    client.request('POST /repos/{owner}/{repo}/deployments', {
      owner, repo,
      ref: request.tag,
      task: deploymentTask(request.name),
      environment: request.stage,
      payload: payload as unknown as Record<string, unknown>,
      description: request.description.slice(0, 140),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: request.stage === 'production',
      request: { retries: 0 },
    });
  let id: number | undefined;
  try {
    id = deploymentId((await create()).data);
  } catch (error) {
    if (!isUncertainOutcome(error)) throw registryApiError(error, action, registryPermissions.writeDeployments);
    request.log.warning(`${action} got no clear answer; looking for it before trying again`);
    id = (await findByNonce(repository, request, payload.nonce)) ?? deploymentId((await apiCall(action, registryPermissions.writeDeployments, create)).data);
  }
  if (typeof id !== 'number') throw new Error(`GitHub did not create the deployment to ${request.stage}`);
  try {
    await setDeploymentState(repository, id, 'success', request);
  } catch (error) {
    request.log.warning(`${request.name} v${payload.version} is recorded on ${request.stage} as deployment ${id}, but its status could not be set (${errorMessage(error)}); the Environments page shows it once a status is set`);
  }
  return id;
}

async function findByNonce(repository: RepositoryRef, request: DeploymentRequest, nonce: string): Promise<number | undefined> {
  const deployments = await stageDeployments(repository, request.name, request.stage, 10, 'listing deployments');
  return deployments.find((deployment) => payloadOf(deployment, request.name)?.nonce === nonce)?.id;
}

/** A 201 holds the deployment; a 202 ("auto-merge in progress") does not, which auto_merge: false rules out. */
function deploymentId(data: unknown): number | undefined {
  const id = (data as { id?: unknown }).id;
  return typeof id === 'number' ? id : undefined;
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
  const [, ...replaced] = await stageDeployments(repository, name, stage, 100, 'listing deployments');
  for (const deployment of replaced) {
    const { data: statuses } = await apiCall('reading deployment statuses', registryPermissions.readDeployments, () =>
      client.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', { owner, repo, deployment_id: deployment.id, per_page: 1 }),
    );
    if ((statuses as { state: string }[])[0]?.state === 'inactive') break;
    await setDeploymentState(repository, deployment.id, 'inactive', { stage, environmentUrl: '', logUrl: null, description: '' });
  }
}
