import { join, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { type DriftReport, InputError, commentLimit, errorMessage, oneLine, renderDriftMarkdown, version } from '@modelgate/core';
import { driftFiles, isDriftReadWorker, loadConfig, matchDataFiles, runDriftReadWorker, writeFileAtomic } from '@modelgate/data';
import {
  actionLog, closeStickyIssue, createGitHubClient, describeApiError, dispatchWorkflow, isPermissionDenied, readRunContext, upsertStickyIssue,
  type GitHubClient, type RunContext,
} from '@modelgate/github';
import { readInputs, type DriftCheckInputs } from './inputs.ts';

const label = 'modelgate-drift';

export async function run(): Promise<void> {
  // The bundle is also the worker script that reads the current file beside the reference.
  if (isDriftReadWorker()) return runDriftReadWorker();
  try {
    const inputs = readInputs();
    const env = process.env;
    const context = await readRunContext(env);
    const workspace = context.workspace;
    const { config } = await loadConfig(inputs.config ? resolve(workspace, inputs.config) : undefined, workspace);
    const [reference, current] = await Promise.all([onePath(inputs.reference, workspace, 'reference'), onePath(inputs.current, workspace, 'current')]);
    const report = await driftFiles({
      reference: reference.path,
      current: current.path,
      referenceLabel: reference.shown,
      currentLabel: current.shown,
      config: config.drift,
      // The bundle reads the current file on a worker thread started from itself.
      workerScript: new URL(import.meta.url),
    });

    const reportPath = join(env.RUNNER_TEMP ?? workspace, `modelgate-drift-${inputs.name}.json`);
    await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    core.setOutput('report-path', reportPath);
    core.setOutput('drifted', String(report.drifted));
    core.setOutput('drifted-share', String(report.drifted_share));
    core.setOutput('issue-number', '');
    const title = `Data drift: ${inputs.name}`;
    await core.summary.addRaw(renderDriftMarkdown(report, { title, ...(context.runUrl ? { runUrl: context.runUrl } : {}) })).write();
    core.info(`${report.drifted ? 'data set drifted' : 'no data set drift'}: ${report.drifted_count} of ${report.counted} tests drifted`);

    if (inputs.issue || (report.drifted && inputs.dispatchWorkflow)) {
      const client = createGitHubClient({ token: inputs.token, baseUrl: context.apiUrl, log: actionLog, env, userAgent: `modelgate/${version}` });
      if (inputs.issue) await updateIssue(client, context, inputs, report, title);
      if (report.drifted && inputs.dispatchWorkflow) await startRetraining(client, context, inputs, report);
    }
    if (report.drifted && inputs.failOnDrift) core.setFailed(`data set drifted: ${report.drifted_count} of ${report.counted} tests (${(report.drifted_share * 100).toFixed(0)}%, threshold ${(report.drift_share * 100).toFixed(0)}%)`);
  } catch (error) {
    core.setOutput('drifted', 'false');
    core.setFailed(oneLine(errorMessage(error)));
  }
}

/** One file per side, given as a path or a glob that matches exactly one file. */
async function onePath(lines: string[], workspace: string, what: string): Promise<{ path: string; shown: string }> {
  const files = await matchDataFiles(lines, workspace, what);
  if (files.length !== 1) throw new InputError(`input "${what}": ${files.length} files match; name one file, or merge profiles with modelgate profile merge`);
  return { path: files[0]!, shown: relative(workspace, files[0]!) || files[0]! };
}

// The sticky issue: opened or rewritten while the data drifts, closed with a comment once it does not.
async function updateIssue(client: GitHubClient, context: RunContext, inputs: DriftCheckInputs, report: DriftReport, title: string): Promise<void> {
  const marker = `<!-- modelgate:drift:${inputs.name} -->`;
  const request = { owner: context.owner, repo: context.repo, marker, label, log: actionLog };
  try {
    if (report.drifted) {
      // Cut to GitHub's body limit; the job summary (1 MiB) keeps every row.
      const body = renderDriftMarkdown(report, { title, marker, maxLength: commentLimit, ...(context.runUrl ? { runUrl: context.runUrl } : {}) });
      const issue = await upsertStickyIssue(client, { ...request, title, body });
      core.setOutput('issue-number', String(issue.number));
      core.info(`${issue.action} issue #${issue.number}: ${issue.url}`);
    } else {
      const when = new Date().toISOString().slice(0, 10);
      const closed = await closeStickyIssue(client, { ...request, comment: `No data set drift on ${when}: ${report.drifted_count} of ${report.counted} tests drifted${context.runUrl ? ` ([workflow run](${context.runUrl}))` : ''}. Closing.` });
      if (closed) {
        core.setOutput('issue-number', String(closed.number));
        core.info(`closed issue #${closed.number}: the data no longer drifts`);
      }
    }
  } catch (error) {
    // The drift verdict stands whatever the API says; a missing permission is named.
    core.warning(isPermissionDenied(error)
      ? `drift issue not updated: the token may not write issues; grant the job \`permissions: issues: write\` (${describeApiError(error, 'GitHub answered')})`
      : `drift issue not updated: ${describeApiError(error, 'updating the drift issue')}`);
  }
}

async function startRetraining(client: GitHubClient, context: RunContext, inputs: DriftCheckInputs, report: DriftReport): Promise<void> {
  const workflow = inputs.dispatchWorkflow!;
  try {
    const ref = await defaultBranch(client, context);
    const reason = `data drift in ${inputs.name}: ${report.drifted_count} of ${report.counted} tests drifted${context.runUrl ? ` (${context.runUrl})` : ''}`;
    await dispatchWorkflow(client, { owner: context.owner, repo: context.repo, workflow, ref, inputs: { reason } });
    core.info(`started ${workflow} on ${ref}: ${reason}`);
  } catch (error) {
    core.warning(isPermissionDenied(error)
      ? `${workflow} not started: the token may not dispatch workflows; grant the job \`permissions: actions: write\` (${describeApiError(error, 'GitHub answered')})`
      : `${workflow} not started: ${describeApiError(error, `dispatching ${workflow}`)}`);
  }
}

// The event payload names the default branch (push, schedule, workflow_dispatch); else one request.
async function defaultBranch(client: GitHubClient, context: RunContext): Promise<string> {
  return context.defaultBranch ?? (await client.rest.repos.get({ owner: context.owner, repo: context.repo })).data.default_branch;
}
