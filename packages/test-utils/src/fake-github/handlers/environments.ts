// Environments (read-only: tests seed them with state.addEnvironment) and a run's approvals.
import { docs, list, notFound, type Handler } from '../handler-kit.ts';
import { environmentJson, runApprovalJson } from '../registry-resources.ts';

export const environmentHandlers: Record<string, Handler> = {
  'repos/get-environment': (c) => {
    const environment = c.state.environments.get(c.params.environment_name!);
    return environment ? { status: 200, body: environmentJson(c.render, environment) } : notFound(`${docs}/deployments/environments#get-an-environment`);
  },
  'repos/get-all-environments': (c) => {
    const environments = [...c.state.environments.values()].sort((a, b) => a.name.localeCompare(b.name));
    return list(c, environments, (environment) => environmentJson(c.render, environment), 'environments');
  },

  // A run that exists answers its reviews (none yet: an empty list); an unknown run 404s. The run an
  // action runs in (runAction's run id) exists without being seeded.
  'actions/get-reviews-for-run': (c) => {
    const runId = Number(c.params.run_id);
    const approvals = c.state.runApprovals.filter((approval) => approval.runId === runId);
    const known = approvals.length > 0 || c.state.runnerRunIds.has(runId) || c.state.workflowRuns.some((run) => run.id === runId);
    if (!known) return notFound(`${docs}/actions/workflow-runs#get-the-review-history-for-a-workflow-run`);
    return { status: 200, body: approvals.map((approval) => runApprovalJson(c.render, approval)) };
  },
};
