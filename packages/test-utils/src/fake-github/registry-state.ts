// The records behind releases, release assets, deployments, environments and run approvals: what a
// model registry built on GitHub stores there. FakeGitHubState holds them; handlers change them.
import type { FakeUser } from './state.ts';

export interface FakeReleaseAsset {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  size: number;
  /**
   * `starter`: an upload in progress, or one GitHub did not finish (an upstream 502: "an empty asset
   * with a state of starter. It can be safely deleted"); it holds no bytes.
   */
  state: 'uploaded' | 'starter';
  /** `sha256:<hex>` of the bytes, as GitHub reports for uploads; null for a starter asset. */
  digest: string | null;
  /** Where the bytes are on disk (undefined for a starter asset). */
  path: string | undefined;
  uploader: FakeUser;
  downloadCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface FakeRelease {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  /** Published while the repository had immutable releases on: assets, tag and state are locked. */
  immutable: boolean;
  makeLatest: 'true' | 'false' | 'legacy';
  author: FakeUser;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  assets: FakeReleaseAsset[];
}

export interface FakeDeploymentStatus {
  id: number;
  deploymentId: number;
  state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  creator: FakeUser;
  createdAt: string;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  /** As given: an object, or a string GitHub hands back as the same string. */
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  creator: FakeUser;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  statuses: FakeDeploymentStatus[];
}

/** A required reviewer: a user, or a team of the repository's organization by slug. */
export type FakeReviewer = FakeUser | { team: string };

export interface FakeEnvironment {
  id: number;
  name: string;
  reviewers: FakeReviewer[];
  preventSelfReview: boolean;
  /** Minutes; 0 = no wait timer rule. */
  waitTimer: number;
  /** Null: any branch may deploy (no branch_policy rule). */
  deploymentBranchPolicy: { protectedBranches: boolean; customBranchPolicies: boolean } | null;
  canAdminsBypass: boolean;
  /** Ids of the protection rules, stable across reads as on GitHub. */
  ruleIds: { waitTimer: number; requiredReviewers: number; branchPolicy: number };
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentOptions {
  reviewers?: FakeReviewer[];
  preventSelfReview?: boolean;
  waitTimer?: number;
  deploymentBranchPolicy?: { protectedBranches: boolean; customBranchPolicies: boolean } | null;
  canAdminsBypass?: boolean;
}

export interface FakeRunApproval {
  runId: number;
  environments: string[];
  state: 'approved' | 'rejected';
  user: FakeUser;
  comment: string;
}

/** The state GitHub shows for a deployment: that of its newest status (none: never had one). */
export function latestState(deployment: FakeDeployment): FakeDeploymentStatus['state'] | undefined {
  return deployment.statuses.at(-1)?.state;
}
