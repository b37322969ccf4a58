// Workflow dispatch: start a seeded workflow (state.addWorkflow) on a branch or tag with inputs,
// refused the way GitHub refuses it. A dispatch is recorded (state.workflowDispatches) and queues a
// workflow run, as the real one does (GITHUB_TOKEN may start workflow_dispatch runs).
import { docs, notFound, unprocessable, type Handler, type HandlerContext } from '../handler-kit.ts';
import { workflowFileName } from '../issue-state.ts';

const dispatchDocs = `${docs}/actions/workflows#create-a-workflow-dispatch-event`;

/** The branch or tag a dispatch `ref` names, and its commit; GitHub takes no commit SHA here. */
function dispatchRef(c: HandlerContext, ref: string): { name: string; sha: string } | undefined {
  const { branches, tags } = c.state;
  if (ref.startsWith('refs/heads/')) return found(ref.slice('refs/heads/'.length), branches);
  if (ref.startsWith('refs/tags/')) return found(ref.slice('refs/tags/'.length), tags);
  return found(ref, branches) ?? found(ref, tags);
}

function found(name: string, refs: ReadonlyMap<string, string>): { name: string; sha: string } | undefined {
  const sha = refs.get(name);
  return sha === undefined ? undefined : { name, sha };
}

export const workflowHandlers: Record<string, Handler> = {
  // GitHub's order: the workflow (404), the ref it is read at, its trigger there, then the inputs.
  // The 422s are plain messages, as GitHub sends them (the description documents no 422 here).
  'actions/create-workflow-dispatch': (c) => {
    const workflow = c.state.workflow(c.params.workflow_id!);
    if (!workflow) return notFound(dispatchDocs);
    const b = c.body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
    const ref = dispatchRef(c, b.ref);
    if (!ref) return unprocessable(`No ref found for: ${b.ref}`, dispatchDocs);
    if (!workflow.dispatch) return unprocessable("Workflow does not have 'workflow_dispatch' trigger", dispatchDocs);
    const inputs = b.inputs ?? {};
    const unexpected = Object.keys(inputs).filter((name) => !workflow.inputs.includes(name));
    // Ruby's inspect of the names, as GitHub writes them: ["a", "b"].
    if (unexpected.length > 0) return unprocessable(`Unexpected inputs provided: [${unexpected.map((name) => JSON.stringify(name)).join(', ')}]`, dispatchDocs);
    const missing = workflow.required.find((name) => inputs[name] === undefined);
    if (missing !== undefined) return unprocessable(`Required input '${missing}' not provided`, dispatchDocs);

    const run = c.state.addWorkflowRun({
      name: workflow.name, path: workflow.path, headBranch: ref.name, headSha: ref.sha, event: 'workflow_dispatch',
      status: 'queued', conclusion: null, actor: c.state.tokenUser.login,
    });
    c.state.workflowDispatches.push({ workflow: workflowFileName(workflow.path), workflowId: workflow.id, ref: b.ref, inputs, at: c.state.now(), runId: run.id });
    if (!b.return_run_details) return { status: 204 };
    return { status: 200, body: { workflow_run_id: run.id, run_url: `${c.render.apiBase}/actions/runs/${run.id}`, html_url: `${c.render.htmlBase}/actions/runs/${run.id}` } };
  },
};
