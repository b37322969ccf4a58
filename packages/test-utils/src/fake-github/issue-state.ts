// The records behind issues, labels and dispatchable workflows: what an action that keeps one
// sticky issue per drift check and starts a retraining workflow meets on GitHub.
// FakeGitHubState holds them; handlers change them.
import type { FakeUser } from './state.ts';

/** Why an issue is in its state (GitHub's `state_reason`); null for an issue never closed. */
export type IssueStateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface FakeIssue {
  /** The issue id (not the number), as GitHub keeps both. */
  id: number;
  /** Shares one sequence with pull request numbers, as on GitHub. */
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: IssueStateReason | null;
  /** Label names, as the repository spells them. */
  labels: string[];
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: FakeUser | null;
}

export interface FakeLabel {
  id: number;
  name: string;
  /** Six hex digits without `#`; GitHub gives labels it creates on the fly `ededed`. */
  color: string;
  description: string | null;
  default: boolean;
}

export interface WorkflowOptions {
  /** The workflow's `name:`; GitHub shows the file path when a workflow has none. */
  name?: string;
  /** Whether `on:` lists `workflow_dispatch` (default true). */
  dispatch?: boolean;
  /** `on.workflow_dispatch.inputs` names. */
  inputs?: string[];
  /** Inputs marked `required: true` (declared too, whether or not `inputs` lists them). */
  required?: string[];
}

export interface FakeWorkflow {
  id: number;
  name: string;
  /** `.github/workflows/<file>` */
  path: string;
  dispatch: boolean;
  inputs: string[];
  required: string[];
  createdAt: string;
}

export interface FakeWorkflowDispatch {
  /** The workflow's file name (`retrain.yml`), however the request named it. */
  workflow: string;
  workflowId: number;
  /** As the request gave it (`main`, `refs/heads/main`, `v1`). */
  ref: string;
  /** As the request gave them; `{}` when none. */
  inputs: Record<string, unknown>;
  at: string;
  /** The queued run the dispatch started (in `workflowRuns`). */
  runId: number;
}

/** The file name of a workflow path (`.github/workflows/retrain.yml` -> `retrain.yml`). */
export function workflowFileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
