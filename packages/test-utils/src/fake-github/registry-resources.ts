// JSON shapes of releases, release assets, deployments, deployment statuses, environments and run
// approvals, built on the examples in GitHub's REST description like the other resources.
import { createHash } from 'node:crypto';
import { hostPaths } from './hosts.ts';
import type { FakeDeployment, FakeDeploymentStatus, FakeEnvironment, FakeRelease, FakeReleaseAsset, FakeReviewer, FakeRunApproval } from './registry-state.ts';
import { nodeId, type ResourceRenderer } from './resources.ts';

type Json = Record<string, unknown>;

/** GitHub shows a draft under `untagged-<hash>` until it is published: a draft has no tag yet. */
function releasePath(release: FakeRelease): string {
  return release.draft ? `untagged-${createHash('sha1').update(String(release.id)).digest('hex').slice(0, 20)}` : release.tagName;
}

export function releaseJson(render: ResourceRenderer, release: FakeRelease): Json {
  const { repository } = render.state;
  const url = `${render.apiBase}/releases/${release.id}`;
  const { discussion_url: _noDiscussion, ...template } = render.template('release');
  return {
    ...template,
    url, html_url: `${render.htmlBase}/releases/tag/${releasePath(release)}`, assets_url: `${url}/assets`,
    upload_url: `${repository.serverUrl}${hostPaths.uploads}/repos/${render.state.fullName}/releases/${release.id}/assets{?name,label}`,
    tarball_url: release.draft ? null : `${render.apiBase}/tarball/${release.tagName}`,
    zipball_url: release.draft ? null : `${render.apiBase}/zipball/${release.tagName}`,
    id: release.id, node_id: nodeId('Release', release.id), tag_name: release.tagName, target_commitish: release.targetCommitish,
    name: release.name, body: release.body, draft: release.draft, prerelease: release.prerelease, immutable: release.immutable,
    created_at: release.createdAt, updated_at: release.updatedAt, published_at: release.publishedAt,
    author: render.user(release.author),
    assets: release.assets.map((asset) => releaseAssetJson(render, asset, release)),
  };
}

export function releaseAssetJson(render: ResourceRenderer, asset: FakeReleaseAsset, release: FakeRelease): Json {
  return {
    ...render.template('release-asset'),
    url: `${render.apiBase}/releases/assets/${asset.id}`,
    browser_download_url: `${render.htmlBase}/releases/download/${releasePath(release)}/${encodeURIComponent(asset.name)}`,
    id: asset.id, node_id: nodeId('ReleaseAsset', asset.id), name: asset.name, label: asset.label,
    // GitHub's upload documentation calls an unfinished upload `starter`; the description's schema
    // allows only `uploaded` and `open` for `state`, so the fake sends `open` for uploads in progress
    // and failed ones alike (clients should treat anything but `uploaded` as unfinished).
    state: asset.state === 'uploaded' ? 'uploaded' : 'open',
    content_type: asset.contentType, size: asset.size, digest: asset.digest, download_count: asset.downloadCount,
    created_at: asset.createdAt, updated_at: asset.updatedAt, uploader: render.user(asset.uploader),
  };
}

export function deploymentJson(render: ResourceRenderer, deployment: FakeDeployment): Json {
  const url = `${render.apiBase}/deployments/${deployment.id}`;
  return {
    ...render.template('deployment'),
    url, id: deployment.id, node_id: nodeId('Deployment', deployment.id), sha: deployment.sha, ref: deployment.ref,
    task: deployment.task, payload: deployment.payload, original_environment: deployment.originalEnvironment,
    environment: deployment.environment, description: deployment.description, creator: render.user(deployment.creator),
    created_at: deployment.createdAt, updated_at: deployment.updatedAt, statuses_url: `${url}/statuses`,
    repository_url: render.apiBase, transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment, performed_via_github_app: null,
  };
}

export function deploymentStatusJson(render: ResourceRenderer, status: FakeDeploymentStatus): Json {
  const deploymentUrl = `${render.apiBase}/deployments/${status.deploymentId}`;
  return {
    ...render.template('deployment-status'),
    url: `${deploymentUrl}/statuses/${status.id}`, id: status.id, node_id: nodeId('DeploymentStatus', status.id),
    state: status.state, creator: render.user(status.creator), description: status.description, environment: status.environment,
    // `log_url` replaced `target_url`; GitHub fills both with the same value.
    target_url: status.logUrl, log_url: status.logUrl, environment_url: status.environmentUrl,
    created_at: status.createdAt, updated_at: status.createdAt, deployment_url: deploymentUrl, repository_url: render.apiBase,
    performed_via_github_app: null,
  };
}

/** The environment fields every environment object has (what run approvals list). */
function environmentSummary(render: ResourceRenderer, environment: FakeEnvironment): Json {
  const name = encodeURIComponent(environment.name);
  return {
    id: environment.id, node_id: nodeId('Environment', environment.id), name: environment.name,
    url: `${render.apiBase}/environments/${name}`, html_url: `${render.htmlBase}/deployments/activity_log?environments_filter=${name}`,
    created_at: environment.createdAt, updated_at: environment.updatedAt,
  };
}

export function environmentJson(render: ResourceRenderer, environment: FakeEnvironment): Json {
  // GitHub lists only the rules an environment has, in this order.
  const rules: Json[] = [];
  const { ruleIds } = environment;
  if (environment.waitTimer > 0) {
    rules.push({ id: ruleIds.waitTimer, node_id: nodeId('Gate', ruleIds.waitTimer), type: 'wait_timer', wait_timer: environment.waitTimer });
  }
  if (environment.reviewers.length > 0) {
    rules.push({
      id: ruleIds.requiredReviewers, node_id: nodeId('Gate', ruleIds.requiredReviewers), type: 'required_reviewers',
      prevent_self_review: environment.preventSelfReview,
      reviewers: environment.reviewers.map((reviewer) => reviewerJson(render, reviewer)),
    });
  }
  if (environment.deploymentBranchPolicy) {
    rules.push({ id: ruleIds.branchPolicy, node_id: nodeId('Gate', ruleIds.branchPolicy), type: 'branch_policy' });
  }
  const policy = environment.deploymentBranchPolicy;
  return {
    ...environmentSummary(render, environment),
    can_admins_bypass: environment.canAdminsBypass,
    protection_rules: rules,
    deployment_branch_policy: policy ? { protected_branches: policy.protectedBranches, custom_branch_policies: policy.customBranchPolicies } : null,
  };
}

function reviewerJson(render: ResourceRenderer, reviewer: FakeReviewer): Json {
  if (!('team' in reviewer)) return { type: 'User', reviewer: render.user(reviewer) };
  const { owner } = render.state.repository;
  const id = Number.parseInt(createHash('sha1').update(`team-${owner}-${reviewer.team}`).digest('hex').slice(0, 7), 16);
  const url = `${render.state.repository.apiUrl}/organizations/${render.state.repository.id}/team/${id}`;
  return {
    type: 'Team',
    reviewer: {
      id, node_id: nodeId('Team', id), url, html_url: `${render.state.repository.serverUrl}/orgs/${owner}/teams/${reviewer.team}`,
      name: reviewer.team, slug: reviewer.team, description: null, privacy: 'closed', notification_setting: 'notifications_enabled',
      permission: 'pull', members_url: `${url}/members{/member}`, repositories_url: `${url}/repos`, parent: null, type: 'organization',
    },
  };
}

export function runApprovalJson(render: ResourceRenderer, approval: FakeRunApproval): Json {
  return {
    state: approval.state, comment: approval.comment, user: render.user(approval.user),
    environments: approval.environments.map((name) => environmentSummary(render, render.state.environment(name))),
  };
}
