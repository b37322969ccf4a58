// Deployments and deployment statuses: refs resolved like GitHub (tags, branches, SHAs), required
// status contexts, environments created on first use, `auto_inactive`, and the delete rule.
import { docs, list, newestFirst, notFound, unprocessable, validationFailed, type Handler, type HandlerContext, type HandlerResult } from '../handler-kit.ts';
import { latestState, type FakeDeployment, type FakeDeploymentStatus } from '../registry-state.ts';
import { deploymentJson, deploymentStatusJson } from '../registry-resources.ts';

const deploymentDocs = `${docs}/deployments/deployments`;
const statusDocs = `${docs}/deployments/statuses`;
/** "The maximum description length is 140 characters." (create a deployment status) */
const statusDescriptionLimit = 140;

interface DeploymentFields {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

interface StatusFields {
  state: FakeDeploymentStatus['state'];
  target_url?: string;
  log_url?: string;
  description?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

/**
 * GitHub's 409 when required commit status contexts are not all `success` at the SHA: every
 * context seen on the SHA unless `required_contexts` names them (`[]` skips the check). The fake
 * has no commit graph, so `auto_merge` never finds the ref behind the default branch.
 */
function failedContexts(c: HandlerContext, sha: string, ref: string, required: string[] | undefined): HandlerResult | undefined {
  const latest = new Map<string, string>();
  for (const status of [...c.state.statuses].sort((a, b) => a.id - b.id)) if (status.sha === sha) latest.set(status.context, status.state);
  const contexts = required ?? [...latest.keys()];
  if (contexts.every((context) => latest.get(context) === 'success')) return undefined;
  return {
    status: 409,
    body: {
      message: `Conflict: Commit status checks failed for ${ref}.`,
      errors: [{ contexts: contexts.map((context) => ({ context, state: latest.get(context) ?? 'missing' })), resource: 'Deployment', field: 'required_contexts', code: 'invalid' }],
      documentation_url: `${deploymentDocs}#create-a-deployment`,
      status: '409',
    },
  };
}

function addStatus(c: HandlerContext, deployment: FakeDeployment, fields: Omit<FakeDeploymentStatus, 'id' | 'deploymentId' | 'creator' | 'createdAt'>): FakeDeploymentStatus {
  const status: FakeDeploymentStatus = { id: c.state.nextId(), deploymentId: deployment.id, creator: c.state.tokenUser, createdAt: c.state.now(), ...fields };
  deployment.statuses.push(status);
  deployment.updatedAt = status.createdAt;
  return status;
}

/**
 * `auto_inactive` as GitHub documents it: a `success` status adds an `inactive` status to every
 * earlier deployment to the same environment whose latest status is `success`, unless that
 * deployment is transient or a production environment's.
 */
function inactivatePrior(c: HandlerContext, deployment: FakeDeployment): void {
  for (const prior of c.state.deployments) {
    if (prior.id >= deployment.id || prior.environment !== deployment.environment) continue;
    if (prior.transientEnvironment || prior.productionEnvironment || latestState(prior) !== 'success') continue;
    addStatus(c, prior, { state: 'inactive', description: '', environment: prior.environment, environmentUrl: '', logUrl: '' });
  }
}

function findDeployment(c: HandlerContext): FakeDeployment | undefined {
  return c.state.deployment(Number(c.params.deployment_id));
}

export const deploymentHandlers: Record<string, Handler> = {
  'repos/create-deployment': (c) => {
    const b = c.body as unknown as DeploymentFields;
    const sha = c.state.resolveRef(b.ref);
    if (sha === undefined) return unprocessable(`No ref found for: ${b.ref}`, `${deploymentDocs}#create-a-deployment`);
    const failed = failedContexts(c, sha, b.ref, b.required_contexts);
    if (failed) return failed;
    const environment = b.environment ?? 'production';
    c.state.environment(environment);
    const now = c.state.now();
    const deployment: FakeDeployment = {
      id: c.state.nextId(), sha, ref: b.ref, task: b.task ?? 'deploy', payload: b.payload ?? {},
      environment, originalEnvironment: environment, description: b.description === undefined ? '' : b.description,
      transientEnvironment: b.transient_environment ?? false, productionEnvironment: b.production_environment ?? environment === 'production',
      creator: c.state.tokenUser, createdAt: now, updatedAt: now, statuses: [],
    };
    c.state.deployments.push(deployment);
    return { status: 201, body: deploymentJson(c.render, deployment) };
  },

  'repos/list-deployments': (c) => {
    const q = c.url.searchParams;
    const matches = (deployment: FakeDeployment) =>
      (!q.get('sha') || deployment.sha === q.get('sha')) && (!q.get('ref') || deployment.ref === q.get('ref')) &&
      (!q.get('task') || deployment.task === q.get('task')) && (!q.get('environment') || deployment.environment === q.get('environment'));
    return list(c, newestFirst(c.state.deployments.filter(matches)), (deployment) => deploymentJson(c.render, deployment));
  },

  'repos/get-deployment': (c) => {
    const deployment = findDeployment(c);
    return deployment ? { status: 200, body: deploymentJson(c.render, deployment) } : notFound(`${deploymentDocs}#get-a-deployment`);
  },

  // "If the repository only has one deployment, you can delete the deployment regardless of its
  // status. If the repository has more than one deployment, you can only delete inactive
  // deployments." Inactive = its latest status is not `success`; one without statuses counts as
  // active here (the stricter reading: a client that passes here passes on GitHub).
  'repos/delete-deployment': (c) => {
    const deployment = findDeployment(c);
    if (!deployment) return notFound(`${deploymentDocs}#delete-a-deployment`);
    const state = latestState(deployment);
    if (c.state.deployments.length > 1 && (state === undefined || state === 'success')) {
      return unprocessable('We cannot delete an active deployment unless it is the only deployment in a given environment.', `${deploymentDocs}#delete-a-deployment`);
    }
    c.state.deployments.splice(c.state.deployments.indexOf(deployment), 1);
    return { status: 204 };
  },

  'repos/create-deployment-status': (c) => {
    const documentation = `${statusDocs}#create-a-deployment-status`;
    const deployment = findDeployment(c);
    if (!deployment) return notFound(documentation);
    const b = c.body as unknown as StatusFields;
    const description = b.description ?? '';
    if (description.length > statusDescriptionLimit) {
      return validationFailed(documentation, { resource: 'DeploymentStatus', code: 'custom', field: 'description', message: `description is too long (maximum is ${statusDescriptionLimit} characters)` });
    }
    // A status may move the deployment to another environment; otherwise the previous status's environment holds.
    const environment = b.environment ?? deployment.statuses.at(-1)?.environment ?? deployment.environment;
    if (b.environment !== undefined) {
      c.state.environment(b.environment);
      deployment.environment = b.environment;
    }
    const status = addStatus(c, deployment, {
      state: b.state, description, environment, environmentUrl: b.environment_url ?? '', logUrl: b.log_url ?? b.target_url ?? '',
    });
    if (b.state === 'success' && b.auto_inactive !== false) inactivatePrior(c, deployment);
    return {
      status: 201, body: deploymentStatusJson(c.render, status),
      headers: { location: `${c.render.apiBase}/deployments/${deployment.id}/statuses/${status.id}` },
    };
  },

  'repos/list-deployment-statuses': (c) => {
    const deployment = findDeployment(c);
    if (!deployment) return notFound(`${statusDocs}#list-deployment-statuses`);
    return list(c, newestFirst(deployment.statuses), (status) => deploymentStatusJson(c.render, status));
  },

  'repos/get-deployment-status': (c) => {
    const status = findDeployment(c)?.statuses.find((candidate) => candidate.id === Number(c.params.status_id));
    return status ? { status: 200, body: deploymentStatusJson(c.render, status) } : notFound(`${statusDocs}#get-a-deployment-status`);
  },
};
