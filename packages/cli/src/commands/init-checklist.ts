// What a user must do by hand after `modelgate init`, read from the workflows it wrote: the gate
// check to require, the Environments to create, the workflows a workflow_run waits for.
import { parseYamlText } from '@modelgate/data';

/** The gate action's `check-name` default (actions/gate/action.yml). */
const DEFAULT_CHECK_NAME = 'modelgate gate';

interface Workflow {
  name?: string;
  on?: { workflow_run?: { workflows?: string[] }; workflow_dispatch?: { inputs?: Record<string, { options?: string[] }> } };
  jobs?: Record<string, { environment?: string | { name?: string }; steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
}

export interface WrittenWorkflow {
  /** Path relative to the repository root. */
  path: string;
  content: string;
}

export interface ChecklistInput {
  workflows: WrittenWorkflow[];
  branch: string;
  /** Whether this run writes modelgate.yml (else the user keeps theirs). */
  config: boolean;
  /** `name:` of the workflows already in .github/workflows that this run does not write. */
  otherWorkflowNames: string[];
}

export function checklist({ workflows, branch, config, otherWorkflowNames }: ChecklistInput): string[] {
  const parsed = workflows.map(({ path, content }) => ({ path, workflow: (parseYamlText(content, path) ?? {}) as Workflow }));
  const items: string[] = [];
  if (workflows.length > 0) {
    items.push('Replace the example commands, paths and model name in the workflows written (python train.py, requirements.txt, data/, metrics.json, my-model) with yours.');
  }
  if (config) items.push('Write gate rules for your metrics in modelgate.yml (gate.rules): the starting rule checks only `accuracy`, and a rule on a metric your metrics file lacks is skipped.');
  const known = new Set([...otherWorkflowNames, ...parsed.map(({ path, workflow }) => workflow.name ?? path)]);
  for (const { path, workflow } of parsed) {
    for (const needed of workflow.on?.workflow_run?.workflows ?? []) {
      if (!known.has(needed)) items.push(`${path} runs after the workflow "${needed}", which is not in .github/workflows: add it too (see \`modelgate init --help\`) or edit workflow_run.workflows.`);
    }
  }
  items.push(`Commit and push these files to ${branch}: workflows started by workflow_run, schedule or workflow_dispatch run only from the default branch.`);
  const checks = [...new Set(parsed.flatMap(({ workflow }) => gateSteps(workflow).map((step) => String(step.with?.['check-name'] ?? DEFAULT_CHECK_NAME))))].filter(Boolean);
  for (const check of checks) {
    items.push(`Require the "${check}" check on ${branch} (Settings > Rules > Rulesets, or Settings > Branches): a failed gate then blocks the merge. GitHub offers the check once it has run on a pull request.`);
  }
  const environments = [...new Set(parsed.flatMap(({ workflow }) => environmentNames(workflow)))].sort(byStageOrder);
  if (environments.length > 0) {
    const production = environments.includes('production') ? ' and add required reviewers to production: promotions to it wait for their approval (private repositories on the Free, Pro and Team plans cannot have reviewers)' : '';
    items.push(`Create the Environments ${environments.join(', ')} (Settings > Environments)${production}.`);
  }
  return items;
}

/** The registry's default stage order first (staging before production), then by name. */
function byStageOrder(a: string, b: string): number {
  const rank = (name: string) => ['staging', 'production'].indexOf(name) >>> 0;
  return rank(a) - rank(b) || a.localeCompare(b);
}

function gateSteps(workflow: Workflow): { with?: Record<string, unknown> }[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => (job.steps ?? []).filter((step) => /\/actions\/gate@/.test(step.uses ?? '')));
}

/** Literal environment names, and the choices of a workflow_dispatch input an expression names. */
function environmentNames(workflow: Workflow): string[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => {
    const environment = typeof job.environment === 'object' ? job.environment?.name : job.environment;
    if (!environment) return [];
    const input = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(environment);
    if (input) return workflow.on?.workflow_dispatch?.inputs?.[input[1]!]?.options ?? [];
    return environment.includes('${{') ? [] : [environment];
  });
}
