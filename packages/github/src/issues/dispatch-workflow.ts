import type { GitHubClient } from '../client.ts';

/**
 * Start a workflow through `workflow_dispatch` (the one event a GITHUB_TOKEN may trigger runs
 * with). `workflow` is the file name (`retrain.yml`); `ref` a branch, usually the default one.
 */
export async function dispatchWorkflow(client: GitHubClient, request: { owner: string; repo: string; workflow: string; ref: string; inputs: Record<string, string> }): Promise<void> {
  await client.rest.actions.createWorkflowDispatch({
    owner: request.owner, repo: request.repo, workflow_id: request.workflow, ref: request.ref, inputs: request.inputs,
    // A repeated dispatch starts a second run: never retried blindly.
    request: { retries: 0 },
  });
}
